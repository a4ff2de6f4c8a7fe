"""`make html-check`: the Nu Html Checker (vnu.jar from npm, pinned in bench/vnu/; needs Java)
on every public page in English and Spanish, the checklist's result, a confirmation page and
each step of the staff sign-in (password, enrolment, backup codes, code, lockout).

The pages are rendered in-process from a scratch SQLite database with the demo program loaded,
written to a scratch directory, and checked in one vnu run. Prints each error and the count;
exit status 1 when there is any.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "vnu"
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def render_pages(directory: Path) -> int:
    import django
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import translation

    django.setup()
    setup_test_environment()  # the test client's Host (testserver) is allowed
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from inquiries.services import callback_request_create
    from programs.models import Page, Program

    pages: dict[str, bytes] = {}
    client = Client()
    paths = []
    for language in ("en", "es"):
        with translation.override(language):
            paths += [reverse("programs:home")]
            paths += [page.get_absolute_url() for page in Page.objects.published()]
            paths += [
                reverse("programs:family_guide"),
                reverse("inquiries:checklist"),
                reverse("programs:search"),
                reverse("programs:search") + "?q=fever",
                reverse("inquiries:callback_create"),
                reverse("inquiries:callback_sent"),
            ]
    for path in dict.fromkeys(paths):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages[path] = response.content
    answers = {"age": 9, "diagnosis": "b_all", "relapse": "more", "treatments": ["transplant"]}
    for prefix in ("", "/es"):
        pages[f"{prefix}/could-car-t-be-an-option/ (result)"] = client.post(
            f"{prefix}/could-car-t-be-an-option/", answers
        ).content
        pages[f"{prefix}/could-car-t-be-an-option/ (callback form)"] = client.post(
            f"{prefix}/could-car-t-be-an-option/", answers | {"then": "callback"}
        ).content
    request, _ = callback_request_create(
        program=Program.objects.get(),
        submission_token=uuid.uuid4(),
        data={
            "asker": "parent", "topic": "is_cart_an_option", "patient_age": 9,
            "diagnosis": "b_all", "relapsed": "yes", "name": "Sam Rivera",
            "phone": "+12155550111", "email": "", "best_times": [], "language": "en",
            "language_other": "", "needs_interpreter": False, "note": "",
            "consent_call": True, "consent_voicemail": False,
        },
    )  # fmt: skip
    for prefix in ("", "/es"):
        path = f"{prefix}/request-a-call-back/thanks/{request.reference}/"
        pages[path] = client.get(path).content

    # The staff sign-in, step by step.
    login = reverse("admin:login")
    password = uuid.uuid4().hex
    user = get_user_model().objects.create_user("html-check", password=password, is_staff=True)
    staff = Client()
    pages[f"{login} (password)"] = staff.get(login).content
    staff.post(login, {"username": user.username, "password": password})
    pages[f"{login} (enrolment)"] = staff.get(login).content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    pages[f"{login} (backup codes)"] = staff.post(login, {"code": f"{code:06d}"}).content
    second = Client()
    second.post(login, {"username": user.username, "password": password}, REMOTE_ADDR="192.0.2.8")
    pages[f"{login} (code)"] = second.get(login).content
    locked = Client()
    for _ in range(6):
        response = locked.post(
            login, {"username": user.username, "password": "wrong"}, REMOTE_ADDR="192.0.2.9"
        )
    pages[f"{login} (lockout)"] = response.content

    for number, (label, html) in enumerate(pages.items()):
        (directory / f"{number:03d}.html").write_bytes(html)
        (directory / f"{number:03d}.label").write_text(label)
    return len(pages)


def main() -> int:
    if not shutil.which("java"):
        print("html-check: the Nu Html Checker needs Java (apt-get install default-jre-headless)")
        return 2
    if not VNU.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    with tempfile.TemporaryDirectory(prefix="carsite-html-check-") as scratch:
        directory = Path(scratch)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        os.environ.clear()
        os.environ.update(env | {
            "DJANGO_SETTINGS_MODULE": "carsite.settings",
            "SQLITE_PATH": str(directory / "db.sqlite3"),
            "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        })  # fmt: skip
        sys.path.insert(0, str(ROOT))
        (directory / "pages").mkdir()
        count = render_pages(directory / "pages")
        files = sorted((directory / "pages").glob("*.html"))
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        )
        errors = [line for line in result.stderr.splitlines() if line.strip()]
        for line in errors:  # "file:/…/007.html":3.1-3.7: error: Stray end tag “head”.
            match = re.match(r'^"file:(.+?)":(.*)$', line)
            label = Path(match.group(1)).with_suffix(".label") if match else None
            where = label.read_text() if label and label.exists() else "?"
            print(f"{where}: {match.group(2) if match else line}")
    print(f"Nu Html Checker: {len(errors)} error(s) on {count} pages")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
