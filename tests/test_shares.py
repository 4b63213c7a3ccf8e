"""How a multi-process run divides its work (linkhealth/shares.py): by due counts, and
across processes only as far as each host's politeness limit allows."""

from __future__ import annotations

import pytest

from linkhealth.shares import SharePlan, plan_shares, split_slots, without_empty_shares


def hosts(*counts: int) -> dict[str, int]:
    return {f"h{i}.example": n for i, n in enumerate(counts)}


@pytest.mark.parametrize(
    "due, limit, loads",
    [
        (hosts(200, 200, 200, 200, 200, 200), 2, [600, 600]),  # by host hash: 1,000 to 200
        (hosts(1200, 1200), 2, [1200, 1200]),  # by host hash: 1,200 to 0
        (hosts(1200, 1200), 1, [1200, 1200]),
        (hosts(500, 400, 300, 200, 100), 2, [800, 700]),  # largest first: 500+200+100, 400+300
        (hosts(2400), 2, [1200, 1200]),  # one big host: split, 1 request at a time in each share
        (hosts(2400), 1, [2400, 0]),  # a limit of 1 per host cannot be divided
        (hosts(2000, 400), 2, [1400, 1000]),
        ({}, 2, [0, 0]),
    ],
)
def test_shares_are_balanced_by_due_counts(due, limit, loads):
    plan = plan_shares(due, 2, limit)
    assert sorted(plan.loads, reverse=True) == loads
    assert sum(plan.loads) == sum(due.values())


def test_a_host_is_split_only_where_politeness_allows():
    plan = plan_shares(hosts(3000, 10), 4, per_host_limit=2)
    assert len(plan.hosts["h0.example"]) == 2, "a limit of 2 per host: at most 2 shares of 1"
    assert len(plan.hosts["h1.example"]) == 1, "a small host stays in one process"
    assert max(len(parts) for parts in plan_shares(hosts(3000), 4, per_host_limit=8).hosts.values()) == 4
    for share in range(4):
        for slot in split_slots(plan, share, per_host_limit=2, download_delay=0).values():
            assert slot == {"concurrency": 1}
    slots = split_slots(plan_shares(hosts(900), 3, per_host_limit=8), 0, per_host_limit=8, download_delay=1.0)
    assert slots == {"h0.example": {"concurrency": 2, "delay": 3.0}}, "the host sees what one process sends"


def test_a_plan_without_work_for_a_share_starts_fewer_processes():
    due = hosts(2400)
    plan = without_empty_shares(plan_shares(due, 2, 1), due, 1)
    assert plan.shares == 1 and plan.loads == [2400]
    busy = plan_shares(hosts(5, 5), 2, 1)
    assert without_empty_shares(busy, hosts(5, 5), 1) is busy


def test_every_url_of_a_run_has_exactly_one_share(tmp_path):
    plan = plan_shares({"big.example": 100, "small.example": 3}, 2, 2)
    urls = [(f"https://big.example/{i}", f"b{i}") for i in range(100)] + [("https://small.example/", "s")]
    urls.append(("https://unplanned.example/", "u"))  # due after the plan was made: by host hash
    shares = [plan.share_of(url, rid) for url, rid in urls]
    assert set(shares) <= {0, 1}
    big = [plan.share_of(url, rid) for url, rid in urls[:100]]
    assert 30 < big.count(0) < 70, "a split host's URLs are spread over its shares"
    (tmp_path / "plan.json").write_text(plan.to_json())
    for setting in (plan, str(tmp_path / "plan.json")):  # the parent's own share; a share started by hand
        again = SharePlan.from_setting(setting)
        assert [again.share_of(url, rid) for url, rid in urls] == shares
    assert SharePlan.from_setting("") is None


def test_the_store_counts_due_urls_per_host(tmp_path):
    """What the parent divides: due URLs per host name (case and port folded, as Scrapy's
    download slots count them), and only those due."""
    from linkhealth.store import Store

    store = Store(str(tmp_path / "c.db"))
    store.import_rows(
        [
            (str(i), {"id": f"r{i}", "url": url})
            for i, url in enumerate(
                [
                    "https://Big.example/a",
                    "https://big.example:8443/b",
                    "http://big.example/c",
                    "https://small.example/",
                ]
            )
        ]
    )
    assert store.due_by_host(everything=True) == {"big.example": 3, "small.example": 1}
    assert store.due_by_host(ids=["r3"]) == {"small.example": 1}
    store.close()


def test_a_share_ended_by_ctrl_c_is_an_interrupted_run_not_a_failed_one():
    """A share that had finished its crawl and was closing when Ctrl-C came dies of the
    signal (exit status -2); the run was interrupted by its user, no crawler broke."""
    from linkhealth.crawl import share_exits

    assert share_exits([0, -2]) == ([], True)
    assert share_exits([0, -15, 0]) == ([], True)
    assert share_exits([0, 0]) == ([], False)
    # a share that crashed, or was killed outright, is a failure whatever else happened
    assert share_exits([0, 1, -2]) == ([1], True)
    assert share_exits([-9, 0]) == ([-9], False)
