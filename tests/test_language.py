"""Indonesian all the way through (issue 15): click's own words, OS errors, the wording a
civil servant flagged, plural forms and one date style in every view."""

from __future__ import annotations

import ast
import re
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import pytest
from click.testing import CliRunner, Result

from conftest import PASS, pdf_text
from esign import i18n
from esign.cli import cli
from esign.i18n.formats import format_date, format_datetime
from esign.render import wording

# --- the English-word scan -------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def _vocabulary() -> tuple[set[str], set[str]]:
    english: set[str] = set()
    indonesian: set[str] = set()
    for entry in i18n.CATALOG.values():
        english |= _words(entry["en"]) | _words(entry.get("en:one", ""))
        indonesian |= _words(entry["id"])
    return english, indonesian


_ENGLISH, _INDONESIAN = _vocabulary()
# English words that are not (or not only) in our own catalog: click's and the OS's words
EXTRA_ENGLISH = {
    "usage", "options", "option", "commands", "command", "error", "show", "this", "message",
    "and", "exit", "default", "aborted", "missing", "argument", "arguments", "no", "such",
    "invalid", "value", "for", "try", "help", "connect", "call", "failed", "errno",
    "permission", "denied", "file", "directory", "does", "not", "exist", "is", "one", "of",
    "the", "required", "refused", "connection", "got", "unexpected", "extra", "did", "you",
    "mean", "version", "args",
}  # fmt: skip
ALLOWED = {
    # names and standards, the same in both languages
    "pdf", "pades", "nip", "b", "lt", "lta", "t", "pem", "der", "crl", "ocsp", "tsa", "http",
    "https", "json", "csv", "qr", "png", "jpeg", "id", "en", "esign", "url", "rsa", "p",
    "sha", "ca", "ttd", "pengirim", "ok", "utc", "wib", "wita", "wit", "x", "y", "w", "h",
    "mm", "n", "first", "last", "s", "kom", "m",
}  # fmt: skip
FLAGGED = ((_ENGLISH - _INDONESIAN) | EXTRA_ENGLISH) - ALLOWED


def english_words(text: str) -> set[str]:
    """English words in ``text`` (option names, `commands`, 'quoted' values and metavars
    such as FILE or CERT_ID left out: they are names, the same in both languages)."""
    text = re.sub(r"(?m)^(Usage:|Penggunaan:) .*$", r"\1", text)  # esign cert issue [OPSI]
    text = re.sub(r"(?m)^  [a-z][\w-]*(?=\s{2,}|$)", " ", text)  # command names in a listing
    text = re.sub(r"`[^`]*`", " ", text)  # `esign cert issue`
    text = re.sub(r"'[^'\n]*'", " ", text)  # 'CERT_ID', '--bogus'
    text = re.sub(r"\[[a-z0-9|_-]+\]", " ", text)  # [en|id], [person|seal]
    text = re.sub(r"--?[A-Za-z][\w-]*", " ", text)  # --lang, -v
    text = re.sub(r"\b[A-Z][A-Z0-9_]+\b", " ", text)  # FILE, CERT_ID, ESIGN_HOME, PDF
    text = re.sub(r"\S+[/\\]\S*", " ", text)  # paths and URLs, config.toml
    text = re.sub(r"\b\w+\.(pdf|pem|p12|pfx|der|toml|png|csv|html)\b", " ", text)
    return _words(text) & FLAGGED


def test_scan_sees_click_english() -> None:
    """The scan must flag click's own English, or a green result proves nothing."""
    raw = "Usage: esign sign [OPTIONS]\n\nOptions:\n  --help  Show this message and exit.\n"
    assert {"usage", "options", "show", "message", "exit"} <= english_words(raw)
    assert {"missing", "argument"} <= english_words("Error: Missing argument 'CERT_ID'.")
    assert {"connect", "call", "failed"} <= english_words("[Errno 111] Connect call failed")
    assert english_words("Penggunaan: esign sign [OPSI] [FILES]... --lang [en|id]") == set()


def _command_paths() -> Iterator[list[str]]:
    cli.load_all()

    def walk(command: click.Command, path: list[str]) -> Iterator[list[str]]:
        yield path
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                yield from walk(sub, [*path, name])

    yield from walk(cli, [])


COMMANDS = [" ".join(p) for p in _command_paths()]


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def test_every_command_is_scanned() -> None:
    assert len(COMMANDS) > 30 and "cert issue" in COMMANDS and "log anchor" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_english_under_lang_id(command: str) -> None:
    r = run("--lang", "id", *command.split(), "--help")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Penggunaan: ")
    assert "Opsi:" in r.stdout and "Tampilkan pesan ini lalu keluar." in r.stdout
    assert english_words(r.stdout) == set(), f"esign {command} --help:\n{r.stdout}"


GROUPS = [
    c
    for c in COMMANDS
    if isinstance(cli.get_command(click.Context(cli), c or "x"), click.Group) or not c
]


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_help_summaries_are_not_cut(group: str, lang: str) -> None:
    """click cuts a summary that does not fit with '...': none of ours is cut."""
    r = run("--lang", lang, *group.split(), "--help")
    listing = r.stdout.split("Commands:" if lang == "en" else "Perintah:")[1]
    rows = [line.strip() for line in listing.splitlines() if line.strip()]
    assert rows
    assert [row for row in rows if row.endswith("...")] == [], r.stdout


def test_no_summary_is_longer_than_clicks_cut() -> None:
    short = {k: e for k, e in i18n.CATALOG.items() if k.startswith("short.")}
    assert len(short) > 20
    assert {k: e for k, e in short.items() if max(len(e["en"]), len(e["id"])) > 45} == {}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_english_help_stays_english_after_indonesian(lang: str) -> None:
    """click words some things once (its --help option, a path's FILE): after an Indonesian
    run, English is English again (and the other way round)."""
    other = "id" if lang == "en" else "en"
    run("--lang", other, "cert", "issue", "--help")
    r = run("--lang", lang, "cert", "issue", "--help")
    if lang == "en":
        assert "Usage:" in r.stdout and "Show this message and exit." in r.stdout
        assert "--passphrase-file FILE" in r.stdout
    else:
        assert "Penggunaan:" in r.stdout and "--passphrase-file BERKAS" in r.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _common_errors(letter: Path) -> dict[str, tuple[list[str], str]]:
    """name -> (arguments, an Indonesian phrase the message must carry)."""
    refused = f"http://127.0.0.1:{_free_port()}/"
    return {
        "missing argument": (["cert", "show"], "Argumen belum diisi"),
        "bad option": (["sign", "--bogus", str(letter)], "Tidak ada opsi"),
        "bad choice": (["cert", "issue", "--kind", "foo"], "bukan salah satu dari"),
        "bad number": (["verify", "-j", "x", str(letter)], "bukan"),
        "extra argument": (["init", "tambahan"], "argumen lebih"),
        "no such command": (["signn"], "Tidak ada perintah"),
        "missing file (click)": (["trust", "add", "/nonexistent/root.pem"], "tidak ada"),
        "missing file (ours)": (["sign", "/nonexistent/surat.pdf"], "tidak ada"),
        "missing passphrase file": (
            ["sign", str(letter), "--signer", "budi", "--passphrase-file", "/nonexistent/p.txt"],
            "berkas atau folder tidak ada",
        ),
        "connection refused": (
            ["timestamp", str(letter), "--tsa", refused],
            "sambungan ditolak",
        ),
    }


def test_common_errors_have_no_english_under_lang_id(store_home: Path, letter: Path) -> None:
    for name, (args, phrase) in _common_errors(letter).items():
        r = run("--lang", "id", *args, env={"ESIGN_PASSPHRASE": PASS})
        assert r.exit_code != 0, (name, r.output)
        text = r.stderr + r.stdout
        assert phrase in text, f"{name}: {text}"
        assert english_words(text) == set(), f"{name}: {english_words(text)} in\n{text}"
        assert "Errno" not in text and "Traceback" not in text, text


def test_connection_refused_in_english_is_words_not_errno(store_home: Path, letter: Path) -> None:
    r = run("timestamp", str(letter), "--tsa", f"http://127.0.0.1:{_free_port()}/")
    assert r.exit_code != 0
    assert "the connection was refused" in r.stderr and "Errno" not in r.stderr


def test_every_click_entry_is_one_of_clicks_message_ids() -> None:
    """The ``click.*`` entries are keyed by click's English text: after a click upgrade
    that rewords one, this names it (the scan above then shows the English that leaks)."""
    ids: set[str] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
                ids |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    ids.add("required")  # click words it as _(extra["required"]), "required" its one value
    ours = {key: e["en"] for key, e in i18n.CATALOG.items() if key.startswith("click.")}
    assert len(ours) > 40
    assert {key: text for key, text in ours.items() if text not in ids} == {}


def test_os_errors_by_errno() -> None:
    refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 9)")
    assert i18n.os_error(refused) == "the connection was refused (is the server running?)"
    with i18n.language("id"):
        assert i18n.os_error(refused) == "sambungan ditolak (apakah servernya berjalan?)"
        assert i18n.os_error(FileNotFoundError(2, "No such file or directory")) == (
            "berkas atau folder tidak ada"
        )
        assert i18n.os_error(PermissionError(13, "Permission denied")) == "akses ditolak"
        assert i18n.os_error(ValueError("odd")) == "odd"  # not an OS error: as it is


# --- wording a civil servant flagged ----------------------------------------------------

FLAGGED_WORDING = {
    r"\bgalat\b": "Kesalahan, or a plain sentence",
    r"jangkar kepercayaan": "root tepercaya penyimpanan ini",
    r"\[y/T\]": "(ya/tidak)",
    r"periksa bahwa": "pastikan",
    r"ditandatangani dengan segel elektronik": "disegel",
    r"\bakar\b": "root",
    r"placeholder": "penanda",
    r"\btanda tangani\b": "tandatangani",
    r"belum berlaku sebelum": "baru berlaku mulai",
    r"mendengarkan": "say what the service does",
    r"\bstempel": "blok tanda tangan / tampilan tanda tangan",
    r"catatan kaki": "kaki halaman",
}


@pytest.mark.parametrize("pattern", sorted(FLAGGED_WORDING))
def test_flagged_wording_is_gone_from_the_indonesian_catalog(pattern: str) -> None:
    found = sorted(
        key for key, e in i18n.CATALOG.items() if re.search(pattern, e["id"], re.IGNORECASE)
    )
    assert found == [], f"{pattern!r} in {found}: use {FLAGGED_WORDING[pattern]}"


def test_soft_fail_is_explained_in_indonesian() -> None:
    for key, entry in i18n.CATALOG.items():
        if "soft-fail" in entry["id"]:
            assert "tetap sah bila status pencabutan tidak dapat diperiksa" in entry["id"], key


def test_flagged_wording_is_gone_from_the_indonesian_guide() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "guide.md").read_text(encoding="utf-8")
    for pattern in (r"\bgalat\b", r"\bstempel", r"jangkar kepercayaan"):
        assert not re.search(pattern, guide, re.IGNORECASE), pattern


def test_consent_question_in_indonesian_is_ya_tidak() -> None:
    assert i18n.t("consent.prompt", lang="id") == "Tandatangani? (ya/tidak)"
    assert i18n.t("consent.declined", lang="id") == (
        "Dibatalkan; tidak ada berkas yang ditandatangani."
    )
    assert i18n.t("error.prefix", lang="id") == "Kesalahan"


# --- plurals ---------------------------------------------------------------------------


def test_no_page_s_in_english() -> None:
    found = sorted(k for k, e in i18n.CATALOG.items() if "(s)" in e["en"] + e.get("en:one", ""))
    assert found == []


def test_plural_forms() -> None:
    assert i18n.tn("consent.pages", 1, count=1) == "1 page"
    assert i18n.tn("consent.pages", 2, count=2) == "2 pages"
    assert i18n.tn("consent.pages", 0, count=0) == "0 pages"
    assert i18n.tn("consent.pages", 1, lang="id", count=1) == "1 halaman"
    one = i18n.tn("batch.summary", 1, total=1, signed=1, skipped=0, failed=0)
    assert one == "1 letter: 1 signed, 0 skipped, 0 failed."
    many = i18n.tn("batch.summary", 50, total=50, signed=50, skipped=0, failed=0)
    assert many.startswith("50 letters:")
    assert i18n.tn("batch.summary", 50, lang="id", total=50, signed=50, skipped=0, failed=0) == (
        "50 surat: 50 ditandatangani, 0 dilewati, 0 gagal."
    )
    assert wording.summary([]).startswith("0 files:")


# --- one date style ----------------------------------------------------------------------

AT = datetime(2026, 12, 4, 0, 40, 4, tzinfo=UTC)
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_one_date_style_per_language() -> None:
    assert format_datetime(AT, JAKARTA, "id") == "4 Desember 2026 pukul 07.40 WIB"
    assert format_datetime(AT, JAKARTA, "en") == "4 December 2026, 07:40 WIB"
    assert format_datetime(AT, JAKARTA, "id", seconds=True) == "4 Desember 2026 pukul 07.40.04 WIB"
    assert format_datetime(AT, ZoneInfo("Asia/Makassar"), "id").endswith("08.40 WITA")
    assert format_datetime(AT, timezone(timedelta(hours=9)), "en").endswith("09:40 WIT")
    assert format_date(date(2026, 3, 1), "id") == "1 Maret 2026"


def test_date_parameters_are_written_in_the_configured_zone() -> None:
    with i18n.language("id"):
        i18n.set_timezone(ZoneInfo("Asia/Jayapura"))
        try:
            text = i18n.t("cert.not_yet_valid", id="budi", when=AT)
        finally:
            i18n.set_timezone(JAKARTA)
    assert text == "Sertifikat 'budi' baru berlaku mulai 4 Desember 2026 pukul 09.40 WIT."
    assert wording.local_time(AT, JAKARTA) == "4 December 2026, 07:40:04 WIB"


ID_DATE = re.compile(
    r"\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
    r"November|Desember) \d{4} pukul \d{2}\.\d{2}(\.\d{2})? WI[BT]A?\b"
)
OLD_STYLE = re.compile(r"\b\d{2}-\d{2}-\d{4} \d{2}:\d{2}")


def test_dates_in_verify_reports_and_stamp(store_home: Path, letter: Path, tmp_path: Path) -> None:
    signed = tmp_path / "signed.pdf"
    r = run(
        "--lang", "id", "sign", str(letter), "-o", str(signed), "--signer", "budi", "--stamp",
        env={"ESIGN_PASSPHRASE": PASS},
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    stamp = " ".join(pdf_text(signed).split())
    assert re.search(r"\d{1,2} Desember|\d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WIB", stamp)
    assert ID_DATE.search(stamp), stamp

    v = run("--lang", "id", "verify", str(signed))
    assert ID_DATE.search(v.stdout), v.stdout
    assert not OLD_STYLE.search(v.stdout), v.stdout

    html, pdf = tmp_path / "laporan.html", tmp_path / "laporan.pdf"
    for report in (html, pdf):
        r = run("--lang", "id", "verify", str(signed), "--report", str(report))
        assert report.exists(), r.output
    html_text = html.read_text(encoding="utf-8")
    assert ID_DATE.search(html_text) and not OLD_STYLE.search(html_text)
    pdf_words = " ".join(pdf_text(pdf).split())
    assert ID_DATE.search(pdf_words) and not OLD_STYLE.search(pdf_words), pdf_words

    en = run("--lang", "en", "verify", str(signed))
    assert re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}:\d{2} WIB\b", en.stdout)
    as_json = run("verify", "--json", str(signed))
    assert re.search(r'"signed_at": ?"\d{4}-\d{2}-\d{2}T', as_json.stdout)  # ISO 8601 kept


def test_ca_create_says_the_date_in_words(isolated_env: Path) -> None:
    assert run("init").exit_code == 0
    r = run("--lang", "id", "ca", "create", "--name", "Uji CA", env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    assert ID_DATE.search(r.stdout), r.stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}", r.stdout), r.stdout


@pytest.mark.parametrize(("answer", "signed"), [("ya", True), ("y", True), ("tidak", False),
                                                ("t", False), ("n", False)])  # fmt: skip
def test_consent_answers_in_indonesian(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch, answer: str, signed: bool
) -> None:
    from esign.cli import common

    monkeypatch.setattr(common, "is_interactive_terminal", lambda: True)
    out = letter.with_name("out.pdf")
    r = run(
        "--lang", "id", "sign", str(letter), "-o", str(out), "--signer", "budi",
        input=f"{answer}\n", env={"ESIGN_PASSPHRASE": PASS},
    )  # fmt: skip
    assert "Tandatangani? (ya/tidak)" in r.stderr
    assert out.exists() is signed, r.output
    if not signed:
        assert "Dibatalkan; tidak ada berkas yang ditandatangani." in r.stderr
        assert "Kesalahan" not in r.stderr
