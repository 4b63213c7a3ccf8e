"""The judge's fixture pages and the Visits tests build from them, shared by the judge's
and the gate rules' tests (tests/test_judge.py, tests/test_gates.py)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from linkhealth.visit import Visit

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES: list[dict] = json.loads((PAGES / "judge_cases.json").read_text(encoding="utf-8"))
BASE = "http://127.0.0.1:8765"
HTML = {"content-type": "text/html; charset=utf-8"}


def visit_from_case(case: dict, base: str = BASE) -> Visit:
    """The Visit the spider records for a manifest case."""
    url = case.get("url") or base + case["path"]
    chain, current = [], url
    for hop in case.get("redirect_chain") or ():
        hop_url = urljoin(current, hop["path"])
        location = urljoin(hop_url, hop["location"])
        chain.append({"url": hop_url, "status": hop["status"], "location": location})
        current = location
    body = (PAGES / case["file"]).read_bytes() if case.get("file") else b""
    return Visit(
        resource_id=case["name"],
        url=url,
        conditional=bool(case.get("conditional")),
        final_url=current,
        status=case["status"],
        headers={k.lower(): v for k, v in (case.get("headers") or {}).items()},
        redirect_chain=chain,
        body=body if case["status"] is not None else b"",
        error_class=case.get("error_class"),
        error_message=case.get("error_message"),
        host_probe=case.get("host_probe"),
    )


def visit(
    url="https://example.org/resources/guide", *, status=200, body=b"", headers=None, chain=None, final_url=None, **kw
) -> Visit:
    if isinstance(body, str):
        body = body.encode("utf-8")
    return Visit(
        resource_id="r",
        url=url,
        status=status,
        body=body,
        headers=dict(HTML if headers is None else headers),
        redirect_chain=list(chain or ()),
        final_url=final_url or (chain[-1]["location"] if chain else url),
        **kw,
    )


def page(title="A guide", text="Real content about caring for trafficked persons. " * 20, head="") -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    )
