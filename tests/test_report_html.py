"""The HTML audit file: self-contained, escaped, in the user's language."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from conftest import PASS
from esign.cli import cli


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_html_report_is_self_contained_and_escaped(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    hostile = letter.with_name("<script>alert(1)<script>.pdf")
    letter.rename(hostile)
    r = runner.invoke(
        cli,
        ["sign", str(hostile), "--signer", "budi", "-o", str(tmp_path / "signed.pdf")],
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert r.exit_code == 0, r.output
    out = tmp_path / "audit.html"
    r = runner.invoke(
        cli,
        [
            "--lang",
            "id",
            "verify",
            str(tmp_path / "signed.pdf"),
            str(hostile),
            "--report",
            str(out),
        ],
    )
    assert r.exit_code == 5  # the unsigned original decides the exit code
    page = parse(out)
    assert "script" not in page.tags
    assert not page.urls, "the report must not load anything from the network"
    text = " ".join(page.text)
    assert "Laporan verifikasi tanda tangan elektronik" in text
    assert "Budi Santoso, S.Kom., M.T." in text
    assert "SAH: ditandatangani dan tidak berubah sejak ditandatangani" in text
    assert "TIDAK DITANDATANGANI" in text
    assert "<script>alert(1)<script>.pdf" in text  # shown as text, not markup
    assert "19870101 201001 1 001" in text


def test_report_needs_html_suffix(store_home: Path, letter: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["verify", str(letter), "--report", str(tmp_path / "x.doc")])
    assert r.exit_code == 7
    assert not (tmp_path / "x.doc").exists()
