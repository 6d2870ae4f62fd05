"""HTML to PDF through Debian's chromium (Playwright): a correct Thai text layer.

research/ecosystem-security.md §3.1: WeasyPrint breaks ำ in the text layer;
Chromium gets it right. JavaScript is off and every request but data: is
refused (fonts come as data: URIs), so a report can fetch nothing: no other
site, and no file of the server (issue 15: file: URLs were let through).
"""

from __future__ import annotations

import os
import shutil

from django.core.exceptions import ImproperlyConfigured

ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML document to A4 PDF bytes."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise ImproperlyConfigured("PDF output needs Debian's chromium package")
    args = ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith("data:")
                    else route.abort()
                ),
            )
            page.set_content(html, wait_until="load")
            return page.pdf(
                format="A4",
                prefer_css_page_size=True,
                tagged=True,
                print_background=True,
            )
        finally:
            browser.close()
