"""gunicorn settings: `gunicorn carsite.wsgi -c carsite/gunicorn.py`. Values come from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Workers are recycled now and then (a guard against slow leaks). The app is imported once in the
# master, so a recycled worker is a fork ready at once, not a 0.5 s re-import that stalls the
# requests queued behind it (that was the p99 tail in `make bench`).
preload_app = True
max_requests = 10000
max_requests_jitter = 1000
accesslog = "-"
# Log the path only: no query string, so nothing a family typed can end up in a log line.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# gunicorn 27 opens a control socket shared machine-wide; several instances would collide.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse to serve with the embedded development key: signatures would be forgeable."""
    debug = os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
    if not os.environ.get("DJANGO_SECRET_KEY") and not debug:
        raise SystemExit("carsite: set DJANGO_SECRET_KEY before serving (see README, Settings).")
