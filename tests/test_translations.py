"""The Spanish catalog: every entry translated, nothing fuzzy, placeholders and markup kept, and
the committed .mo compiled from the committed .po (so `make test` needs no GNU gettext; after
changing the .po, run `make messages`)."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PO, MO = LC_MESSAGES / "django.po", LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG = re.compile(r"</?([a-z]+)")


def catalog() -> polib.POFile:
    return polib.pofile(str(PO), wrapwidth=0)


def translations(entry: polib.POEntry) -> list[str]:
    """One text per plural form, or the one text."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = catalog()
    assert len(po) > 250  # the whole interface, not a stub
    problems = [
        entry.msgid
        for entry in po
        if "fuzzy" in entry.flags or entry.obsolete or not all(translations(entry))
    ]
    assert problems == []
    assert po.percent_translated() == 100


def test_plural_entries_have_every_spanish_form():
    po = catalog()
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    for entry in po:
        assert len(translations(entry)) == (2 if entry.msgid_plural else 1), entry.msgid


def test_translations_keep_placeholders_and_markup():
    for entry in catalog():
        for text in translations(entry):
            for source in filter(None, (entry.msgid, entry.msgid_plural)):
                # “1 result”: a singular may spell out its number instead of %(counter)s.
                expected = set(PLACEHOLDER.findall(source))
                assert set(PLACEHOLDER.findall(text)) <= expected | {"%(counter)s"}, entry.msgid
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(entry.msgid)), entry.msgid


def test_the_committed_mo_is_compiled_from_the_committed_po():
    with MO.open("rb") as file:
        compiled = dict(gettext.GNUTranslations(file)._catalog)
    po = catalog()
    # msgfmt leaves the template's creation date out of the compiled header.
    header = {k: v for k, v in po.metadata.items() if k != "POT-Creation-Date"}
    expected = {"": "".join(f"{key}: {value}\n" for key, value in header.items())}
    for entry in po:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural:
            expected |= {(key, n): text for n, text in enumerate(translations(entry))}
        else:
            expected[key] = entry.msgstr
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
