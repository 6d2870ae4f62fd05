"""Kept counts (issue 17): reused while nothing of the user's changes them."""

from skillsportal.lib import counts


def test_a_count_is_kept_per_user_and_filters_until_the_user_writes(db):
    calls = []

    def count():
        calls.append(1)
        return len(calls)

    assert counts.kept("roster", 1, [("q", "สม")], count) == 1
    assert counts.kept("roster", 1, [("q", "สม")], count) == 1  # kept
    assert counts.kept("roster", 1, [("q", "ประ")], count) == 2  # other filters
    assert counts.kept("roster", 2, [("q", "สม")], count) == 3  # other user
    counts.forget(1)
    assert counts.kept("roster", 1, [("q", "สม")], count) == 4
    assert counts.kept("roster", 2, [("q", "สม")], count) == 3  # still kept


def test_only_writes_that_did_not_fail_forget(client, hr_officer):
    client.force_login(hr_officer)
    assert counts.kept("t", hr_officer.pk, [], lambda: 1) == 1
    assert client.post("/people/999999999/edit/", {}).status_code == 404
    assert counts.kept("t", hr_officer.pk, [], lambda: 2) == 1  # not forgotten
    refused = client.post("/verification/decide/", {"kind": "nope"})
    assert refused.status_code == 302  # back to the queue with a message
    assert counts.kept("t", hr_officer.pk, [], lambda: 3) == 3
