"""Warm a web process before it serves: the first page of each kind then costs no more.

A fresh gunicorn worker (at start, and after every `--max-requests` recycle) spent
0.1-0.45 s more on the first request of each page: compiling its templates,
loading the translation catalogues, filling the URL resolver. Under the load test
these first requests were the slowest 1-5 % of all (issue 17). Nothing here reads
the database, so it is safe before a fork.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import reverse
from django.utils import translation


def _template_names() -> list[str]:
    """Every project template, and the form templates of the crispy pack."""
    roots = [(Path(d), "") for d in engines["django"].dirs]
    pack = settings.CRISPY_TEMPLATE_PACK
    roots += [(Path(d), pack) for d in get_app_template_dirs("templates")]
    names = []
    for root, only in roots:
        base = root / only if only else root
        names += [str(p.relative_to(root)) for p in sorted(base.rglob("*.html"))]
    return names


def warm_up() -> None:
    engine = engines["django"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("")  # loads the catalogue
            reverse("home")  # fills the resolver for this language
    for name in _template_names():
        engine.get_template(name)  # a broken template fails the start, not a page
