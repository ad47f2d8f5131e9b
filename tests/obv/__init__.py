"""Run 1EdTech's Open Badges 2.0 validator (PyPI ``openbadges``) from the tests.

The validator lives in its own virtualenv, ``.venv-obv`` (``scripts/setup-obv``),
and runs in a subprocess through ``run_validator.py`` beside this file.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

__all__ = [
    "ROOT",
    "VALIDATOR_VERSION",
    "VENV_PYTHON",
    "ensure_validator",
    "run_validator",
    "unbake_with_validator",
    "errors_of",
]

ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = ROOT / ".venv-obv" / "bin" / "python"
RUNNER = Path(__file__).with_name("run_validator.py")
VALIDATOR_VERSION = "1.1.2"


def ensure_validator() -> None:
    """Create or update ``.venv-obv`` (a no-op when it is up to date)."""
    subprocess.run([str(ROOT / "scripts" / "setup-obv")], check=True, cwd=ROOT)


def run_validator(
    value: str | Path,
    *,
    recipient_profile: dict[str, Any] | None = None,
    timeout: float = 120,
) -> dict[str, Any]:
    """Return the validator's report for a URL, a JWS, or a baked image file (a ``Path``).

    Only loopback hosts are reachable; the OB 2.0 context comes from the
    validator's bundled copy. Raise ``RuntimeError`` if the runner fails.
    """
    ensure_validator()
    command = [str(VENV_PYTHON), str(RUNNER), "--loopback-only"]
    if isinstance(value, Path):
        command += ["--file", str(value)]
    else:
        command.append(value)
    if recipient_profile is not None:
        command += ["--recipient-profile", json.dumps(recipient_profile)]
    return _run(command, timeout)


def unbake_with_validator(image: Path, *, timeout: float = 60) -> Any:
    """Return what the validator's bakery (``openbadges_bakery.unbake``) finds in ``image``.

    A ``bytes`` result comes back as ``{"bytes": "<text>"}``, so that the
    caller can see the type the validator works with.
    """
    ensure_validator()
    command = [str(VENV_PYTHON), str(RUNNER), "--unbake", str(image)]
    return _run(command, timeout)["unbaked"]


def _run(command: list[str], timeout: float) -> dict[str, Any]:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"validator runner failed ({done.returncode}):\n{done.stderr}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def errors_of(report: dict[str, Any]) -> list[str]:
    """Return the texts of the report's ERROR messages."""
    return [
        m["result"]
        for m in report["report"]["messages"]
        if m.get("messageLevel") == "ERROR"
    ]
