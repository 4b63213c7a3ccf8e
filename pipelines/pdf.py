"""Bounded PDF reading: what a PDF says about itself, at a bounded cost in time and memory.

A PDF is a program for its reader. A small file of object streams can make pypdf
walk and inflate for a long time and a great deal of memory (``len(reader.pages)``
flattens the whole page tree); a small stream can inflate to gigabytes
(docs/reliability.md has the hostile files and what they cost). Read on the crawl's thread, one
such file stops every download. So:

- :func:`read_pdf` asks only for what the catalogue keeps: the page count as the
  document declares it (``/Root /Pages /Count``, one object, no walk of the tree),
  the Info dictionary's ``/Title`` and ``/Subject``, and the XMP packet, under pypdf
  limits sized for a file of a few megabytes (:data:`PYPDF_LIMITS`);
- :func:`read_pdf_bounded` runs it in a child process with a CPU-time and an
  address-space limit and a wall-clock deadline. A child that runs out of any of them
  is killed; the caller falls back to the byte-level scan. The crawl process never
  holds the hostile file's memory, and the crawl waits for the child on a thread
  (``pipelines/classify.py``), so downloads go on meanwhile.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import resource
import select
import signal
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

#: pypdf limits (its defaults are 75 MB per stream, 300 MB of decoding work): the
#: objects we read are a few kB; a page tree is never flattened.
PYPDF_LIMITS = {
    "maximum_declared_stream_length": 8_000_000,
    "zlib_maximum_output_length": 8_000_000,
    "lzw_maximum_output_length": 8_000_000,
    "run_length_maximum_output_length": 8_000_000,
    "brotli_maximum_output_length": 8_000_000,
    "array_based_stream_maximum_output_length": 8_000_000,
    "stream_decoding_work_maximum_length": 16_000_000,
    "xmp_maximum_input_length": 1_000_000,
    "xmp_maximum_element_count": 10_000,
    "page_tree_maximum_entries": 10_000,
    "page_tree_maximum_depth": 50,
}
#: a declared page count above this is not a page count
MAX_PAGES = 100_000
#: the child's budget
CPU_SECONDS = 2
WALL_SECONDS = 5
MEMORY_BYTES = 512 * 1024 * 1024

_ONE_CHILD_AT_A_TIME = threading.Lock()


def _resolved(value: Any) -> Any:
    """An entry with an indirect reference followed (``/Title 12 0 R``), or None."""
    try:
        return value.get_object() if hasattr(value, "get_object") else value
    except Exception:  # noqa: BLE001 - a reference into a missing or broken object
        return None


def _text(value: Any) -> str | None:
    value = _resolved(value)
    return str(value) if value is not None else None


#: the most of a first page's text kept (identity reads a page, not a book)
MAX_FIRST_PAGE_TEXT = 20_000


def first_page_text(body: bytes) -> str | None:
    """The text of the PDF's first page (pypdf's extraction), or None.

    Costlier than :func:`read_pdf` (pypdf resolves the page tree down to the first
    page and decodes its content streams), so the bounded child runs it after the
    facts are sent: a file that spends its budget here keeps its title.
    """
    import io

    from pypdf import PdfReader, apply_configuration

    with apply_configuration(None, **PYPDF_LIMITS):  # None: on top of the current configuration
        try:
            reader = PdfReader(io.BytesIO(body), strict=False)
            if reader.is_encrypted and reader.decrypt("") == 0:
                return None
            if _declared_pages(reader) is None:
                return None
            text = reader.pages[0].extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - a truncated or broken file
            log.debug("pypdf could not read the first page: %s", exc)
            return None
    return text[:MAX_FIRST_PAGE_TEXT] or None


def _declared_pages(reader) -> int | None:
    """``/Root /Pages /Count``: the count the document declares, read from one object."""
    try:
        count = _resolved(_resolved(reader.trailer["/Root"])["/Pages"])["/Count"]
        count = int(_resolved(count))
    except Exception:  # noqa: BLE001 - no catalog, no page tree, not a number
        return None
    return count if 0 < count <= MAX_PAGES else None


def read_pdf(body: bytes) -> dict[str, Any]:
    """What the PDF says about itself, as plain data (pure; bounded by pypdf's limits).

    Keys: ``readable`` (pypdf opened it), ``encrypted``, ``decrypted`` (the empty user
    password opened it), ``page_count``, ``title``, ``subject``, ``xmp_title``,
    ``xmp_description``; absent when the file does not say.
    """
    import io

    from pypdf import PdfReader, apply_configuration

    facts: dict[str, Any] = {"readable": False}
    with apply_configuration(None, **PYPDF_LIMITS):  # None: on top of the current configuration
        try:
            reader = PdfReader(io.BytesIO(body), strict=False)
            encrypted = bool(reader.is_encrypted)
            decrypted = True
            if encrypted:
                try:
                    decrypted = reader.decrypt("") != 0  # PasswordType.NOT_DECRYPTED
                except Exception:  # noqa: BLE001 - unsupported algorithm, broken dictionary
                    decrypted = False
            facts.update(encrypted=encrypted, decrypted=decrypted)
            pages = _declared_pages(reader)
            if pages is not None:
                facts["page_count"] = pages
            if not decrypted:
                facts["readable"] = pages is not None
                return facts
            facts["readable"] = True
            try:
                info = reader.metadata
            except Exception:  # noqa: BLE001 - a broken Info reference
                info = None
            if info is not None:
                facts["title"] = _text(info.get("/Title"))
                facts["subject"] = _text(info.get("/Subject"))
            try:
                xmp = reader.xmp_metadata
            except Exception:  # noqa: BLE001 - invalid or oversized XML
                xmp = None
            if xmp is not None:
                for getter, key in (("dc_title", "xmp_title"), ("dc_description", "xmp_description")):
                    try:
                        values = getattr(xmp, getter) or {}
                    except Exception:  # noqa: BLE001
                        values = {}
                    facts[key] = values.get("x-default") or next(iter(values.values()), None)
        except Exception as exc:  # noqa: BLE001 - a truncated or broken file
            log.debug("pypdf could not read the file: %s", exc)
    return {k: v for k, v in facts.items() if v is not None}


def looks_like_pdf(visit) -> bool:
    """Whether a visit's body is (probably) a PDF: declared so, or starting like one."""
    return visit.content_type == "application/pdf" or b"%PDF-" in (visit.body or b"")[:1024]


def _limit(cpu_seconds: int, memory_bytes: int) -> None:
    """Limit this (child) process: CPU seconds from now, and address space beyond what it
    already maps (a forked child shares the crawl's mappings, counted in RLIMIT_AS)."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    try:
        with open("/proc/self/status") as status:
            mapped = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):  # no /proc: the CPU and wall-clock limits still hold
        return
    resource.setrlimit(resource.RLIMIT_AS, (mapped + memory_bytes, mapped + memory_bytes))


def read_pdf_bounded(
    body: bytes,
    *,
    cpu_seconds: int | None = None,
    wall_seconds: float | None = None,
    memory_bytes: int | None = None,
    with_first_page: bool = False,
) -> dict[str, Any] | None:
    """:func:`read_pdf` in a forked child under a CPU, memory and wall-clock budget;
    None when the file spent it (or no child could be started).

    ``os.fork`` rather than ``multiprocessing``: its ``spawn`` and ``forkserver`` start
    each child by importing the crawl's ``__main__`` again (the CLI), and the body is
    already in memory, shared copy-on-write. The child only computes, writes JSON to a
    pipe and leaves with ``os._exit``: it never returns into the crawl, closes nothing
    of the parent's and touches no lock of another thread. The budget defaults to
    :data:`CPU_SECONDS`, :data:`WALL_SECONDS` and :data:`MEMORY_BYTES`.

    ``with_first_page`` adds ``first_page_text`` (:func:`first_page_text`), read in the
    same child after the facts: the budget spent there leaves the facts standing.
    """
    cpu_seconds = CPU_SECONDS if cpu_seconds is None else cpu_seconds
    wall_seconds = WALL_SECONDS if wall_seconds is None else wall_seconds
    memory_bytes = MEMORY_BYTES if memory_bytes is None else memory_bytes
    # One child at a time: a child forked while another reader's pipe is open inherits
    # its write end, and that reader then sees no end of file until both children exit.
    with _ONE_CHILD_AT_A_TIME:
        _import_readers_here()
        return _read_in_child(body, cpu_seconds, wall_seconds, memory_bytes, with_first_page)


@functools.cache
def _import_readers_here() -> None:
    """Import, in this process, every module a read needs, by reading a small encrypted
    PDF made here: a child that imports a module which another thread of the crawl was
    importing when it forked waits for that thread's import lock forever."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    writer.add_metadata({"/Title": "linkhealth"})
    writer.encrypt(user_password="", owner_password="linkhealth", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    read_pdf(out.getvalue())


def _send(fd: int, facts: dict[str, Any]) -> None:
    view = memoryview(json.dumps(facts).encode() + b"\n")
    while view:
        view = view[os.write(fd, view) :]


def _read_in_child(
    body: bytes, cpu_seconds: int, wall_seconds: float, memory_bytes: int, with_first_page: bool
) -> dict[str, Any] | None:
    """Fork, read in the child under the budget, and take back what it sent: one JSON
    line of facts, then (``with_first_page``) one with the first page's text."""
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:  # no processes left: the byte scan still answers
        os.close(read_fd)
        os.close(write_fd)
        log.warning("could not start the PDF reader: %s", exc)
        return None
    if pid == 0:  # pragma: no cover - the child (coverage does not follow os.fork)
        code = 1
        try:
            os.close(read_fd)
            _limit(cpu_seconds, memory_bytes)
            _send(write_fd, read_pdf(body))
            if with_first_page:
                _send(write_fd, {"first_page_text": first_page_text(body)})
            code = 0
        except BaseException:  # noqa: BLE001 - MemoryError, the CPU signal: the parent falls back
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks, answered = [], False
    deadline = time.monotonic() + wall_seconds
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([read_fd], [], [], left)[0]:
                break
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                answered = True
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if not answered:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    result = None
    # each line is written whole, newline last: a child stopped mid-line sent only what precedes it
    for line in b"".join(chunks).split(b"\n")[:-1]:
        with contextlib.suppress(ValueError):
            part = json.loads(line)
            result = part if result is None else {**result, **part}
    if result is None:
        log.info(
            "a PDF spent its reading budget (%s s CPU, %s MiB, %s s): read from its bytes only",
            cpu_seconds,
            memory_bytes // 2**20,
            wall_seconds,
        )
    elif with_first_page and "first_page_text" not in result:
        log.info("a PDF's first page spent the reading budget: its text is not read")
    return result
