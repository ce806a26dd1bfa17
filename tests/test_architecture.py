"""Layering rules, checked on the source with ``ast``; every failure names the file:line.

* Core modules (everything except ``esign/cli/*`` and ``esign/render/terminal.py``) import neither
  click nor rich, at any level (also inside functions), and never print, prompt or exit.
* Only ``esign/cli/*`` imports click.
* Only ``esign/render/terminal.py`` and ``esign/cli/*`` import rich.
* Every module has a layer in :data:`LAYERS` and imports nothing from a layer above its own
  (cli/server -> app -> render -> domain -> store/keys -> leaves), also inside functions and
  under ``TYPE_CHECKING``.
* No import circle between esign modules, at module level or inside functions (type-only
  imports under ``TYPE_CHECKING`` never run and are left out).
* No private name (``_x``) imported from another module, nor read off one (``mod._x``).
* Every CLI command body has at most :data:`MAX_COMMAND_LINES` lines: parse, call, render.
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


# --- layers ----------------------------------------------------------------------------------

LEAVES, STORE_KEYS, DOMAIN, RENDER, APP, EDGE = range(6)
LAYER_NAMES = ("leaves", "store/keys", "domain", "render", "app", "cli/server")

LAYERS: dict[str, int] = {
    # the leaves: data, errors, words, settings
    "esign": LEAVES,  # the package's __init__: the version
    "esign/_lazy": LEAVES,
    "esign/errors": LEAVES,
    "esign/models": LEAVES,
    "esign/i18n": LEAVES,
    "esign/config": LEAVES,
    "esign/sanitize": LEAVES,
    "esign/vcode": LEAVES,  # the verification code's alphabet and check symbol
    "esign/limits/values": LEAVES,  # the input limits as data (the limit-* settings)
    # persistence and private keys
    "esign/store": STORE_KEYS,
    "esign/keys": STORE_KEYS,
    # the domain: pure, typed, time passed in
    "esign/pki": DOMAIN,
    "esign/pdf": DOMAIN,
    "esign/limits": DOMAIN,  # enforcing the input limits: guards and parser hooks
    "esign/sign": DOMAIN,
    "esign/verify": DOMAIN,
    "esign/stamp": DOMAIN,
    "esign/fields": DOMAIN,
    "esign/statement": DOMAIN,
    "esign/roles": DOMAIN,  # role grants: the check at signing, the signed claim, verify
    "esign/aio": DOMAIN,  # kept event loops and keep-alive HTTP sessions (TSA, OCSP, CRL)
    "esign/timestamp": DOMAIN,
    "esign/ltv": DOMAIN,
    "esign/ocsp": DOMAIN,
    "esign/revocation": DOMAIN,
    "esign/batch": DOMAIN,
    "esign/schema": DOMAIN,
    "esign/trustkit": DOMAIN,  # the trust kit's files: the office root as readers import it
    "esign/preflight": DOMAIN,  # pre-flight before the first signature (issue 16)
    # one report, many views
    "esign/render": RENDER,
    # the use cases
    "esign/app": APP,
    "esign/auditlog": APP,  # the audit head and anchors: a use case (a candidate for app/)
    # the surfaces a person or a program talks to
    "esign/cli": EDGE,
    "esign/server": EDGE,
    "esign/web": EDGE,  # the verification page and its JSON API (issue 13)
    "esign/store/batches": STORE_KEYS,  # queued batches' rows (issue 12)
    "esign/app/queue": APP,  # batches on the PostgreSQL queue (issue 12)
    "esign/cli/queue_cmds": EDGE,  # sign --queue, worker, batch (issue 12)
}
"""The layer of each package or module (a package's entry covers its modules)."""


def _normal(module: str) -> str:
    return module.removesuffix("/__init__")


KNOWN = {_normal(m) for m in MODULES}


def layer_of(module: str) -> int | None:
    """The layer of ``module`` (``esign/verify/core``): its longest entry in LAYERS (the
    ``esign`` entry is the package's own ``__init__`` only, not a default)."""
    parts = _normal(module).split("/")
    if parts == ["esign"]:
        return LAYERS["esign"]
    while len(parts) > 1:
        found = LAYERS.get("/".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None


@dataclass(frozen=True)
class EsignImport:
    module: str
    line: int
    target: str
    """The esign module imported, ``esign/stamp/place``."""
    type_only: bool
    """Under ``if TYPE_CHECKING:`` (never runs)."""

    def __str__(self) -> str:
        return f"{self.module}.py:{self.line} imports {self.target}"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def esign_imports(module: str, tree: ast.AST, known: set[str] | None = None) -> list[EsignImport]:
    """Every import of an esign module in ``tree``, at any level, with ``from X import Y``
    resolved to the submodule X.Y when Y is one."""
    names = KNOWN if known is None else known
    found: list[EsignImport] = []

    def resolve(dotted: str) -> str | None:
        parts = dotted.split(".")
        while parts:
            if "/".join(parts) in names:
                return "/".join(parts)
            parts.pop()
        return None

    def visit(node: ast.AST, type_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, type_only)
            return
        targets: list[str | None] = []
        if isinstance(node, ast.Import):
            targets = [resolve(a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [resolve(f"{node.module}.{a.name}") for a in node.names]
        for target in dict.fromkeys(targets):
            if target is not None and target != _normal(module):
                assert isinstance(node, ast.Import | ast.ImportFrom)
                found.append(EsignImport(module, node.lineno, target, type_only))
        for child in ast.iter_child_nodes(node):
            visit(child, type_only)

    visit(tree, False)
    return sorted(found, key=lambda i: (i.line, i.target))


IMPORTS = {module: esign_imports(module, tree) for module, tree in MODULES.items()}


def test_esign_import_scanner() -> None:
    tree = ast.parse(
        "from esign import i18n, errors\n"
        "from esign.stamp.place import Box\n"
        "if TYPE_CHECKING:\n"
        "    from esign.app import signing\n"
        "def f():\n"
        "    import esign.pdf\n"
    )
    known = {
        "esign",
        "esign/i18n",
        "esign/errors",
        "esign/stamp",
        "esign/stamp/place",
        "esign/app",
        "esign/app/signing",
        "esign/pdf",
    }
    found = esign_imports("esign/fake", tree, known)
    assert [(i.line, i.target, i.type_only) for i in found] == [
        (1, "esign/errors", False),
        (1, "esign/i18n", False),
        (2, "esign/stamp/place", False),
        (4, "esign/app/signing", True),
        (6, "esign/pdf", False),
    ]
    assert str(found[2]) == "esign/fake.py:2 imports esign/stamp/place"


def test_every_module_has_a_layer() -> None:
    assert layer_of("esign/verify/core") == DOMAIN and layer_of("esign/__init__") == LEAVES
    assert layer_of("esign/new_module") is None
    missing = sorted(m for m in KNOWN if layer_of(m) is None)
    assert not missing, "add these modules to LAYERS in tests/test_architecture.py:\n" + (
        "\n".join(missing)
    )


def upward_imports(imports: dict[str, list[EsignImport]]) -> list[str]:
    bad = []
    for module, sites in imports.items():
        mine = layer_of(module)
        for site in sites:
            theirs = layer_of(site.target)
            if mine is not None and theirs is not None and theirs > mine:
                bad.append(f"{site} ({LAYER_NAMES[mine]} must not import {LAYER_NAMES[theirs]})")
    return bad


def test_upward_import_is_found() -> None:
    site = EsignImport("esign/verify/core", 12, "esign/app/signing", type_only=True)
    down = EsignImport("esign/app/signing", 3, "esign/verify", type_only=False)
    assert upward_imports({"esign/verify/core": [site], "esign/app/signing": [down]}) == [
        "esign/verify/core.py:12 imports esign/app/signing (domain must not import app)"
    ]


def test_no_layer_imports_from_a_layer_above_it() -> None:
    bad = upward_imports(IMPORTS)
    assert not bad, "imports against the layers:\n" + "\n".join(bad)


# --- import circles ---------------------------------------------------------------------------


def circles(imports: dict[str, list[EsignImport]]) -> list[list[EsignImport]]:
    """One cycle of runtime imports per strongly connected group of modules (Tarjan)."""
    graph: dict[str, dict[str, EsignImport]] = {}
    for module, sites in imports.items():
        for site in sites:
            if not site.type_only:
                graph.setdefault(_normal(module), {}).setdefault(site.target, site)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, dict[str, EsignImport]], group: set[str]) -> list[EsignImport]:
    """A path from the group's first module back to itself, as the imports that make it."""
    start = min(group)
    paths: dict[str, list[EsignImport]] = {start: []}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt, site in sorted(graph.get(node, {}).items()):
            if nxt == start:
                return [*paths[node], site]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], site]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start}")


def test_circle_is_found_and_named_by_its_lines() -> None:
    there = EsignImport("esign/fields", 3, "esign/sign", type_only=False)
    back = EsignImport("esign/sign/__init__", 7, "esign/fields", type_only=False)
    typed = EsignImport("esign/pdf", 9, "esign/fields", type_only=True)
    down = EsignImport("esign/fields", 4, "esign/pdf", type_only=False)
    found = circles(
        {"esign/fields": [there, down], "esign/sign/__init__": [back], "esign/pdf": [typed]}
    )
    assert [[str(s) for s in cycle] for cycle in found] == [
        ["esign/fields.py:3 imports esign/sign", "esign/sign/__init__.py:7 imports esign/fields"]
    ]


def test_no_import_circles() -> None:
    found = circles(IMPORTS)
    text = "\n".join(" -> ".join(str(site) for site in cycle) for cycle in found)
    assert not found, "import circles between esign modules:\n" + text


# --- private names ----------------------------------------------------------------------------


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports(module: str, tree: ast.AST, known: set[str] | None = None) -> list[str]:
    """``from esign.x import _y``, and ``x._y`` where ``x`` is an imported esign module. A
    private *module* (``esign._lazy``) is private to the package and may be imported."""
    names = KNOWN if known is None else known
    bad: list[str] = []
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if _top(node.module) != "esign":
                continue
            for a in node.names:
                full = f"{node.module}.{a.name}".replace(".", "/")
                if full in names:
                    aliases[a.asname or a.name] = full
                elif _private(a.name):
                    bad.append(f"{module}.py:{node.lineno} imports {a.name} from {node.module}")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname and a.name.replace(".", "/") in names:
                    aliases[a.asname] = a.name.replace(".", "/")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and _private(node.attr)
            and f"{aliases[node.value.id]}/{node.attr}" not in names
        ):
            bad.append(f"{module}.py:{node.lineno} uses {node.value.id}.{node.attr}")
    return sorted(bad)


def test_private_import_scanner() -> None:
    tree = ast.parse(
        "from esign.stamp import _page_geometry, locate\n"
        "from esign import _lazy, pdf\n"
        "def f():\n"
        "    return pdf._same_file(1, 2), _lazy.load, pdf.CHUNK, pdf.__name__\n"
    )
    known = {"esign", "esign/stamp", "esign/_lazy", "esign/pdf"}
    assert private_imports("esign/fake", tree, known) == [
        "esign/fake.py:1 imports _page_geometry from esign.stamp",
        "esign/fake.py:4 uses pdf._same_file",
    ]


def test_no_private_names_across_modules() -> None:
    bad = [line for module, tree in MODULES.items() for line in private_imports(module, tree)]
    assert not bad, "private names used from another module:\n" + "\n".join(bad)


# --- thin commands ----------------------------------------------------------------------------

MAX_COMMAND_LINES = 40
"""A command parses, calls one app function and renders."""


def _is_command(decorator: ast.expr) -> bool:
    text = ast.unparse(decorator)
    return ".command(" in text or ".group(" in text


def command_bodies(tree: ast.AST) -> list[tuple[str, int, int]]:
    """``(name, line, body lines)`` of every click command in ``tree``, docstring left out."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            body = node.body
            first = body[0]
            if (
                len(body) > 1
                and isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
            ):
                body = body[1:]
            size = (body[-1].end_lineno or body[-1].lineno) - body[0].lineno + 1
            found.append((node.name, node.lineno, size))
    return found


def test_command_body_counter() -> None:
    tree = ast.parse(
        "@click.command('x')\n"
        "@option('--a')\n"
        "def x(a):\n"
        "    'Doc.'\n"
        "    one()\n"
        "    two(\n"
        "        a)\n"
        "def helper():\n"
        "    pass\n"
    )
    assert command_bodies(tree) == [("x", 3, 3)]


def test_cli_commands_are_thin() -> None:
    long = [
        f"{module}.py:{line} {name}: {size} lines"
        for module, tree in MODULES.items()
        if is_cli(module)
        for name, line, size in command_bodies(tree)
        if size > MAX_COMMAND_LINES
    ]
    assert not long, f"a CLI command body has at most {MAX_COMMAND_LINES} lines:\n" + "\n".join(
        long
    )
