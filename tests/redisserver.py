"""A real ``redis-server`` on loopback for the distributed-crawl tests (never a shared one)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(workdir: Path, port: int | None = None, password: str | None = None) -> tuple[subprocess.Popen, int]:
    """Start redis-server on 127.0.0.1 (``port``, or a free one) and wait until it answers PING."""
    import redis

    for _attempt in range(3):
        chosen = port or free_port()
        command = [
            REDIS_SERVER,
            "--port",
            str(chosen),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ]
        if password:
            command += ["--requirepass", password]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=chosen, password=password)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                client.ping()
                return proc, chosen
            except redis.ConnectionError:
                time.sleep(0.05)
        proc.kill()
        proc.wait()
        if port:
            break
    raise RuntimeError("redis-server did not start")
