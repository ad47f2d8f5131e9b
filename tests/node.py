"""Run the independent Node verifiers in ``tests/js`` (installed by ``make test`` from the lock file)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).parent / "js"


def run_node(script: str, payload: dict) -> dict:
    """Run ``tests/js/<script>`` with ``payload`` on stdin; return its JSON verdict."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is not installed; it is needed for the independent verifiers."
        )
    if not (JS / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        pytest.fail(
            "tests/js/node_modules is missing: run `make test` (it runs `npm ci --prefix tests/js`)."
        )
    result = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [node, str(JS / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def wallet_holder(*batch: dict) -> list[dict]:
    """Run ``tests/js/wallet-holder.mjs`` on a batch of commands; return its answers, none failed."""
    results = run_node("wallet-holder.mjs", {"batch": list(batch)})["results"]
    for result in results:
        assert "error" not in result, result["error"]
    return results
