"""Thai first, English available: the catalogue is complete and the pages use it.

The msgids are the Thai UI text; locale/en/LC_MESSAGES/django.po translates them.
`make messages` (part of `make demo` and `make test`) compiles the .mo, which is
not committed. A new Thai string must be marked for translation (the template
scan below finds unmarked ones) and translated in the .po (the coverage tests
below find untranslated ones): `DEBUG=1 manage.py makemessages -l en
--ignore=.venv --ignore=node_modules`, translate, `make messages`.
"""

from __future__ import annotations

import ast
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test import Client
from django.urls import reverse
from django.utils import translation

from competencies.models import SkillArea
from reports.services import compliance_recompute
from skillsportal.lib.fiscal_year import current_fiscal_year
from skillsportal.templatetags.portal import be_date

BASE = Path(settings.BASE_DIR)
PO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
APPS = ("agencies", "competencies", "reports", "skillsportal")
THAI = re.compile(r"[\u0E00-\u0E7F]")
THAI_RUN = re.compile(r"[\u0E00-\u0E7F](?:[\u0E00-\u0E7F .]*[\u0E00-\u0E7F.])?")
THAI_WORD = re.compile(r"[\u0E00-\u0E7F.]*[\u0E00-\u0E7F][\u0E00-\u0E7F.]*")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{\w*\}")

# Thai text that templates may show outside translation tags, each with its reason.
TEMPLATE_THAI_ALLOWED = {
    # The language switch names Thai in Thai, so that a Thai reader finds it on
    # the English page; a language's own name is never translated.
    ("base.html", "ภาษาไทย"),
} | {
    # The server error page is rendered when anything may have failed, the
    # language included: it says everything in Thai and in English.
    ("500.html", thai)
    for thai in (
        "เกิดข้อผิดพลาดในระบบ",
        "ระบบไม่สามารถดำเนินการตามคำขอได้ในขณะนี้ ข้อมูลที่บันทึกไว้แล้วไม่สูญหาย "
        "กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        "หน้าแรก",
    )
}


# --- the catalogue --------------------------------------------------------------


def _unquote(line: str) -> str:
    return ast.literal_eval(line)  # a .po string is a valid Python string literal


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list), flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict = {"flags": set(), "msgstr": []}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if field == "msgstr":
                    entry["msgstr"][-1] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
            else:
                keyword, _, value = line.partition(" ")
                field = "msgstr" if keyword.startswith("msgstr") else keyword
                if field == "msgstr":
                    entry["msgstr"].append(_unquote(value))
                else:
                    entry[field] = _unquote(value)
        if "msgid" in entry:  # not a block of obsolete (#~) entries
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue() -> dict[tuple[str, str], list[str]]:
    entries = [e for e in read_po(PO) if e.get("msgid")]
    return {(e.get("msgctxt", ""), e["msgid"]): e["msgstr"] for e in entries}


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = read_po(PO)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "Language: en" in header["msgstr"][0]
    assert len(messages) > 800
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in messages if not all(s.strip() for s in e["msgstr"])]
    assert fuzzy == [], "fuzzy entries in the English catalogue"
    assert empty == [], "untranslated entries in the English catalogue"


def test_translations_keep_their_placeholders_and_are_english():
    for entry in read_po(PO)[1:]:
        wanted = set(PLACEHOLDER.findall(entry["msgid"]))
        for msgstr in entry["msgstr"]:
            assert set(PLACEHOLDER.findall(msgstr)) <= wanted, entry["msgid"]
            assert not THAI.search(msgstr), entry["msgid"]
            if "python-format" in entry["flags"]:
                # A lone % breaks `%` formatting: Django would show the Thai text.
                bare = PLACEHOLDER.sub("", msgstr)
                assert "%" not in bare, entry["msgid"]


def test_the_catalogue_compiles_cleanly():
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext is not installed (make system-deps)")
    import subprocess

    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


# --- every marked string is in the catalogue ----------------------------------------

_GETTEXT = {
    # function: (index of the context argument or None, index of the msgid)
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}


def python_msgids() -> set[tuple[str, str, str]]:
    """(file, context, msgid) of every gettext call with a literal in the apps."""
    found = set()
    for app in APPS:
        for path in (BASE / app).rglob("*.py"):
            if {"tests", "migrations"} & set(path.relative_to(BASE).parts):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {
                alias.asname or alias.name: alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)
                and node.module == "django.utils.translation"
                for alias in node.names
                if alias.name in _GETTEXT
            }
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                if node.func.id not in names:
                    continue
                ctx_at, id_at = _GETTEXT[names[node.func.id]]
                args = [
                    a.value if isinstance(a, ast.Constant) else None for a in node.args
                ]
                if len(args) <= id_at or not isinstance(args[id_at], str):
                    continue  # a variable: translated at run time, or not at all
                context = args[ctx_at] if ctx_at is not None else ""
                found.add((str(path.relative_to(BASE)), context, args[id_at]))
    return found


def test_gettext_is_imported_under_names_makemessages_reads():
    """xgettext knows `_` and the functions' own names; `_l("…")` is never extracted."""
    odd = []
    for app in APPS:
        for path in (BASE / app).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            odd += [
                f"{path.relative_to(BASE)}: {alias.name} as {alias.asname}"
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)
                and node.module == "django.utils.translation"
                for alias in node.names
                if alias.name in _GETTEXT and alias.asname not in (None, "_")
            ]
    assert odd == []


def _walk(nodelist):
    for node in nodelist:
        yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _walk(getattr(node, attr, None) or [])
        for _condition, branch in getattr(node, "conditions_nodelists", ()):
            yield from _walk(branch)


def _literal(expression) -> str:
    var = getattr(expression, "var", expression)
    return getattr(var, "literal", var) if not isinstance(var, str) else var


def template_files() -> list[Path]:
    root = BASE / "templates"
    return sorted(p for p in root.rglob("*") if p.suffix in (".html", ".txt"))


def template_msgids() -> set[tuple[str, str, str]]:
    """(file, context, msgid) of every translate/blocktranslate tag and _("…")."""
    engine = engines["django"]
    found = set()
    for path in template_files():
        name = str(path.relative_to(BASE / "templates"))
        template = engine.get_template(name).template
        for node in _walk(template.nodelist):
            context = ""
            if getattr(node, "message_context", None) is not None:
                context = str(_literal(node.message_context))
            if isinstance(node, TranslateNode):
                msgid = _literal(node.filter_expression)
                if isinstance(msgid, str):
                    found.add((name, context, str(msgid)))
            elif isinstance(node, BlockTranslateNode):
                found.add((name, context, node.render_token_list(node.singular)[0]))
        for match in re.finditer(
            r"""_\(\s*(?:"([^"]*)"|'([^']*)')\s*\)""", path.read_text()
        ):
            found.add((name, "", match[1] if match[1] is not None else match[2]))
    return found


@pytest.mark.parametrize("source", ["python", "templates"])
def test_every_marked_string_is_translated(source, catalogue):
    msgids = python_msgids() if source == "python" else template_msgids()
    assert len(msgids) > 100
    missing = sorted(
        f"{where}: {msgid!r}" + (f" (context {context!r})" if context else "")
        for where, context, msgid in msgids
        if not any(s.strip() for s in catalogue.get((context, msgid), []))
    )
    assert missing == [], (
        "not in locale/en/LC_MESSAGES/django.po: run makemessages and translate"
    )


# --- templates: no Thai outside translation tags ---------------------------------

_TRANSLATED_OR_IGNORED = [
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(
        r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S
    ),
    re.compile(r"""\{%\s*trans(?:late)?\s+(?:"[^"]*"|'[^']*').*?%\}""", re.S),
    re.compile(r"""_\(\s*(?:"[^"]*"|'[^']*')\s*\)"""),
]


def untranslated_thai(text: str) -> list[str]:
    for pattern in _TRANSLATED_OR_IGNORED:
        text = pattern.sub(" ", text)
    return THAI_RUN.findall(text)


def test_untranslated_thai_finder_sees_through_tags():
    text = (
        '{% translate "หน้าแรก" %} {% trans \'เมนู\' as x %} {{ y|default:_("ระบบ") }}'
        "{% blocktranslate with n=1 %}พบ {{ n }} คน{% endblocktranslate %}"
        "{# ความเห็น #}{% comment %}หมายเหตุ{% endcomment %}<p>ข้อความ</p>"
    )
    assert untranslated_thai(text) == ["ข้อความ"]


def test_templates_have_no_thai_outside_translation_tags():
    offenders = [
        f"{path.relative_to(BASE)}: {thai}"
        for path in template_files()
        for thai in untranslated_thai(path.read_text(encoding="utf-8"))
        if (str(path.relative_to(BASE / "templates")), thai)
        not in TEMPLATE_THAI_ALLOWED
    ]
    assert offenders == [], "wrap these in {% translate %} or {% blocktranslate %}"


def test_static_scripts_carry_no_thai_ui_text():
    """Scripts get their words from the page (data- attributes, json_script)."""
    for path in (BASE / "static" / "js").glob("*.js"):
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", path.read_text(), flags=re.S)
        assert not THAI.search(code), path.name


# --- pages in English and in Thai -------------------------------------------------


@pytest.fixture(autouse=True)
def _thai_again_afterwards():
    """LocaleMiddleware leaves the last request's language active in this thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english(compiled_catalogue, settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# Database values are data, not UI text: they stay as entered (in Thai).
def _data_words(*agencies, people=()) -> set[str]:
    texts = ["ภาษาไทย"]  # the switch back to Thai
    texts += [agency.name_th for agency in agencies]
    texts += [f"{person.given_name} {person.family_name}" for person in people]
    return {word for text in texts for word in THAI_WORD.findall(text)}


def thai_on_page(response, data: set[str]) -> list[str]:
    """Thai words in the page's body that are not data values."""
    html = response.content.decode()
    body = html.split("<body", 1)[1]
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
    return sorted(set(THAI_WORD.findall(body)) - data)


def test_home_page_in_english(english, hr_officer, ministry_a):
    english.force_login(hr_officer)
    response = english.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    for text in ("Home", "Personnel", "Sign out", "Change password"):
        assert text in page
    for thai in ("หน้าแรก", "บุคลากร", "ออกจากระบบ", "ปีงบประมาณ"):
        assert thai not in page
    assert "Public Sector Digital Skills Portal" in page
    assert thai_on_page(response, _data_words(ministry_a)) == []


def test_an_english_browser_still_gets_thai_until_the_user_switches(
    client, compiled_catalogue, db
):
    """SPEC §1: many Thai offices run English Windows; the browser never decides."""
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="th">' in page and "เข้าสู่ระบบ" in page
    assert "Sign in" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in" in page and "Forgot your password?" in page
    assert "เข้าสู่ระบบ" not in page and "ลืมรหัสผ่าน" not in page


def test_the_choice_is_remembered_for_the_user_on_another_browser(
    client, compiled_catalogue, hr_officer
):
    client.force_login(hr_officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    other = Client()  # another browser: no cookie, an English-speaking Thai office
    other.force_login(hr_officer)
    assert "Sign out" in other.get("/").content.decode()
    other.post(reverse("set_language"), {"language": "th", "next": "/"})
    third = Client(HTTP_ACCEPT_LANGUAGE="en")
    third.force_login(hr_officer)
    assert "ออกจากระบบ" in third.get("/").content.decode()


def test_the_language_switch_turns_the_portal_english(
    client, compiled_catalogue, settings, hr_officer
):
    client.force_login(hr_officer)
    assert "ออกจากระบบ" in client.get("/").content.decode()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, follow=True
    )
    assert "Sign out" in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    back = client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert back.status_code == 302
    assert "ออกจากระบบ" in client.get("/").content.decode()


def test_roster_in_english(english, hr_officer, civil_servant, division_a1a):
    english.force_login(hr_officer)
    response = english.get(reverse("competencies:person-list"))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Search", "Clear filters", "Target group", "Full name"):
        assert text in page
    for thai in ("ค้นหา", "ล้างตัวกรอง", "กลุ่มเป้าหมาย", "ชื่อ-นามสกุล"):
        assert thai not in page
    person = civil_servant.person
    agencies = [division_a1a, division_a1a.parent, division_a1a.parent.parent]
    assert thai_on_page(response, _data_words(*agencies, people=[person])) == []


def test_agency_dashboard_in_english(english, hr_officer, department_a1):
    english.force_login(hr_officer)
    response = english.get(reverse("reports:agency-dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Agency dashboard" in page and "Select an agency and fiscal year" in page
    assert "แดชบอร์ดหน่วยงาน" not in page
    data = _data_words(department_a1, department_a1.parent)
    assert thai_on_page(response, data) == []


def test_my_skills_in_english(english, civil_servant, division_a1a):
    english.force_login(civil_servant)
    response = english.get(reverse("me:skills"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "My skills" in page and "My development plan" in page
    assert "ทักษะของฉัน" not in page and "ปีงบประมาณ" not in page
    assert thai_on_page(response, _data_words(people=[civil_servant.person])) == []


def test_framework_names_follow_the_language(english, civil_servant, division_a1a):
    """Skill areas and levels carry English names: the English page shows them."""
    call_command("load_framework")
    compliance_recompute(fy=current_fiscal_year(date.today()))
    skill = SkillArea.objects.order_by("order").first()
    assert skill.name_en and skill.name_th
    english.force_login(civil_servant)
    page = english.get(reverse("me:skills")).content.decode()
    assert skill.name_en in page and skill.name_th not in page
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    page = english.get(reverse("me:skills")).content.decode()
    assert skill.name_th in page


def test_thai_stays_the_default(client, compiled_catalogue, hr_officer):
    client.force_login(hr_officer)
    for accept in ("", "th-TH,th;q=0.9", "fr-FR,fr;q=0.9"):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
        assert '<html lang="th">' in page
        assert "หน้าแรก" in page and "ออกจากระบบ" in page
        assert "Sign out" not in page


# --- dates ---------------------------------------------------------------------


def test_dates_keep_the_buddhist_era_in_english():
    day = date(2026, 11, 25)
    with translation.override("th"):
        assert be_date(day, "long") == "25 พฤศจิกายน 2569"
        assert be_date(day, "medium") == "25 พ.ย. 2569"
    with translation.override("en"):
        assert be_date(day, "long") == "25 November 2569"
        assert be_date(day, "medium") == "25 Nov 2569"
        assert be_date(day) == "25/11/2569"
