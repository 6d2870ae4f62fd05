"""Agencies and roster import services (SPEC §9): all or nothing, set-based, scoped."""

import io
import zipfile
from datetime import date
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from agencies import services
from agencies.models import Agency, Person, PersonVersion, TransferRequest
from agencies.scoping import AgencyScope, scope_for
from agencies.signals import person_records_changed
from agencies.tests.factories import PersonFactory, new_national_id

TODAY = date(2026, 11, 25)
HEADER = "national_id,given_name,family_name,agency_code,personnel_category"
FULL = HEADER + ",target_group,effective_date,email"


def csv(*lines):
    return ("\r\n".join(lines) + "\r\n").encode()


def roster(data, scope=None, **kwargs):
    return services.roster_import(
        data=data,
        filename="roster.csv",
        scope=scope or AgencyScope.system(),
        today=TODAY,
        source={"import_job": 7, "file": "roster.csv"},
        **kwargs,
    )


def nothing_written():
    return not (
        Person.objects.exists()
        or PersonVersion.objects.exists()
        or LogEntry.objects.filter(additional_data__import_job=7).exists()
    )


class TestRosterImport:
    def test_creates_people_and_versions_and_refreshes_current_facts(
        self, department_a1, division_a1a, hr_officer
    ):
        nid = new_national_id()
        result = roster(
            csv(
                FULL,
                f"{nid},สมชาย,ใจดี,MA-D1,civil_ordinary,3,01/10/2567,S@x.go.th",
                f"{nid},สมชาย,ใจดี,MA-D1-V1,civil_ordinary,5,01/10/2568,S@x.go.th",
            ),
            scope=scope_for(hr_officer),
            actor=hr_officer,
        )
        assert result.ok and result.counts == {"new": 2, "updated": 0, "unchanged": 0}
        person = Person.objects.with_national_id(nid).get()
        assert (person.given_name, person.email) == ("สมชาย", "s@x.go.th")
        assert person.national_id_tail == nid[-3:]
        assert person.current_agency == division_a1a
        assert person.current_target_group == 5
        assert person.versions.count() == 2

    def test_reimporting_the_same_file_changes_nothing(self, department_a1):
        data = csv(FULL, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,,")
        roster(data)
        person = Person.objects.get()
        entries = LogEntry.objects.count()
        again = roster(data)
        assert again.counts == {"new": 0, "updated": 0, "unchanged": 1}
        assert not again.written
        assert LogEntry.objects.count() == entries
        assert Person.objects.get().updated_at == person.updated_at

    def test_a_row_with_a_new_date_adds_a_version_and_updates_names(
        self, department_a1, division_a1a
    ):
        nid = new_national_id()
        roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,"))
        result = roster(csv(FULL, f"{nid},ก,ค,MA-D1-V1,civil_ordinary,4,01/10/2568,"))
        assert result.counts == {"new": 1, "updated": 0, "unchanged": 0}
        person = Person.objects.get()
        assert person.family_name == "ค"
        assert list(person.versions.values_list("target_group", flat=True)) == [4, 3]

    def test_a_changed_row_updates_its_version(self, department_a1):
        nid = new_national_id()
        roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,"))
        result = roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,6,01/10/2567,"))
        assert result.counts == {"new": 0, "updated": 1, "unchanged": 0}
        assert PersonVersion.objects.get().target_group == 6
        assert Person.objects.get().current_target_group == 6

    def test_columns_left_out_keep_existing_values(self, department_a1):
        nid = new_national_id()
        roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,a@x.go.th"))
        short = csv(
            HEADER + ",effective_date", f"{nid},ก,ข,MA-D1,civil_ordinary,2567-10-01"
        )
        assert roster(short).counts["unchanged"] == 1
        assert PersonVersion.objects.get().target_group == 3
        assert Person.objects.get().email == "a@x.go.th"

    def test_dry_run_counts_without_writing(self, department_a1):
        result = roster(
            csv(HEADER, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary"), commit=False
        )
        assert result.counts["new"] == 1
        assert nothing_written()

    @pytest.mark.parametrize(
        ("line", "column"),
        [
            ("{bad},ก,ข,MA-D1,civil_ordinary,3,,", "national_id"),
            ("{nid},ก,ข,NOPE,civil_ordinary,3,,", "agency_code"),
            ("{nid},ก,ข,MA-D1,wizard,3,,", "personnel_category"),
            ("{nid},ก,ข,MA-D1,civil_ordinary,9,,", "target_group"),
            ("{nid},ก,ข,MA-D1,civil_ordinary,3,31/02/2567,", "effective_date"),
        ],
    )
    def test_one_bad_row_writes_nothing(self, department_a1, line, column):
        good = f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,,"
        nid = new_national_id()
        bad = nid[:12] + str((int(nid[12]) + 1) % 10)
        result = roster(csv(FULL, good, line.format(nid=nid, bad=bad)))
        assert [(e.row, e.column) for e in result.errors] == [(3, column)]
        assert nothing_written()

    def test_same_key_twice_writes_nothing(self, department_a1):
        line = f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,"
        result = roster(csv(FULL, line, line))
        assert [e.row for e in result.errors] == [3]
        assert nothing_written()

    def test_wrong_columns_write_nothing(self, department_a1):
        result = roster(csv("national_id,title,hours", f"{new_national_id()},x,3"))
        assert result.errors and nothing_written()

    def test_hr_cannot_import_into_another_ministry(self, hr_officer, department_b1):
        scope = scope_for(hr_officer)
        outside = roster(
            csv(HEADER, f"{new_national_id()},ก,ข,MB-D1,civil_ordinary"), scope
        )
        unknown = roster(
            csv(HEADER, f"{new_national_id()},ก,ข,ZZ,civil_ordinary"), scope
        )
        assert [e.reason_th for e in outside.errors] == [
            e.reason_th for e in unknown.errors
        ]
        assert nothing_written()

    def test_viewer_may_not_import(self, viewer, department_a1):
        with pytest.raises(PermissionDenied):
            roster(
                csv(HEADER, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary"),
                scope_for(viewer),
            )


def test_new_people_get_the_current_facts_person_refresh_current_would_give(
    department_a1, division_a1a
):
    nid, later = new_national_id(), new_national_id()
    roster(
        csv(
            FULL,
            f"{nid},ก,ข,MA-D1,civil_ordinary,3,01/10/2568,",
            f"{nid},ก,ข,MA-D1-V1,civil_ordinary,5,01/06/2570,",
            f"{later},ค,ง,MA-D1-V1,government_employee,,01/06/2570,",
            f"{later},ค,ง,MA-D1,government_employee,4,01/09/2570,",
        )
    )
    fields = ["pk", "current_agency", "current_category", "current_target_group"]
    imported = list(
        Person.objects.order_by("pk").values_list(*fields, "current_status")
    )
    services.person_refresh_current(today=TODAY)
    assert (
        list(Person.objects.order_by("pk").values_list(*fields, "current_status"))
        == imported
    )
    assert imported[0][1:4] == (department_a1.pk, "civil_ordinary", 3)
    assert imported[1][1:4] == (division_a1a.pk, "government_employee", None)


def _zip_bomb():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        for _ in range(200):
            entry.write(bytes(1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "name", "reason"),
    [
        (lambda: b"", "roster.csv", "empty"),
        (lambda: b"\xef\xbb\xbf", "roster.csv", "empty"),
        (lambda: b"x" * (50 * 1024 * 1024), "roster.csv", "larger than 20 MB"),
        (lambda: b"\x81\x8d\x8f\x90\x9d,x\r\n", "roster.csv", "Cannot decode"),
        (_zip_bomb, "roster.xlsx", "compression ratio"),
    ],
)
def test_unreadable_files_give_a_clear_error_and_write_nothing(
    department_a1, make, name, reason
):
    result = services.roster_import(
        data=make(), filename=name, scope=AgencyScope.system(), today=TODAY
    )
    [error] = result.errors
    assert error.row is None and reason in error.reason_en and error.reason_th
    assert nothing_written()


def test_formula_looking_cells_are_stored_as_plain_text(department_a1):
    formula = '=HYPERLINK("http://x.example","คลิก")'
    quoted = '"' + formula.replace('"', '""') + '"'
    line = f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,{quoted}"
    assert roster(csv(HEADER + ",position_title", line)).ok
    assert PersonVersion.objects.get().position_title == formula


class TestTransferIn:
    """A person ministry B manages, in a roster file of HR of ministry A (SPEC §3)."""

    def test_becomes_a_transfer_request_listed_in_the_preview(
        self, hr_officer, department_a1, person_b
    ):
        nid = new_national_id()
        person = PersonFactory(agency=person_b.current_agency, national_id=nid)
        line = f"{nid},ชื่อใหม่,สกุลใหม่,MA-D1,civil_ordinary,4,01/11/2569,n@x.go.th"
        scope = scope_for(hr_officer)
        preview = roster(csv(FULL, line), scope, actor=hr_officer, commit=False)
        assert preview.counts == {"new": 0, "updated": 0, "unchanged": 0}
        assert preview.transfers == [
            {
                "row": 2,
                "national_id": person.masked_national_id,
                "agency": "MA-D1",
                "effective_date": "01/11/2569",
            }
        ]
        assert not TransferRequest.objects.exists()
        result = roster(csv(FULL, line), scope, actor=hr_officer)
        assert result.ok and result.written
        request = TransferRequest.objects.get()
        assert (request.person, request.agency) == (person, department_a1)
        assert (request.effective_date, request.target_group) == (date(2026, 11, 1), 4)
        assert request.requested_by == hr_officer and request.is_pending
        assert request.source == {"import_job": 7, "file": "roster.csv"}
        person.refresh_from_db()  # never a silent move: nothing of the person changes
        assert person.current_agency == person_b.current_agency
        assert (person.given_name, person.email) != ("ชื่อใหม่", "n@x.go.th")
        assert person.versions.count() == 1

    def test_reimporting_the_file_sends_no_second_request(
        self, hr_officer, department_a1, person_b
    ):
        nid = new_national_id()
        PersonFactory(agency=person_b.current_agency, national_id=nid)
        data = csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,4,01/11/2569,")
        roster(data, scope_for(hr_officer), actor=hr_officer)
        again = roster(data, scope_for(hr_officer), actor=hr_officer)
        assert again.ok and not again.written
        assert TransferRequest.objects.count() == 1

    def test_the_answer_never_depends_on_the_persons_data(
        self, hr_officer, department_a1, department_b1
    ):
        """One outside ID on many dates: the same rows and reasons whatever that
        person's versions (before, one version happened to share a date)."""
        days = ["01/01/2560", "01/01/2561", "01/11/2569", "02/11/2569"]

        def answer(versions):
            nid = new_national_id()
            person = PersonFactory(agency=department_b1, national_id=nid)
            for day in versions:
                PersonVersion.objects.create(
                    person=person,
                    effective_date=day,
                    agency=department_b1,
                    category="civil_ordinary",
                )
            lines = [f"{nid},ก,ข,MA-D1,civil_ordinary,4,{d}," for d in days]
            result = roster(csv(FULL, *lines), scope_for(hr_officer), commit=False)
            errors = [
                (e.row, e.column, e.reason_th, e.reason_en) for e in result.errors
            ]
            transfers = [(t["row"], t["effective_date"]) for t in result.transfers]
            return errors, transfers

        plain = answer([])
        assert plain == answer([date(2018, 1, 1), date(2026, 11, 1)])
        errors, transfers = plain
        assert transfers == [(2, "01/01/2560")]
        assert [e[0] for e in errors] == [3, 4, 5]
        assert {e[3] for e in errors} == {
            "One transfer request per person and file; "
            "add the other rows once it is accepted"
        }

    def test_own_people_get_no_version_before_their_latest(
        self, hr_officer, department_a1
    ):
        nid = new_national_id()
        person = PersonFactory(agency=department_a1, national_id=nid)
        PersonVersion.objects.create(
            person=person,
            effective_date=date(2026, 10, 1),
            agency=department_a1,
            category="civil_ordinary",
        )
        line = f"{nid},ก,ข,MA-D1,civil_ordinary,5,01/06/2569,"
        result = roster(csv(FULL, line), scope_for(hr_officer))
        [error] = result.errors
        assert error.column == "effective_date"
        assert "01/10/2569" in error.reason_th and "OCSC" in error.reason_en
        # OCSC corrects older history.
        assert roster(csv(FULL, line), AgencyScope.system()).counts["new"] == 1

    def test_unchanged_older_rows_are_no_error(self, hr_officer, department_a1):
        nid = new_national_id()
        first = f"{nid},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,"
        later = f"{nid},ก,ข,MA-D1,civil_ordinary,5,01/10/2568,"
        roster(csv(FULL, first, later), scope_for(hr_officer))
        again = roster(csv(FULL, first, later), scope_for(hr_officer))
        assert again.ok and again.counts["unchanged"] == 2


class TestAuditAndSignal:
    def test_one_entry_per_row_without_national_ids(self, department_a1, hr_officer):
        nid = new_national_id()
        roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,3,,"), actor=hr_officer)
        entries = LogEntry.objects.filter(additional_data__import_job=7)
        # The new person's entry carries their first version's facts too.
        [entry] = entries
        assert entry.changes["given_name"] == ["None", "ก"]
        assert entry.changes["agency_id"] == ["None", str(department_a1.pk)]
        assert entry.changes["target_group"] == ["None", "3"]
        for entry in entries:
            assert entry.actor == hr_officer
            assert entry.action == LogEntry.Action.CREATE
            assert entry.additional_data == {"import_job": 7, "file": "roster.csv"}
            text = str(entry.changes)
            assert (
                "national_id" not in text and nid not in text and nid[-3:] not in text
            )
        person = Person.objects.get()
        assert person.national_id_hash not in str(list(entries.values("changes")))

    def test_updates_are_audited_with_old_and_new_values(self, department_a1):
        nid = new_national_id()
        roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,"))
        roster(csv(FULL, f"{nid},ก,ข,MA-D1,civil_ordinary,5,01/10/2567,"))
        entry = LogEntry.objects.filter(
            action=LogEntry.Action.UPDATE, additional_data__import_job=7
        ).get()
        assert entry.changes == {"target_group": ["3", "5"]}

    def test_reports_are_told_which_people_changed_from_when(
        self, department_a1, django_capture_on_commit_callbacks
    ):
        handler = mock.Mock()
        person_records_changed.connect(handler)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                roster(
                    csv(
                        FULL,
                        f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,01/10/2567,",
                        f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,01/10/2565,",
                    )
                )
        finally:
            person_records_changed.disconnect(handler)
        kwargs = handler.call_args.kwargs
        assert kwargs["sender"] is PersonVersion
        assert sorted(kwargs["person_ids"]) == sorted(
            Person.objects.values_list("pk", flat=True)
        )
        assert kwargs["since"] == date(2022, 10, 1)


def test_roster_queries_do_not_grow_with_rows(
    department_a1, django_assert_max_num_queries
):
    lines = [f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,," for _ in range(300)]
    with django_assert_max_num_queries(25):
        result = roster(csv(FULL, *lines))
    assert result.counts["new"] == 300


# --- agencies ------------------------------------------------------------------


def agencies(*lines, scope=None):
    return services.agencies_import(
        data=csv("code,name_th,name_en,parent_code,kind", *lines),
        filename="agencies.csv",
        scope=scope or AgencyScope.system(),
    )


class TestAgenciesImport:
    def test_only_ocsc_may_import_agencies(self, hr_officer):
        with pytest.raises(PermissionDenied, match="สำนักงาน ก.พ."):
            agencies("X,เอกซ์,,,ministry", scope=scope_for(hr_officer))

    def test_creates_a_tree_in_any_order_with_paths(self, db):
        result = agencies(
            "X-D1-V1,กองวี,,X-D1,division",
            "X-D1,กรมดี,Dept D,X,department",
            "X,กระทรวงเอกซ์,,,ministry",
        )
        assert result.counts["new"] == 3
        ministry, division = (
            Agency.objects.get(code="X"),
            Agency.objects.get(code="X-D1-V1"),
        )
        assert division.path.startswith(ministry.path) and division.depth == 2
        assert division.root == ministry
        assert Agency.objects.get(code="X-D1").name_en == "Dept D"

    def test_reimport_changes_nothing_and_a_move_rebuilds_paths(
        self, ministry_a, ministry_b
    ):
        lines = ["X,กรมเอกซ์,,MA,department", "X-V,กองวี,,X,division"]
        agencies(*lines)
        assert agencies(*lines).counts == {"new": 0, "updated": 0, "unchanged": 2}
        moved = agencies("X,กรมเอกซ์,,MB,department")
        assert moved.counts["updated"] == 1
        assert Agency.objects.get(code="X-V").path.startswith(ministry_b.path)

    def test_a_loop_writes_nothing(self, ministry_a):
        result = agencies("X,เอกซ์,,MA,department", "MA,กระทรวงเอ,,X,ministry")
        assert result.errors
        assert not Agency.objects.filter(code="X").exists()
        assert Agency.objects.get(code="MA").parent is None


def test_a_concurrent_write_of_the_same_key_is_reported_not_raised(
    department_a1, monkeypatch
):
    from django.db import IntegrityError

    from agencies.services import roster as roster_module

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(roster_module, "_roster_write", clash)
    result = roster(csv(HEADER, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary"))
    [error] = result.errors
    assert error.row is None and "import again" in error.reason_en
    assert nothing_written()
