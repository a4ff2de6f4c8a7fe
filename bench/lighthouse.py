"""`make lighthouse`: Lighthouse (mobile) on home, how it works, contacts, team and the callback
form: the four scores of each, and the largest contentful paint (LCP) in Lighthouse's simulated
mobile (slow 4G, 4x CPU slowdown), which must stay at or under 1.8 s.

Installs the pinned Lighthouse from the npm registry into bench/lighthouse/node_modules (once),
starts the site with gunicorn in production settings on a loopback port, and runs Lighthouse
against Debian's Chromium (CHROME_PATH=/usr/bin/chromium). Prints the scores and LCP of each page
and writes bench/results/lighthouse-<time>.json.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Server, Site, say, write_json  # noqa: E402

HERE = ROOT / "bench" / "lighthouse"
PAGES = {
    "home": "/",
    "journey (How it works)": "/how-it-works/",
    "contacts": "/contact/",
    "team": "/team/",
    "callback form": "/request-a-call-back/",
}
LCP_BUDGET_MS = 1800
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def main() -> int:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        say("Installing Lighthouse (pinned in bench/lighthouse/package.json) ...")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    chromium = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    site = Site().prepare()
    server = Server(site, workers=2).start()
    scores = {}
    try:
        for name, path in PAGES.items():
            report = site.tmp / "lighthouse.json"
            subprocess.run(
                [str(binary), server.url + path, "--quiet", "--form-factor=mobile", "--output=json",
                 f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                 f"--only-categories={','.join(CATEGORIES)}"],
                check=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300,
            )  # fmt: skip
            data = json.loads(report.read_text())
            scores[name] = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
            scores[name]["lcp_ms"] = round(
                data["audits"]["largest-contentful-paint"]["numericValue"]
            )
    finally:
        server.stop()
        site.cleanup()
    say(
        f"\nLighthouse (mobile) {'':14} " + " ".join(f"{c:>15}" for c in CATEGORIES) + "   LCP (ms)"
    )
    for name, row in scores.items():
        say(f"{name:35} " + " ".join(f"{row[c]:15}" for c in CATEGORIES) + f" {row['lcp_ms']:10}")
    path = write_json("lighthouse", scores)
    say(f"wrote {path.relative_to(ROOT)}")
    perfect = all(row[c] == 100 for row in scores.values() for c in CATEGORIES)
    fast = all(row["lcp_ms"] <= LCP_BUDGET_MS for row in scores.values())
    return 0 if perfect and fast else 1


if __name__ == "__main__":
    sys.exit(main())
