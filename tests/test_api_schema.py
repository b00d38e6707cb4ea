"""Schemathesis against the OpenAPI document (issue 25), in a process of its own.

The cases (tests/api_schema_cases.py) make an app when they are collected; in the suite's
own process that app's search state leaked into later tests (tests/test_needs.py and the
search tests of tests/test_names.py failed after it), so they run in a child pytest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_api_answers_as_its_document_says():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/api_schema_cases.py",
            "-q",
            "--no-cov",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
