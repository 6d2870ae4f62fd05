from django.utils import translation

from agencies.models import Person, PersonStatus, PersonVersion, TargetGroup


def test_labels_follow_the_active_language():
    person = Person(current_status=PersonStatus.LEFT, current_target_group=2)
    with translation.override("th"):
        assert person.get_current_status_display() == "พ้นจากหน่วยงาน"
        thai_group = person.get_current_target_group_display()
        assert thai_group == str(TargetGroup(2).label)
    with translation.override("en"):
        assert person.get_current_status_display() == "Left the agency"
        assert person.get_current_target_group_display() == str(TargetGroup(2).label)
        assert person.get_current_target_group_display() != thai_group


def test_same_answers_as_django_for_every_choice_and_outside_them():
    for status in [*PersonStatus.values, "gone", "", None]:
        version = PersonVersion(status=status, target_group=7)
        field = PersonVersion._meta.get_field("status")
        labels = dict(field.flatchoices)
        with translation.override("th"):
            expected = str(labels[status]) if status in labels else status
            assert version.get_status_display() == expected
            assert version.get_target_group_display() == 7  # no such group: the value
