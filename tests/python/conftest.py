"""Shared fixtures: the CLI to compare with, and the recorded corpus."""

import glob
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli() -> str:
    """The `vimdata` binary (VIMDATA_BIN, else target/release/vimdata): the reference."""
    path = os.environ.get("VIMDATA_BIN", str(REPO / "target" / "release" / "vimdata"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"the vimdata CLI is needed at {path}: run `cargo build --release` or set VIMDATA_BIN")
    return path


def run_cli(cli: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([cli, *args], input=stdin, capture_output=True, check=False)


@pytest.fixture(scope="session")
def corpus() -> list:
    """Every recorded case in tests/data/*.jsonl: {source, keys, vim: {output} | {error}}."""
    cases = []
    for path in sorted(glob.glob(str(REPO / "tests" / "data" / "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            cases.extend(json.loads(line) for line in f if line.strip())
    assert len(cases) > 1000, "the recorded corpus is missing"
    return cases
