"""Shared fixtures: the bundled report and the command line, whose output is the reference."""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "examples" / "report-2020-jinshan.txt"


@functools.cache
def cli_path() -> Path:
    """The example program: $ZHGLOSS_BIN, else the debug build in the repository's target
    directory, brought up to date here (a stale build would be compared with a newer core)."""
    env = os.environ.get("ZHGLOSS_BIN")
    if env:
        return Path(env)
    subprocess.run(["cargo", "build", "--quiet", "--example", "zhgloss"], cwd=REPO, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "examples" / "zhgloss"


@pytest.fixture(scope="session")
def report() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cli() -> Callable[..., str]:
    """Runs the command line with these arguments (and `stdin`), returning its stdout."""
    path = cli_path()

    def run(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [str(path), *args],
            input=stdin.encode() if stdin is not None else None,
            capture_output=True,
            check=True,
        )
        return done.stdout.decode("utf-8")

    return run
