"""Links to the demo's sample import files on the import page (issue 19).

The import page lives in `competencies`, below `demo` in the layers, so the
links are contributed from here as a tag; they render nothing outside the demo.
"""

from __future__ import annotations

from typing import Any

from django import template

from ..samples import KINDS, sample_path
from ..views import may_use_samples

register = template.Library()


@register.inclusion_tag("imports/_demo_samples.html", takes_context=True)
def demo_sample_links(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    shown = may_use_samples(request)
    return {"kinds": [k for k in KINDS if shown and sample_path(k)]}
