"""The walls between the packages, read from the source (ast), so a wrong import fails here and names its line.

catalog/ is the ground floor; fetchers/ and the dashboard build on it and on cache/, never on each other; the chart
builders are pure; product code never reaches for tests/, bench/, testkit/ or tools/; tests/ and bench/ share only
testkit/. Imports inside functions count too.
"""

from __future__ import annotations

import ast
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("catalog", "fetchers", "cache", "dashboard")
OUTSIDE_PRODUCT = ("tests", "bench", "testkit", "tools")
# The only files allowed to put a folder on sys.path: pytest's conftest.py files and `streamlit run`'s entry point.
MAY_CHANGE_SYS_PATH = {"dashboard/app.py"}
SILENCED_E402 = re.compile(r"\bnoqa\b[^#]*\bE402\b")


def python_files(folder: str = "") -> list[Path]:
    """The project's .py files under `folder`: tracked or new, never ignored ones (so never .venv/)."""
    try:
        command = ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", f"{folder or '.'}/*.py"]
        listed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
        files = [ROOT / name for name in listed]
    except (OSError, subprocess.CalledProcessError):  # no git (an exported tree): walk the folder instead
        files = [p for p in (ROOT / folder).rglob("*.py") if ".venv" not in p.relative_to(ROOT).parts]
    return sorted(p for p in files if p.is_file())


def imported(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, module) for every module the file imports; `from a import b` names both a and a.b."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    source = path.read_text(encoding="utf-8") if source is None else source
    found = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the file's own package upwards
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def crossings(folder: str, forbidden: tuple[str, ...], files: list[Path] | None = None) -> list[str]:
    """'file:line imports module' for each line that imports a forbidden module (`a`, not also `a.b`)."""
    wrong = []
    for path in files if files is not None else python_files(folder):
        lines: dict[int, list[str]] = {}
        for line, module in imported(path):
            if within(module, forbidden):
                lines.setdefault(line, []).append(module)
        for line, modules in lines.items():
            named = [m for m in dict.fromkeys(modules) if not any(m.startswith(o + ".") for o in modules)]
            wrong.append(f"{path.relative_to(ROOT)}:{line} imports {', '.join(named)}")
    return wrong


def report(rule: str, wrong: list[str]) -> str:
    return f"{rule}; {len(wrong)} line(s) break it:\n  " + "\n  ".join(wrong)


def test_the_dashboard_never_imports_the_fetchers():
    wrong = crossings("dashboard", ("fetchers",))
    assert not wrong, report("the dashboard reads the cache and the catalog, never the fetchers", wrong)


def test_the_fetchers_import_neither_the_dashboard_nor_streamlit():
    wrong = crossings("fetchers", ("dashboard", "streamlit"))
    assert not wrong, report("the fetchers run without the dashboard and without Streamlit", wrong)


def test_the_cache_imports_neither_the_fetchers_nor_the_dashboard_nor_streamlit():
    wrong = crossings("cache", ("fetchers", "dashboard", "streamlit"))
    assert not wrong, report("the cache is read and written by both sides and knows neither", wrong)


def test_the_catalog_is_the_ground_floor_importing_no_other_package_of_ours_nor_streamlit():
    if not (ROOT / "catalog" / "__init__.py").exists():
        pytest.skip("no catalog/ package yet: the ground-floor wall is checked once catalog/ exists")
    wrong = crossings("catalog", ("fetchers", "cache", "dashboard", "streamlit"))
    assert not wrong, report("catalog/ declares what everything else builds on, and builds on nothing", wrong)


def test_the_chart_builders_import_neither_the_cache_nor_the_loader_nor_the_renderer_nor_streamlit():
    charts = ROOT / "dashboard" / "charts.py"
    wrong = crossings("", ("cache", "dashboard.data", "dashboard.render", "streamlit"), files=[charts])
    assert not wrong, report("dashboard/charts.py builds a chart from rows it is given: rows in, alt.Chart out", wrong)


@pytest.mark.parametrize("package", PRODUCT)
def test_product_code_never_imports_tests_benchmarks_testkit_or_tools(package):
    wrong = crossings(package, OUTSIDE_PRODUCT)
    assert not wrong, report(f"{package}/ ships; tests/, bench/, testkit/ and tools/ do not", wrong)


def test_the_tests_never_import_the_benchmarks():
    wrong = crossings("tests", ("bench",))
    assert not wrong, report("what tests and benchmarks share lives in testkit/", wrong)


def test_the_benchmarks_never_import_the_tests():
    wrong = crossings("bench", ("tests",))
    assert not wrong, report("what tests and benchmarks share lives in testkit/", wrong)


def test_the_testkit_imports_neither_the_tests_nor_the_benchmarks_nor_the_tools():
    wrong = crossings("testkit", ("tests", "bench", "tools"))
    assert not wrong, report("testkit/ is what tests/ and bench/ share, so it depends on neither", wrong)


def test_no_module_changes_sys_path_but_conftest_files_and_the_dashboard_entry_point():
    wrong = []
    for path in python_files():
        name = path.relative_to(ROOT).as_posix()
        if path.name == "conftest.py" or name in MAY_CHANGE_SYS_PATH:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), name)):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("sys.path.insert", "sys.path.append"):
                wrong.append(f"{name}:{node.lineno} {ast.unparse(node.func)}")
    assert not wrong, report("run it as a module from the project root (python -m bench.NAME) instead", wrong)


def test_no_file_silences_the_imports_at_the_top_rule():
    wrong = []
    for path in python_files():
        with path.open("rb") as f:
            comments = [t for t in tokenize.tokenize(f.readline) if t.type == tokenize.COMMENT]
        name = path.relative_to(ROOT).as_posix()
        wrong += [f"{name}:{t.start[0]} {t.string}" for t in comments if SILENCED_E402.search(t.string)]
    assert not wrong, report("imports go at the top (ruff allows a sys.path change before them)", wrong)


def test_the_walls_see_relative_imports_and_imports_inside_functions():
    source = "from . import data\n\n\ndef f():\n    from ..cache import store\n    import streamlit as st\n"
    assert imported(ROOT / "dashboard" / "charts.py", source) == [
        (1, "dashboard"),
        (1, "dashboard.data"),
        (5, "cache"),
        (5, "cache.store"),
        (6, "streamlit"),
    ]
