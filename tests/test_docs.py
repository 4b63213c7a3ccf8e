"""Docs that cannot drift: the README's commands are the ones CI runs and the CLI has."""

import importlib
import re
from pathlib import Path

from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.exitcodes import ExitCode

ROOT = Path(__file__).resolve().parents[1]


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, re.S)


def test_ci_runs_the_readme_test_command():
    blocks = code_blocks((ROOT / "README.md").read_text())
    test_command = blocks[1].strip()
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()


def test_readme_first_block_installs_and_runs_the_main_job():
    first = code_blocks((ROOT / "README.md").read_text())[0]
    assert 'pip install -e ".[test]"' in first
    assert "linkhealth check" in first and "linkhealth report" in first


def test_every_command_is_in_the_readme_and_has_an_example():
    readme = (ROOT / "README.md").read_text()
    for name, _command in cli.commands.items():
        assert f"linkhealth {name}" in readme, f"`linkhealth {name}` is undocumented"
        help_text = CliRunner().invoke(cli, [name, "--help"]).output
        assert f"linkhealth {name}" in help_text, f"`{name} --help` has no example"


def test_the_readme_lists_every_exit_code_and_no_other():
    """Scripts and cron jobs branch on exit statuses: the README's table is the contract
    a user reads, ``ExitCode`` is the one the commands keep, and the two say the same codes."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    listed = [int(code) for code in re.findall(r"^\| (\d+) \|", section, re.M)]
    assert sorted(listed) == sorted(code.value for code in ExitCode)


def _section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


ARCHITECTURE = ROOT / "docs" / "architecture.md"


def test_the_module_map_names_every_module():
    """A newcomer looks a module up in docs/architecture.md: each one is there."""
    module_map = _section(ARCHITECTURE.read_text(encoding="utf-8"), "## Module map")
    modules = [
        path.relative_to(ROOT).as_posix()
        for package in ("linkhealth", "pipelines", "crawler", "schedules")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.name != "__init__.py"
    ]
    missing = [m for m in modules if f"`{m}`" not in module_map]
    assert not missing, f"docs/architecture.md's module map does not name {missing}"


def test_each_answer_of_where_is_x_decided_names_code_that_exists():
    """The at-a-glance answers name a module and a name in it; a rename that leaves the
    answer pointing at nothing fails here."""
    table = _section(ARCHITECTURE.read_text(encoding="utf-8"), "## Where is X decided, at a glance")
    rows = re.findall(r"^\| ([^|]+) \| `([\w/]+)\.py` \| `([\w.]+)`", table, re.M)
    assert len(rows) >= 9, table
    for question, path, name in rows:
        target = importlib.import_module(path.replace("/", "."))
        for part in name.split("."):
            assert hasattr(target, part), f"{question.strip()}: {path}.py has no {name}"
            target = getattr(target, part)
