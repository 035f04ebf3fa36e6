"""The soak's bookkeeping, kept apart from servers so it can be tested alone
(tests/bench/test_soak_accounting.py): what each request got, which failures the killed process
explains, and whether every acknowledged comment is stored exactly once.

A request is what a reader or an outlet asked for; it may take more than one *attempt* when the
driver's balancer moves it to the other app process, as nginx's `proxy_next_upstream error` does:
a connection refused (nothing was sent) is retried for any method, and a GET whose connection
broke after it was sent is retried once; a POST that was sent is never sent again, so its reader
sees the failure (a 502 from a real balancer).
"""

from dataclasses import dataclass, field

from .load import percentile

# An attempt's failure before any byte was sent (the process is not listening) or after.
CONNECT = "connect"
IN_FLIGHT = "in-flight"
# Clock slack around the kill: the driver's timestamps and the kill's are taken in different
# threads, and a request that connects in the last instant before the kernel closes the
# listening socket is reset a moment later.
SLACK_S = 0.5


@dataclass
class Attempt:
    instance: str  # "a" or "b"
    started: float  # seconds since the soak began
    ended: float
    status: int | None = None  # the HTTP status, or None when no answer came
    phase: str | None = None  # CONNECT or IN_FLIGHT when no answer came
    error: str = ""


@dataclass
class Record:
    kind: str  # "read:home", "feed", "comment", …
    method: str
    path: str
    attempts: list = field(default_factory=list)
    receipt: str = ""  # the code in a comment's 303, when acknowledged

    @property
    def final(self):
        return self.attempts[-1]

    @property
    def status(self):
        """The final status, or "no answer" when the connection failed."""
        final = self.final
        return final.status if final.status is not None else "no answer"

    @property
    def latency_ms(self):
        return (self.final.ended - self.attempts[0].started) * 1000

    @property
    def failed(self):
        """What the client sees as a server failure: a 5xx or no answer at all."""
        status = self.final.status
        return status is None or status >= 500


@dataclass
class Kill:
    instance: str
    at: float  # when SIGKILL was sent
    ready: float  # when the restarted process answered /healthz again
    gone: float | None = None  # when every killed process had exited (its socket closed)

    @property
    def last_moment(self):
        """Until when a request could still reach the killed processes."""
        return max(self.at, self.gone or self.at)


def attributable(attempt, kill):
    """Whether the killed process explains this failed attempt: no answer from the killed
    instance, either in flight when it was killed or refused while it was down. A 5xx *answer*
    never is: a killed process answers nothing."""
    if kill is None or attempt.status is not None or attempt.instance != kill.instance:
        return False
    if attempt.phase == IN_FLIGHT:
        return attempt.started <= kill.last_moment + SLACK_S and attempt.ended >= kill.at - SLACK_S
    return kill.at - SLACK_S <= attempt.started <= kill.ready + SLACK_S


def failures(records, kill):
    """Failed attempts, and failed requests, each split into explained by the kill or not."""
    attempts = [a for r in records for a in r.attempts if a.status is None or a.status >= 500]
    requests = [r for r in records if r.failed]
    return {
        "attempts": {
            "explained": sum(attributable(a, kill) for a in attempts),
            "unexplained": sum(not attributable(a, kill) for a in attempts),
            "answered_5xx": sum(a.status is not None for a in attempts),
        },
        "requests": {
            "explained": sum(attributable(r.final, kill) for r in requests),
            "unexplained": sum(not attributable(r.final, kill) for r in requests),
        },
        "moved_to_other_instance": sum(len(r.attempts) > 1 for r in records),
    }


def by_kind(records, seconds):
    """{kind: {requests, rps, p50_ms, p99_ms, statuses}} plus an "all" row."""
    groups = {}
    for record in records:
        groups.setdefault(record.kind, []).append(record)
    groups["all"] = list(records)
    rows = {}
    for kind, group in sorted(groups.items()):
        statuses = {}
        for record in group:
            key = str(record.status)
            statuses[key] = statuses.get(key, 0) + 1
        answered = [r.latency_ms for r in group if not r.failed]
        rows[kind] = {
            "requests": len(group),
            "rps": round(len(group) / seconds, 2) if seconds else None,
            "p50_ms": _round(percentile(answered, 50)),
            "p99_ms": _round(percentile(answered, 99)),
            "statuses": dict(sorted(statuses.items())),
            "failed": sum(r.failed for r in group),
        }
    return rows


def comment_check(records, stored, rows_per_send=None):
    """Every acknowledged comment stored exactly once.

    `stored` maps each receipt code found in the database for this run's senders to the number
    of rows holding it (the codes of acknowledged comments that are missing count 0). A receipt
    code is unique in the database, so a comment stored twice has two codes: `rows_per_send`
    maps each send (its own sender address) to its rows, and more than one fails the check. Comments
    whose POST was in flight when the process died may be stored without the reader having seen
    the receipt: counted apart, never as a failure (the reader's resend is point 10's business)."""
    posts = [r for r in records if r.kind == "comment"]
    acknowledged = [r.receipt for r in posts if r.receipt]
    missing = [code for code in acknowledged if stored.get(code, 0) == 0]
    duplicated = [code for code, n in stored.items() if n > 1]
    duplicated += [send for send, n in (rows_per_send or {}).items() if n > 1]
    acknowledged_twice = len(acknowledged) - len(set(acknowledged))
    unacknowledged = sorted(set(stored) - set(acknowledged))
    return {
        "sent": len(posts),
        "acknowledged": len(acknowledged),
        "stored": sum(stored.values()),
        "missing": missing,
        "duplicated": duplicated,
        "acknowledged_twice": acknowledged_twice,
        "stored_without_acknowledgement": len(unacknowledged),
        "refused": sum(1 for r in posts if not r.receipt and not r.failed),
        "failed": sum(1 for r in posts if r.failed),
        "passed": not missing and not duplicated and not acknowledged_twice,
    }


def verdict(failure_counts, comments):
    """The soak's two claims: no server failure but the killed process's, no comment lost or
    doubled."""
    return {
        "only_killed_process_failures": failure_counts["requests"]["unexplained"] == 0
        and failure_counts["attempts"]["answered_5xx"] == 0,
        "every_acknowledged_comment_stored_once": comments["passed"],
    }


def _round(value):
    return None if value is None else round(value, 1)
