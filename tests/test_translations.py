"""The Spanish catalog: every entry translated, nothing fuzzy, placeholders and markup kept, and
the committed .mo compiled from the committed .po (so `make test` needs no GNU gettext; after
changing the .po, run `make messages`)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PO, MO = LC_MESSAGES / "django.po", LC_MESSAGES / "django.mo"
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG = re.compile(r"</?([a-z]+)")


def _unquote(line: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], line.strip()[1:-1])


def po_entries() -> list[dict]:
    """The .po's entries: context, msgid, msgid_plural, msgstr (a list: one per plural form),
    flags and whether it is obsolete. The header is the entry whose msgid is ""."""
    entries = []
    for block in PO.read_text(encoding="utf-8").strip().split("\n\n"):
        entry = {"ctx": None, "id": None, "plural": None, "str": [], "flags": [], "obsolete": False}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif match := re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
            ):
                keyword, text = match.groups()
                field = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}.get(keyword)
                if field:
                    entry[field] = _unquote(text)
                else:
                    entry["str"].append(_unquote(text))
            elif line.startswith('"'):
                if field:
                    entry[field] += _unquote(line)
                else:
                    entry["str"][-1] += _unquote(line)
        entries.append(entry)
    return entries


def messages() -> list[dict]:
    return [entry for entry in po_entries() if entry["id"]]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = messages()
    assert len(entries) > 250  # the whole interface, not a stub
    problems = [
        entry["id"]
        for entry in entries
        if "fuzzy" in entry["flags"] or entry["obsolete"] or not all(entry["str"])
    ]
    assert problems == []


def test_plural_entries_have_every_spanish_form():
    header = next(entry for entry in po_entries() if entry["id"] == "")["str"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header
    for entry in messages():
        assert len(entry["str"]) == (2 if entry["plural"] else 1), entry["id"]


def test_translations_keep_placeholders_and_markup():
    for entry in messages():
        for text in entry["str"]:
            for source in filter(None, (entry["id"], entry["plural"])):
                # “1 result”: a singular may spell out its number instead of %(counter)s.
                expected = set(PLACEHOLDER.findall(source))
                assert set(PLACEHOLDER.findall(text)) <= expected | {"%(counter)s"}, entry["id"]
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(entry["id"])), entry["id"]


def test_the_committed_mo_is_compiled_from_the_committed_po():
    with MO.open("rb") as file:
        compiled = dict(gettext.GNUTranslations(file)._catalog)
    expected = {}
    for entry in po_entries():
        key = f"{entry['ctx']}\x04{entry['id']}" if entry["ctx"] is not None else entry["id"]
        if entry["plural"]:
            expected |= {(key, n): text for n, text in enumerate(entry["str"])}
        else:
            expected[key] = entry["str"][0]
    # msgfmt leaves the template's creation date out of the compiled header.
    expected[""] = re.sub(r"POT-Creation-Date: .*\n", "", expected[""])
    assert compiled == expected, "locale/es/LC_MESSAGES/django.mo is stale: run `make messages`"


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("Skip to main content", "Saltar al contenido principal"),
        ("Request a call back", "Pedir una llamada"),
        ("Please answer this question.", "Por favor, responda esta pregunta."),
    ],
)
def test_django_finds_the_catalog(english, spanish):
    with translation.override("es"):
        assert translation.gettext(english) == spanish
    assert translation.gettext(english) == english
