"""Docs stay honest: the README and docs/ describe the CLI that really exists.

Each check parses the Markdown with small helpers and compares it with the live click
group, the ExitCode enum and the report dataclasses, so a renamed command, a new exit
code or a new JSON field fails here until the docs follow.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from esign import i18n
from esign.cli import cli
from esign.errors import ExitCode
from esign.models import (
    CertInfo,
    SignatureReport,
    SignerIdentity,
    SignResult,
    VerificationReport,
)

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "guide.md"
JSON_DOC = ROOT / "docs" / "json.md"
GUIDE_ID_HEADING = "## Bagian 2 — Bahasa Indonesia"

# Options of the root group that may stand between `esign` and the command name.
GLOBAL_FLAGS = {"-v", "-vv", "-vvv", "--verbose", "--non-interactive", "--version", "--help"}
GLOBAL_WITH_VALUE = {"--lang"}


# --- Markdown helpers ------------------------------------------------------------------------


def fenced_blocks(text: str, lang: str) -> list[str]:
    """The bodies of every ```lang fenced block, in order."""
    pattern = re.compile(rf"^```{re.escape(lang)}[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
    return [m.group(1) for m in pattern.finditer(text)]


def section(text: str, heading: str) -> str:
    """The text from ``heading`` (a whole line) up to the next heading of the same level."""
    level = heading.split(" ", 1)[0]
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == heading)
    except StopIteration:
        pytest.fail(f"heading {heading!r} not found")
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].startswith(level + " ") and not lines[i].startswith(level + "#")
        ),
        len(lines),
    )
    return "".join(lines[start:end])


def table_first_cells(text: str) -> set[str]:
    """The first cell of every Markdown table row (header and rule rows included)."""
    cells = set()
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            cells.add(line.strip().strip("|").split("|")[0].strip())
    return cells


def strip_trailing(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


# --- (a) the README's --help block ----------------------------------------------------------


def real_root_help() -> str:
    i18n.set_language("en")
    result = CliRunner().invoke(
        cli,
        ["--help"],
        prog_name="esign",
        env={"COLUMNS": "100", "ESIGN_LANG": "en"},
        terminal_width=100,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_readme_commands_block_is_the_real_help() -> None:
    blocks = fenced_blocks(section(README.read_text("utf-8"), "## Commands"), "text")
    assert blocks, "README '## Commands' has no ```text block"
    documented = strip_trailing(blocks[0])
    actual = strip_trailing(real_root_help())
    assert documented == actual, (
        "README.md '## Commands' block differs from `esign --help` (COLUMNS=100); "
        "paste the real output:\n" + actual
    )


# --- (b) exit codes ------------------------------------------------------------------------


def test_readme_exit_code_table_lists_every_code() -> None:
    table = section(README.read_text("utf-8"), "## Exit codes")
    documented = {c for c in table_first_cells(table) if c.isdigit()}
    expected = {str(int(code)) for code in ExitCode}
    assert documented == expected, (
        f"README exit-code table: missing {sorted(expected - documented, key=int)}, "
        f"unknown {sorted(documented - expected, key=int)}"
    )


@pytest.mark.parametrize("part", ["en", "id"])
def test_guide_lists_every_exit_code_in_both_languages(part: str) -> None:
    text = GUIDE.read_text("utf-8")
    assert GUIDE_ID_HEADING in text, f"docs/guide.md lacks the heading {GUIDE_ID_HEADING!r}"
    english, indonesian = text.split(GUIDE_ID_HEADING, 1)
    documented = table_first_cells(english if part == "en" else indonesian)
    missing = [int(code) for code in ExitCode if str(int(code)) not in documented]
    assert not missing, f"docs/guide.md ({part}) has no exit-code table row for {missing}"


# --- (c) the JSON contract --------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", [VerificationReport, SignatureReport, SignerIdentity, CertInfo, SignResult]
)
def test_json_doc_names_every_field(model: type) -> None:
    text = JSON_DOC.read_text("utf-8")
    missing = [f.name for f in dataclasses.fields(model) if f"`{f.name}`" not in text]
    assert not missing, f"docs/json.md does not document {model.__name__} fields {missing}"


def test_json_doc_states_the_schema_version() -> None:
    from esign.models import JSON_SCHEMA_VERSION

    assert f'"schema": {JSON_SCHEMA_VERSION}' in JSON_DOC.read_text("utf-8")


# --- (d) commands named in shell examples ---------------------------------------------------


def shell_lines(text: str) -> list[str]:
    """Logical lines of every ```sh block (backslash continuations joined)."""
    lines: list[str] = []
    for block in fenced_blocks(text, "sh"):
        for raw in block.replace("\\\n", " ").splitlines():
            if raw.strip():
                lines.append(raw.strip())
    return lines


def esign_invocations(line: str) -> list[list[str]]:
    """The words after each `esign` at command position in a shell line."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError as e:  # unbalanced quotes
        pytest.fail(f"cannot parse shell line {line!r}: {e}")
    separators = {"|", "||", "&&", ";", "&", "(", ")"}
    calls, at_command = [], True
    for i, token in enumerate(tokens):
        if token in separators:
            at_command = True
        elif at_command and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", token):
            continue  # VAR=value before the command
        elif at_command and token == "esign":
            rest = []
            for word in tokens[i + 1 :]:
                if word in separators:
                    break
                rest.append(word)
            calls.append(rest)
            at_command = False
        else:
            at_command = False
    return calls


def check_invocation(words: list[str]) -> str | None:
    """None when ``esign WORDS`` names a real command, else what is wrong."""
    i = 0
    while i < len(words) and words[i].startswith("-"):
        if words[i] in GLOBAL_WITH_VALUE:
            i += 2
        elif words[i] in GLOBAL_FLAGS:
            i += 1
        else:
            return f"unknown global option {words[i]!r}"
    if i >= len(words):
        return None  # `esign`, `esign --version`: no command to check
    cli.load_all()  # commands are registered lazily
    command = cli.commands.get(words[i])
    if command is None:
        return f"no command {words[i]!r}"
    if isinstance(command, click.Group):
        sub = words[i + 1] if i + 1 < len(words) else None
        if sub == "--help":
            return None
        if command.invoke_without_command and (sub is None or sub.startswith("-")):
            return None  # a group that is also a command (`esign log --check`)
        if sub is None or sub not in command.commands:
            return f"no subcommand {sub!r} of {words[i]!r}"
    return None


@pytest.mark.parametrize("doc", [README, GUIDE], ids=lambda p: p.name)
def test_shell_examples_name_real_commands(doc: Path) -> None:
    calls = [
        (line, words)
        for line in shell_lines(doc.read_text("utf-8"))
        for words in esign_invocations(line)
    ]
    assert calls, f"{doc.name} has no `esign` command in its ```sh blocks"
    wrong = [f"{line!r}: {why}" for line, words in calls if (why := check_invocation(words))]
    assert not wrong, f"{doc.name} shows commands that do not exist:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("esign cert list --json", True),
        ("esign --lang id verify a.pdf | jq .verdict", True),
        ("ESIGN_PASSPHRASE=x esign sign a.pdf  # comment", True),
        ("esign cert frobnicate budi", False),
        ("esign certs list", False),
        ("make demo && esign --lang id frobnicate", False),
    ],
)
def test_invocation_checker_itself(line: str, ok: bool) -> None:
    calls = esign_invocations(line)
    assert calls
    assert all(check_invocation(words) is None for words in calls) is ok
