"""Layering rules, checked on the source with ``ast``.

* Core modules (everything except ``esign/cli/*`` and ``esign/render/terminal.py``) import neither
  click nor rich, at any level (also inside functions), and never print, prompt or exit.
* Only ``esign/cli/*`` imports click.
* Only ``esign/render/terminal.py`` and ``esign/cli/*`` import rich.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import esign

PACKAGE = Path(esign.__file__).resolve().parent
SRC = PACKAGE.parent


@dataclass(frozen=True)
class ImportSite:
    module: str
    line: int
    target: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def _module_name(path: Path) -> str:
    return path.relative_to(SRC).with_suffix("").as_posix()  # e.g. esign/cli/admin


def _modules() -> dict[str, ast.Module]:
    return {
        _module_name(p): ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
        for p in sorted(PACKAGE.rglob("*.py"))
    }


MODULES = _modules()


def is_cli(module: str) -> bool:
    return module == "esign/cli" or module.startswith("esign/cli/")


def is_core(module: str) -> bool:
    return not is_cli(module) and module != "esign/render/terminal"


def imports_of(module: str, tree: ast.AST) -> list[ImportSite]:
    """Every import in ``tree``, at any nesting level, including dynamic string imports."""
    sites: list[ImportSite] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            sites += [ImportSite(module, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            sites.append(ImportSite(module, node.lineno, node.module))
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if (
                name in ("import_module", "__import__")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                sites.append(ImportSite(module, node.lineno, node.args[0].value))
    return sorted(sites, key=lambda s: (s.line, s.target))


def _top(target: str) -> str:
    return target.split(".")[0]


def violations(allowed: Callable[[str], bool], package: str) -> list[str]:
    return [
        str(site)
        for module, tree in MODULES.items()
        if not allowed(module)
        for site in imports_of(module, tree)
        if _top(site.target) == package
    ]


# --- the scanner itself --------------------------------------------------------------


def test_scanner_finds_nested_and_dynamic_imports() -> None:
    tree = ast.parse(
        "import os\n"
        "def f():\n"
        "    if True:\n"
        "        from rich.console import Console\n"
        "    import click.testing as ct\n"
        "    importlib.import_module('rich.text')\n"
        "from . import sibling\n"
    )
    sites = imports_of("esign/fake", tree)
    assert [(s.line, s.target) for s in sites] == [
        (1, "os"),
        (4, "rich.console"),
        (5, "click.testing"),
        (6, "rich.text"),
    ]
    assert str(sites[1]) == "esign/fake:4 imports rich.console"


def test_scanner_sees_the_real_layers() -> None:
    """The rules below are only meaningful if the scan finds the imports that do exist."""
    assert "esign/pki" in MODULES and "esign/cli/__init__" in MODULES
    cli_click = [s for m, t in MODULES.items() if is_cli(m) for s in imports_of(m, t)]
    assert any(_top(s.target) == "click" for s in cli_click)
    report_rich = imports_of("esign/render/terminal", MODULES["esign/render/terminal"])
    assert any(_top(s.target) == "rich" for s in report_rich)


# --- the rules -----------------------------------------------------------------------


def test_core_modules_do_not_import_click_or_rich() -> None:
    bad = violations(lambda m: not is_core(m), "click") + violations(
        lambda m: not is_core(m), "rich"
    )
    assert not bad, "core modules must not import click or rich:\n" + "\n".join(bad)


def test_only_cli_imports_click() -> None:
    bad = violations(is_cli, "click")
    assert not bad, "only esign/cli may import click:\n" + "\n".join(bad)


def test_only_terminal_renderer_and_cli_import_rich() -> None:
    bad = violations(lambda m: is_cli(m) or m == "esign/render/terminal", "rich")
    assert not bad, "only esign/render/terminal and esign/cli may import rich:\n" + "\n".join(bad)


FORBIDDEN_CALLS = {"print", "input", "sys.exit", "exit", "quit", "os._exit"}


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return ""


def forbidden_calls(module: str, tree: ast.AST) -> list[str]:
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _call_name(node.func) in FORBIDDEN_CALLS
    ]
    return [
        f"{module}:{node.lineno} calls {_call_name(node.func)}()"
        for node in sorted(calls, key=lambda n: n.lineno)
    ]


def test_forbidden_call_scanner() -> None:
    tree = ast.parse("def f():\n    print('x')\n    sys.exit(2)\n    console.print('ok')\n")
    assert forbidden_calls("esign/fake", tree) == [
        "esign/fake:2 calls print()",
        "esign/fake:3 calls sys.exit()",
    ]


def test_core_modules_never_print_prompt_or_exit() -> None:
    bad = [
        line
        for module, tree in MODULES.items()
        if is_core(module)
        for line in forbidden_calls(module, tree)
    ]
    assert not bad, "core modules must not print, prompt or exit:\n" + "\n".join(bad)


CORE_MODULES = sorted(
    m.replace("/", ".").removesuffix(".__init__")
    for m in MODULES
    if is_core(m) and not m.endswith("__main__")
)


def test_importing_core_does_not_load_click_or_rich_at_runtime() -> None:
    """Belt and braces: the transitive import graph, not only our own source (one process)."""
    code = (
        f"import sys, {', '.join(CORE_MODULES)}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "esign.pki" in CORE_MODULES and "esign.render.terminal" not in CORE_MODULES
    assert result.stdout.strip() == "", f"importing core modules loads {result.stdout.strip()}"
