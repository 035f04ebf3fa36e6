"""The one write a Bench (bench/run.py) measures: comment POSTs on a policy page (7), counted in
the database before and after."""

from . import report
from .targets import POST_P99_MS


class WriteSteps:
    def measure_comments(self):
        from policy_pages.models import Submission
        from policy_pages.submissions import rules

        from .comments import post_comments

        scenario = self.scenario
        if not scenario.paths.get("policy"):
            self.notes.append("Comment POST: no policy page in the database, not measured")
            return
        before = Submission.objects.count()
        messages_before = self.mail.messages
        measure, tokens_measure, details = post_comments(
            self.app_port,
            policy_path=scenario.paths["policy"],
            policy_id=scenario.policy_id,
            count=self.args.posts,
            concurrency=self.args.connections,
            run_id=self.run_id,
            min_seconds=rules()["MIN_SECONDS"],
        )
        mine = Submission.objects.filter(email__startswith=f"bench-{self.run_id}-")
        stored = Submission.objects.count() - before
        acknowledged = details["acknowledged"]
        mails = self.mail.messages - messages_before
        deleted, _ = mine.delete()
        tokens_how = (
            f"from {details['tokens_url']}, fetched beforehand by the same clients"
            if details["tokens_url"]
            else "the page's CSRF pair; time tokens made with the form's `issue_token`"
        )
        passed = (
            measure.p99_ms is not None
            and measure.p99_ms < POST_P99_MS
            and measure.errors == 0
            and stored == acknowledged == self.args.posts
        )
        if tokens_measure:
            self.add_row(
                "form_tokens",
                f"form tokens, JSON ({tokens_measure.concurrency} clients)",
                tokens_measure,
            )
        self.add_row(
            "comment_post",
            f"comment POST ({measure.concurrency} clients)",
            measure,
            target=f"p99 < {POST_P99_MS} ms, none lost (7)",
            passed=passed,
        )
        self.add_target(
            7,
            f"comment POST, {measure.concurrency} clients: p99, errors, stored / 303s / sent",
            f"{report.fmt(measure.p99_ms)} ms, {measure.errors} errors, "
            f"{stored} / {acknowledged} / {self.args.posts}",
            f"< {POST_P99_MS} ms, 0, all equal",
            passed,
        )
        self.extra["comments"] = {
            **details,
            "sent": self.args.posts,
            "stored": stored,
            "receipt_mails": mails,
            "deleted_after": deleted,
        }
        self.notes.append(
            f"Comment POST: {self.args.posts} sends by {measure.concurrency} threads, each with "
            f"its own CSRF pair and time token ({tokens_how}), aged past MIN_SECONDS, its own "
            "email and text; the policy page is read once for the form. Receipts go to a local "
            f"SMTP sink ({mails} mails). The per-address limit is lifted in "
            "portal.settings.bench (every request comes from 127.0.0.1); the other rules are "
            f"production's. Rows counted before and after, then the run's {deleted} rows deleted."
        )
