"""What a page and a worker weigh, measured by a Bench (bench/run.py): the article's bytes and
Lighthouse's scores (9), the workers' memory over many requests (8)."""

import gzip
import re
import subprocess
from urllib.parse import urljoin, urlsplit

from . import report
from .environment import OUT, log
from .load import request, run_requests
from .targets import ARTICLE_WEIGHT_KB, LIGHTHOUSE_MIN, RSS_GROWTH


class FootprintSteps:
    def measure_weight(self):
        """(9) The article's HTML and the CSS and JS it links, each compressed with gzip -6."""
        article = self.warm_responses.get("article")
        if article is None:
            return
        html = article.body.decode("utf-8", "replace")
        base = self.scenario.paths["article"]
        assets = re.findall(r"<link\b[^>]*rel=[\"']?stylesheet[^>]*>", html)
        hrefs = [re.search(r"href=[\"']([^\"']+)", tag) for tag in assets]
        scripts = re.findall(r"<script\b[^>]*\bsrc=[\"']([^\"']+)", html)
        urls = [m.group(1) for m in hrefs if m] + scripts
        parts = {"html": (len(article.body), len(gzip.compress(article.body, 6)))}
        for url in dict.fromkeys(urls):
            target = urlsplit(urljoin(base, url))
            if target.netloc and target.netloc not in ("127.0.0.1", "localhost"):
                parts[url] = (None, None)  # outside: the portal has none
                continue
            body = request(
                self.app_port, target.path + (f"?{target.query}" if target.query else "")
            ).body
            parts[url] = (len(body), len(gzip.compress(body, 6)))
        total = sum(c for _, c in parts.values() if c)
        self.extra["article_weight"] = {k: {"bytes": b, "gzip": c} for k, (b, c) in parts.items()}
        self.add_target(
            9,
            f"article HTML+CSS+JS gzip ({len(parts) - 1} files besides the HTML)",
            f"{total / 1024:.1f} KB",
            f"< {ARTICLE_WEIGHT_KB} KB",
            total < ARTICLE_WEIGHT_KB * 1024,
        )

    def measure_lighthouse(self, nginx):
        from . import lighthouse

        why = "skipped (--no-lighthouse)" if self.args.no_lighthouse else lighthouse.unavailable()
        if why:
            self.notes.append(f"Lighthouse: {why}")
            return
        lighthouse.install()
        found = {}
        for name in ("home", "article", "policy"):
            path = self.scenario.paths.get(name)
            if not path:
                continue
            url = f"http://127.0.0.1:{nginx.front_port}{path}"
            log(f"lighthouse {url}")
            try:
                found[name] = lighthouse.scores(url, OUT / f"lighthouse-{name}.json")
            except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                found[name] = {"error": str(error)[:300]}
                log(f"lighthouse failed on {name}: {error}")
        self.extra["lighthouse"] = found
        for name, scores in found.items():
            values = [scores.get(c) for c in lighthouse.CATEGORIES]
            passed = all(v is not None and v >= LIGHTHOUSE_MIN for v in values)
            self.add_target(
                9,
                f"Lighthouse {name}: performance, accessibility",
                ", ".join(report.fmt(None if v is None else float(v), 2) for v in values),
                f"≥ {LIGHTHOUSE_MIN} each",
                passed,
            )
        self.notes.append(
            "Lighthouse 12 (bench/package.json), mobile defaults, Debian chromium headless, "
            "through an nginx front that serves uploads and gzips like a production proxy."
        )

    def measure_memory(self, env):
        """(8) Fresh workers; RSS after the first 1,000 mixed requests, then after all of them."""
        total = self.args.mixed
        first = min(1000, total // 10)
        addresses = len(self.scenario.mixed)
        log(f"memory: fresh gunicorn, {total:,} mixed requests over {addresses} addresses")
        app = self.start_gunicorn(env, self.app_port)
        mixed = self.scenario.mixed
        jobs = [{"path": mixed[i % len(mixed)]} for i in range(total)]
        measure_a, _ = run_requests(self.app_port, jobs[:first], concurrency=4)
        after_first = app.memory()
        measure_b, _ = run_requests(self.app_port, jobs[first:], concurrency=4)
        after_all = app.memory()
        app_errors = measure_a.errors + measure_b.errors
        growth = {
            pid: (after_all[pid]["VmRSS"] - after_first[pid]["VmRSS"]) / after_first[pid]["VmRSS"]
            for pid in after_first
            if pid in after_all
        }
        worst = max(growth.values()) if growth else None
        peak = max(
            [m["VmHWM"] for m in after_all.values()]
            + [m["VmHWM"] for m in self.extra.get("memory_after_load", {}).values()]
        )
        self.extra["memory"] = {
            "after_first": after_first,
            "after_all": after_all,
            "requests": total,
            "first": first,
            "errors": app_errors,
            "statuses": {**measure_a.statuses, **measure_b.statuses},
            "peak_worker_hwm_kb": peak,
        }
        percent = worst * 100 if worst is not None else None
        rss_first = ", ".join(f"{m['VmRSS'] / 1024:.0f}" for m in after_first.values())
        rss_all = ", ".join(f"{m['VmRSS'] / 1024:.0f}" for m in after_all.values())
        self.add_target(
            8,
            f"worker RSS MB after {first:,} → {total:,} mixed requests ({app_errors} errors)",
            f"{rss_first} → {rss_all} (worst {report.fmt(percent)}%)",
            f"≤ +{RSS_GROWTH:.0%}",
            worst is not None and worst <= RSS_GROWTH,
        )
        self.add_target(
            8, "peak memory of a worker (VmHWM, whole run)", f"{peak / 1024:.0f} MB", "–", None
        )
        self.extra["memory"]["rps"] = round(total / (measure_a.seconds + measure_b.seconds), 1)
        self.stop_children()

    # the results
