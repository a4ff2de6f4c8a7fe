"""Write the part of Bootstrap's CSS that our templates use to build/static/css/.

Bootstrap comes compiled from the xstatic-bootstrap package (never copied into the repo). Its
full stylesheet is about 32 KB gzipped, more than a whole page's budget; keeping only the rules
whose class selectors appear in our templates and forms (and every element-only rule, such as
Bootstrap's reboot) brings it to a fraction of that. Run by `make run`, `make test` and deploys
before collectstatic; rerun after adding Bootstrap classes to a template.
"""

import re
from pathlib import Path

import tinycss2
import xstatic.pkg.bootstrap as xbootstrap
from django.conf import settings
from django.core.management.base import BaseCommand

OUTPUT = Path(settings.BASE_DIR) / "build" / "static" / "css" / "bootstrap.subset.css"
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z]+[_a-zA-Z0-9-]*)")
WORD = re.compile(r"[A-Za-z0-9_-]+")


def source_css() -> str:
    return (Path(xbootstrap.BASE_DIR) / "css" / "bootstrap.css").read_text(encoding="utf-8")


def used_words() -> set[str]:
    """Every word in our templates and forms, plus crispy-forms' Bootstrap 5 templates and layouts."""
    import crispy_bootstrap5
    import crispy_forms

    base = Path(settings.BASE_DIR)
    files = [
        *base.glob("templates/**/*.html"),
        *base.glob("*/templates/**/*.html"),
        *base.glob("*/forms.py"),
        *(Path(crispy_bootstrap5.__file__).parent / "templates").rglob("*.html"),
        # Layout objects such as Submit carry their Bootstrap classes in Python.
        Path(crispy_forms.__file__).parent / "layout.py",
        Path(crispy_forms.__file__).parent / "bootstrap.py",
    ]
    words: set[str] = set()
    for path in files:
        words.update(WORD.findall(path.read_text(encoding="utf-8")))
    return words


def keep_selector(selector: str, words: set[str]) -> bool:
    if "data-bs-theme=dark" in selector:  # the site has no dark theme switch
        return False
    return all(name in words for name in CLASS_IN_SELECTOR.findall(selector))


def filter_rules(rules, words: set[str]) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            kept = [s for s in selectors if keep_selector(s, words)]
            if kept:
                out.append(f"{','.join(kept)}{{{tinycss2.serialize(rule.content).strip()}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in {"media", "supports", "container"}:
            inner = filter_rules(tinycss2.parse_rule_list(rule.content, True, True), words)
            if inner:
                out.append(
                    f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{''.join(inner)}}}"
                )
        elif rule.type == "at-rule" and rule.lower_at_keyword not in {"keyframes", "charset"}:
            out.append(tinycss2.serialize([rule]))
    return out


def subset_css(css: str, words: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    body = "\n".join(filter_rules(rules, words))
    return re.sub(r"\s+", " ", body)


class Command(BaseCommand):
    help = (
        "Build the Bootstrap CSS subset our templates use (build/static/css/bootstrap.subset.css)."
    )

    def handle(self, *args, **options):
        css = subset_css(source_css(), used_words())
        header = f"/*! Bootstrap v{xbootstrap.VERSION} subset | MIT License | github.com/twbs/bootstrap */\n"
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        OUTPUT.write_text(header + css + "\n", encoding="utf-8")
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {OUTPUT.relative_to(settings.BASE_DIR)} ({len(css):,} bytes)"
                )
            )
