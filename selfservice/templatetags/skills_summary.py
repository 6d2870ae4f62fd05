"""The person's skills and hours summary, for pages of other apps (HR person page).

The HR person page lives in `competencies`, below the figures in the layers; the
summary reads the engine's figures, so it is contributed from here as a tag
(the same facts the person sees on "ทักษะของฉัน", SPEC §7).
"""

from __future__ import annotations

from typing import Any

from django import template

from agencies.models import Person
from skillsportal.lib.fiscal_year import current_fiscal_year

from ..selectors import my_skills

register = template.Library()


@register.inclusion_tag("me/_person_summary.html")
def person_skills_summary(person: Person, records: Any = None) -> dict[str, Any]:
    """This fiscal year's group, target-versus-current gaps, hours and 70/30.

    `records`: the page's PersonRecords (their training and assessments are
    reused rather than read again).
    """
    both = (records.training, records.assessments) if records is not None else None
    skills = my_skills(person=person, fy=current_fiscal_year(), records=both)
    return {"skills": skills}
