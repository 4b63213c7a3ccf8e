import subprocess

import pytest

from linkhealth.store import Store


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "catalogue.db")


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


def stop_process(proc: subprocess.Popen, grace: float = 10) -> None:
    """Terminate a server a test started; kill it if it ignores SIGTERM for ``grace`` s."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
