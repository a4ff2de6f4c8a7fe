"""CPU time of one accepted callback POST, in-process (Django's test client,
production settings, a scratch SQLite file): the number the wrk benchmark's throughput rests on,
and steady on a busy machine where wall-clock figures are not.

    python bench/callback_cpu.py [--posts 200] [--profile]
"""

import argparse
import os
import random
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="carsite-cpu-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="carsite.settings",
        SQLITE_PATH=str(Path(scratch) / "cpu.sqlite3"),
        DJANGO_SECRET_KEY="bench-" + uuid.uuid4().hex * 2,
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="testserver",
        CALLBACK_RATE_PER_MINUTE="1000000",
        CALLBACK_RATE_PER_DAY="1000000",
        CALLBACK_MIN_FILL_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    html = client.get("/request-a-call-back/").content.decode()
    shown_at = re.search(r'name="shown_at" value="([^"]+)"', html).group(1)

    def post():
        client.cookies.pop("callback_sent", None)  # another family each time
        data = {
            "submission_token": str(uuid.uuid4()),
            "shown_at": shown_at,
            "asker": "parent",
            "topic": "is_cart_an_option",
            "patient_age": "9",
            "diagnosis": "b_all",
            "relapsed": "yes",
            "name": "Bench Family",
            "phone": f"+1215{random.randint(200, 999)}{random.randint(0, 9999):04d}",
            "language": "en",
            "consent_call": "on",
        }
        response = client.post("/request-a-call-back/", data)
        assert response.status_code == 302 and "/thanks/" in response["Location"], response
        return response

    for _ in range(20):  # warm caches and the routing table
        post()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.process_time()
    for _ in range(args.posts):
        post()
    cpu_ms = (time.process_time() - start) / args.posts * 1000
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"Callback POST in-process: {cpu_ms:.1f} ms CPU a post ({args.posts} posts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
