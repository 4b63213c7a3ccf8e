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
