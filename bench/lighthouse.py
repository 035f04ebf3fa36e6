"""Lighthouse's performance and accessibility scores, with Debian's chromium.

Only when node and npm are there: lighthouse is installed from bench/package.json into
bench/node_modules (git-ignored); no browser is ever downloaded, chromium comes from apt.
Pages are loaded through the nginx front (uploads from disk, gzip), as readers would get them.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BINARY = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility")


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def unavailable():
    """Why Lighthouse cannot run here, or None."""
    if not (shutil.which("node") and shutil.which("npm")):
        return "node/npm absent"
    if not chromium():
        return "chromium absent (apt-get install chromium)"
    return None


def install():
    if BINARY.exists():
        return
    subprocess.run(  # noqa: S603
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],  # noqa: S607
        cwd=BENCH_DIR,
        check=True,
        timeout=600,
    )


def scores(url, out_path):
    """{"performance": 0.97, "accessibility": 1.0, ...} for one page (mobile, Lighthouse's
    default throttling)."""
    env = {**os.environ, "CHROME_PATH": chromium()}
    subprocess.run(  # noqa: S603
        [
            str(BINARY),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out_path}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        env=env,
        check=True,
        timeout=180,
        capture_output=True,
    )
    report = json.loads(Path(out_path).read_text())
    found = {name: report["categories"][name]["score"] for name in CATEGORIES}
    audits = report.get("audits", {})
    for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        if metric in audits:
            found[metric] = audits[metric].get("displayValue")
    return found
