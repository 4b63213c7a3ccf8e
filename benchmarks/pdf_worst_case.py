"""The worst case of PDF metadata extraction: CPU time and peak memory per hostile PDF.

Each hostile PDF of ``tests/hostile_pdfs.py`` is read in a fresh process, two ways:

- ``unbounded``: what extraction did before ``pipelines/pdf.py`` (pypdf's default
  limits, ``len(reader.pages)``, Info, XMP), under a 60 s CPU cap so the benchmark ends;
- ``bounded``: ``pipelines.pdf.read_pdf`` as the crawl's child process runs it (pypdf
  limits of ``PYPDF_LIMITS``, the declared page count only), without the child's own
  CPU and memory limits, so what it would spend is measured, not cut;
- ``in the crawl``: ``read_pdf_bounded``, the call the crawl makes (the child with its
  CPU, memory and wall-clock budget): seconds until the answer, or the budget spent.

The PDFs are built first and written to a temporary directory; CPU is user + system
seconds of the reading process (``wait4``), memory its peak RSS (``VmHWM``), each minus the same
process reading a healthy one-page PDF. The crawl additionally
wraps ``bounded`` in ``read_pdf_bounded`` (the budget is printed first).

    python benchmarks/pdf_worst_case.py               # every hostile PDF, both ways
    python benchmarks/pdf_worst_case.py --only bounded
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import io, resource, sys
sys.path.insert(0, {root!r})
import pypdf
data = open({path!r}, "rb").read() if {path!r} else b""
resource.setrlimit(resource.RLIMIT_CPU, (60, 61))
if {how!r} == "guarded":
    import time
    from pipelines.pdf import read_pdf_bounded
    read_pdf_bounded(b"%PDF-1.4")  # start the forkserver before the clock
    started = time.monotonic()
    facts = read_pdf_bounded(data) if data else {{}}
    elapsed = time.monotonic() - started
    print(f"{{elapsed:.2f}} s:", "budget spent, bytes only" if facts is None else facts.get("page_count"))
elif {how!r} == "bounded":
    from pipelines.pdf import read_pdf
    if data:
        facts = read_pdf(data)
        print(facts.get("page_count"), facts.get("title"))
elif data:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    pages = title = None
    try:
        if reader.is_encrypted:
            reader.decrypt("")
        pages = len(reader.pages)
        title = (reader.metadata or {{}}).get("/Title")
        reader.xmp_metadata
    except Exception as exc:
        title = type(exc).__name__
    print(pages, title)
hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]
print("HWM", hwm[0] if hwm else 0)
"""


def measure(path: str, how: str) -> tuple[float, float, str]:
    """(CPU s, peak RSS MiB, what it printed) of reading one PDF file in a fresh process
    (``path`` empty: import pypdf and read nothing, the baseline)."""
    code = CHILD.format(root=str(ROOT), path=path, how=how)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    lines = (proc.stdout.read().decode() if proc.stdout else "").strip().splitlines()
    # the peak from the kernel's own high-water mark of the process image (wait4's
    # ru_maxrss would include this parent's memory, copied by the fork before exec)
    hwm = [int(line.split()[1]) for line in lines if line.startswith("HWM ")]
    out = " ".join(line for line in lines if not line.startswith("HWM "))
    if os.waitstatus_to_exitcode(status) != 0:
        out = f"killed ({os.waitstatus_to_exitcode(status)}) after {time.monotonic() - started:.0f} s"
    peak = hwm[0] / 1024 if hwm else usage.ru_maxrss / 1024
    return usage.ru_utime + usage.ru_stime, peak, out


def main(argv: list[str] | None = None) -> int:
    from tests import hostile_pdfs

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["bounded", "unbounded"])
    args = parser.parse_args(argv)
    ways = [args.only] if args.only else ["unbounded", "bounded"]
    from pipelines import pdf

    print(
        f"the crawl's budget per PDF: {pdf.CPU_SECONDS} s CPU, {pdf.MEMORY_BYTES // 2**20} MiB address space, "
        f"{pdf.WALL_SECONDS} s wall"
    )
    workdir = Path(tempfile.mkdtemp(prefix="lh-pdf-"))
    healthy = workdir / "healthy.pdf"
    healthy.write_bytes(hostile_pdfs.healthy())
    base_cpu, base_rss, _ = measure(str(healthy), "unbounded")
    print(f"baseline (python reads a healthy one-page PDF with pypdf): {base_cpu:.2f} s CPU, {base_rss:.0f} MiB")
    print(f"| PDF | bytes | {' | '.join(f'{w} CPU s | {w} +MiB' for w in ways)} | says | in the crawl (wall) |")
    print("|---|---|" + "---|---|" * len(ways) + "---|---|")
    worst = {w: (0.0, 0.0) for w in ways}
    for name, (builder, _) in hostile_pdfs.HOSTILE.items():
        data = builder()
        size = len(data)
        path = workdir / f"{name}.pdf"
        path.write_bytes(data)
        cells, said = [], ""
        for way in ways:
            cpu, rss, out = measure(str(path), way)
            cells += [f"{cpu - base_cpu:.2f}", f"{max(0.0, rss - base_rss):.0f}"]
            worst[way] = (max(worst[way][0], cpu - base_cpu), max(worst[way][1], rss - base_rss))
            if way == "bounded" or not said:
                said = out
        guarded = measure(str(path), "guarded")[2]
        print(f"| {name} | {size:,} | {' | '.join(cells)} | {said[:40]} | {guarded} |")
        path.unlink()
    healthy.unlink()
    workdir.rmdir()
    for way, (cpu, rss) in worst.items():
        print(f"worst case {way}: {cpu:.2f} s CPU, +{rss:.0f} MiB peak memory")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
