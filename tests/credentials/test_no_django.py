"""Nothing in the credential core imports Django (house style R5).

Two ways: every module imported in a fresh interpreter pulls in no
``django`` module, and no ``import`` statement anywhere in the package's
source (a lazy one inside a function included) names ``django`` or one of the
project's Django apps.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import credentials

ROOT = Path(__file__).resolve().parents[2]
DJANGO_SIDE = {
    "django",
    "rest_framework",
    "celery",
    "config",
    "accounts",
    "audit",
    "badges",
    "bulk",
    "issuers",
    "notifications",
    "verifier",
    "wallet",
}

PROBE = """
import importlib, json, pkgutil, sys
import credentials as package
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
        m.name for m in pkgutil.walk_packages(credentials.__path__, "credentials.")
    }
    assert set(result["modules"]) == expected
    assert {"credentials.ob2.build", "credentials.ob3.verification"} <= expected
    assert result["django"] == []


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_import_statement_in_the_core_names_django_or_an_app():
    sources = sorted(Path(credentials.__file__).parent.rglob("*.py"))
    assert len(sources) > 20
    offending = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & DJANGO_SIDE)
        for path in sources
        if _imported_roots(path) & DJANGO_SIDE
    }
    assert offending == {}
