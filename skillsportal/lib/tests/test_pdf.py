"""HTML to PDF: a report uses what it carries (data: URIs) and loads nothing else.

Chromium itself refuses file: URLs from the about:blank page that set_content
makes (checked: a file: stylesheet was ignored even when the route allowed it);
the route's allow-list of data: alone is a second lock, not testable apart.
"""

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from skillsportal.lib.pdf import html_to_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdfinfo") is None,
    reason="needs Debian's chromium and poppler-utils",
)
SMALL_PAGE = "@page { size: 100mm 100mm; }"


def _pdf(html: str) -> bytes:
    """Rendered in a thread of its own: browser tests leave an event loop here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(html_to_pdf, html).result()


def _page_size(pdf: bytes) -> str:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    line = next(x for x in info.stdout.decode().splitlines() if "Page size" in x)
    return line.split(":", 1)[1].strip()


def _styled(href: str) -> str:
    return f'<html><head><link rel="stylesheet" href="{href}"></head><body>ก</body>'


def test_what_the_report_carries_is_used():
    pdf = _pdf(_styled("data:text/css," + quote(SMALL_PAGE)))
    assert _page_size(pdf).startswith("282.96")  # 100 mm


def test_a_server_file_is_not(tmp_path):
    css = tmp_path / "page.css"
    css.write_text(SMALL_PAGE)
    assert _page_size(_pdf(_styled(css.as_uri()))).startswith("595")  # A4
