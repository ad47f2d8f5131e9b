"""Importing every module of badges.credentials pulls in no Django (house style R5)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import badges.credentials

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, pkgutil, sys
import badges.credentials as package
names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "django": sorted(m for m in sys.modules if m == "django" or m.startswith("django."))}))
"""


def test_it_imports_every_credentials_module_without_django():
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    expected = {
        m.name
        for m in pkgutil.walk_packages(
            badges.credentials.__path__, "badges.credentials."
        )
    }
    assert set(result["modules"]) == expected
    assert "badges.credentials.ob2" in expected
    assert result["django"] == []
