"""The soak's verdicts (bench/soak_accounting.py): which failures the killed app process explains,
and whether every acknowledged comment is stored exactly once. Pure functions, no servers."""

from bench.soak_accounting import (
    CONNECT,
    IN_FLIGHT,
    Attempt,
    Kill,
    Record,
    by_kind,
    comment_check,
    failures,
    verdict,
)

KILL = Kill("a", at=60.0, ready=68.0)


def answered(instance, at, status=200, took=0.02):
    return Attempt(instance, at, at + took, status=status)


def broken(instance, at, phase, took=0.01):
    return Attempt(instance, at, at + took, phase=phase, error="ConnectionResetError")


def request(kind, *attempts, method="GET", receipt=""):
    return Record(kind, method, "/x/", attempts=list(attempts), receipt=receipt)


def test_a_post_in_flight_on_the_killed_process_is_explained_by_the_kill():
    post = request("comment", broken("a", 59.9, IN_FLIGHT, took=0.2), method="POST")
    found = failures([post], KILL)
    assert found["requests"] == {"explained": 1, "unexplained": 0}
    assert verdict(found, comment_check([post], {}))["only_killed_process_failures"]


def test_a_refused_connection_while_the_process_is_down_is_explained_and_moved_on():
    page = request("article", broken("a", 63.0, CONNECT), answered("b", 63.01))
    found = failures([page], KILL)
    assert not page.failed
    assert found["attempts"] == {"explained": 1, "unexplained": 0, "answered_5xx": 0}
    assert found["moved_to_other_instance"] == 1


def test_failures_of_the_other_process_or_outside_the_kill_are_not_explained():
    records = [
        request("article", broken("b", 60.0, IN_FLIGHT)),  # the survivor
        request("article", broken("a", 30.0, IN_FLIGHT)),  # long before the kill
        request("article", broken("a", 75.0, CONNECT)),  # after it answered again
        request("article", broken("a", 61.0, IN_FLIGHT)),  # sent after the kill, not in flight
    ]
    found = failures(records, KILL)
    assert found["requests"] == {"explained": 0, "unexplained": 4}
    assert not verdict(found, comment_check([], {}))["only_killed_process_failures"]


def test_a_5xx_answer_is_never_blamed_on_the_kill_even_from_the_killed_process():
    found = failures([request("policy", answered("a", 60.0, status=500))], KILL)
    assert found["attempts"]["answered_5xx"] == 1
    assert found["requests"]["unexplained"] == 1
    assert not verdict(found, comment_check([], {}))["only_killed_process_failures"]


def test_without_a_kill_every_failure_is_unexplained():
    found = failures([request("home", broken("a", 60.0, IN_FLIGHT))], None)
    assert found["requests"] == {"explained": 0, "unexplained": 1}


def test_every_acknowledged_comment_found_once_passes_and_unacknowledged_ones_are_counted():
    posts = [
        request("comment", answered("a", 1.0, 303), method="POST", receipt="AAAA"),
        request("comment", answered("b", 2.0, 303), method="POST", receipt="BBBB"),
        request("comment", broken("a", 59.9, IN_FLIGHT, took=0.2), method="POST"),
        request("comment", answered("b", 3.0, 429), method="POST"),
    ]
    # The POST in flight at the kill was committed before the process died.
    found = comment_check(posts, {"AAAA": 1, "BBBB": 1, "CCCC": 1})
    assert found["passed"]
    assert found["acknowledged"] == 2
    assert found["stored_without_acknowledgement"] == 1
    assert (found["refused"], found["failed"]) == (1, 1)


def test_an_acknowledged_comment_missing_from_the_database_fails():
    posts = [request("comment", answered("a", 1.0, 303), method="POST", receipt="AAAA")]
    found = comment_check(posts, {})
    assert not found["passed"]
    assert found["missing"] == ["AAAA"]


def test_a_receipt_stored_twice_or_given_twice_fails():
    posts = [
        request("comment", answered("a", 1.0, 303), method="POST", receipt="AAAA"),
        request("comment", answered("b", 1.5, 303), method="POST", receipt="AAAA"),
    ]
    assert comment_check(posts, {"AAAA": 1})["acknowledged_twice"] == 1
    assert not comment_check(posts, {"AAAA": 1})["passed"]
    assert not comment_check(posts[:1], {"AAAA": 2})["passed"]


def test_one_send_stored_as_two_comments_fails():
    """Receipt codes are unique in the database: a doubled comment shows as two codes for one
    sender, one of them never acknowledged."""
    posts = [request("comment", answered("a", 1.0, 303), method="POST", receipt="AAAA")]
    found = comment_check(posts, {"AAAA": 1, "BBBB": 1}, {"bench-x-7@example.com": 2})
    assert found["duplicated"] == ["bench-x-7@example.com"]
    assert not found["passed"]


def test_rows_by_kind_count_statuses_and_rates_and_time_a_moved_request_from_its_first_try():
    records = [
        request("feed", answered("a", 0.0, 304, took=0.01)),
        request("feed", answered("b", 1.0, 200, took=0.03)),
        request("home", broken("a", 2.0, CONNECT, took=0.001), answered("b", 2.001, took=0.009)),
        request("home", broken("a", 3.0, IN_FLIGHT)),
    ]
    rows = by_kind(records, seconds=2.0)
    assert rows["feed"]["statuses"] == {"200": 1, "304": 1}
    assert rows["feed"]["rps"] == 1.0
    assert rows["home"]["statuses"] == {"200": 1, "no answer": 1}
    assert rows["home"]["failed"] == 1
    assert rows["home"]["p50_ms"] == 10.0  # both attempts of the moved request
    assert rows["all"]["requests"] == 4


def test_a_request_reset_while_the_killed_processes_were_still_exiting_is_explained():
    """SIGKILL takes effect when the kernel gets to it: until the last process of the instance
    has exited, its listening socket still accepts connections, which are then reset."""
    kill = Kill("a", at=60.0, ready=68.0, gone=61.2)
    late = request("comment", broken("a", 61.0, IN_FLIGHT), method="POST")
    assert failures([late], kill)["requests"] == {"explained": 1, "unexplained": 0}
    after = request("comment", broken("a", 62.0, IN_FLIGHT), method="POST")
    assert failures([after], kill)["requests"] == {"explained": 0, "unexplained": 1}
