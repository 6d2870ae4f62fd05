"""factory_boy factories for agencies and people."""

import random
from datetime import date

import factory
from django.conf import settings
from django.contrib.auth import get_user_model

from agencies import services
from agencies.models import Agency, Person, PersonVersion
from skillsportal.lib import national_id

_ids = random.Random(20170926)


def new_national_id() -> str:
    return national_id.generate(_ids)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG{n:04d}")
    name_th = factory.Sequence(lambda n: f"สำนักงานทดสอบ {n}")
    kind = "department"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return services.agency_save(**kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person with one version; pass `agency=`, `target_group=`, `category=`."""

    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"สมชาย{n}")
    family_name = "ใจดี"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        agency = kwargs.pop("agency")
        version = {
            "effective_date": kwargs.pop("effective_date", date(2017, 1, 1)),
            "category": kwargs.pop("category", "civil_ordinary"),
            "target_group": kwargs.pop("target_group", 3),
            "status": kwargs.pop("status", "active"),
            "position_title": kwargs.pop("position_title", "นักวิเคราะห์นโยบายและแผน"),
        }
        nid = kwargs.pop("national_id", None) or new_national_id()
        person = Person.objects.create(
            national_id_hash=national_id.blind_index(
                nid, settings.NATIONAL_ID_KEY.encode()
            ),
            national_id_tail=nid[-3:],
            **kwargs,
        )
        PersonVersion.objects.create(person=person, agency=agency, **version)
        services.person_refresh_current(person_ids=[person.pk])
        person.refresh_from_db()
        return person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.th")
    password = factory.django.Password("a-long-password-2569")  # conftest.PASSWORD


def person_leaves(
    person: Person, on: date, *, title: str = "", today: date | None = None
) -> None:
    """A version saying `person` left on `on` (same agency and group), and the
    person's current facts as of `today` (default: that day)."""
    from agencies.services.people import person_refresh_current

    PersonVersion.objects.create(
        person=person,
        agency=person.current_agency,
        effective_date=on,
        category="civil_ordinary",
        target_group=person.current_target_group,
        position_title=title,
        status="left",
    )
    person_refresh_current(person_ids=[person.pk], today=today or on)


def person_moves(
    person: Person, agency: Agency, on: date, *, today: date | None = None
) -> None:
    """A version moving `person` to `agency` on `on`, made current as of `today`."""
    from agencies.services.people import person_refresh_current

    PersonVersion.objects.create(
        person=person, agency=agency, effective_date=on, category="civil_ordinary"
    )
    person_refresh_current(person_ids=[person.pk], today=today or on)
