"""``esign trust export-kit DIR``: the office root as PEM, .cer and .p7c (the same
certificate in each, read back with cryptography and openssl), its fingerprints, a one-page
guide in both languages (pdftotext, pdftoppm), the audit entry, no overwrite without --force."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from conftest import pdf_text, poppler
from esign.cli import cli
from esign.errors import ExitCode
from esign.trustkit import NAMES


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *args], env=env, catch_exceptions=False)


def the_root(store_home: Path) -> x509.Certificate:
    r = run("cert", "export", "ca")
    assert r.exit_code == 0, r.output
    return x509.load_pem_x509_certificate(r.stdout_bytes)


def test_the_kit_holds_the_root_in_every_form(store_home: Path, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    r = run("trust", "export-kit", str(kit), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [Path(f).name for f in data["files"]] == list(NAMES)
    root = the_root(store_home)
    der = root.public_bytes(Encoding.DER)
    assert x509.load_pem_x509_certificate((kit / "root-ca.pem").read_bytes()) == root
    assert (kit / "root-ca.cer").read_bytes() == der
    assert pkcs7.load_der_pkcs7_certificates((kit / "root-ca.p7c").read_bytes()) == [root]
    openssl = subprocess.run(
        ["openssl", "pkcs7", "-inform", "DER", "-in", str(kit / "root-ca.p7c"), "-print_certs"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "subject=" in openssl.stdout and "-----BEGIN CERTIFICATE-----" in openssl.stdout
    sha256 = ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())
    assert data["sha256"] == sha256
    text = (kit / "root-ca-fingerprint.txt").read_text(encoding="utf-8")
    assert sha256[:47] in text  # the first 16 pairs on one line
    sha1 = ":".join(f"{b:02X}" for b in hashlib.sha1(der, usedforsecurity=False).digest())
    assert sha1 in text
    for f in kit.iterdir():
        assert f.stat().st_mode & 0o777 == 0o644  # public files, nothing secret
    assert sorted(p.name for p in kit.iterdir()) == sorted(NAMES)  # no temporary left


def test_the_guide_reads_in_both_languages(store_home: Path, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    run("config", "set", "verify-url", "https://verifikasi.jemberkab.go.id")
    assert run("trust", "export-kit", str(kit)).exit_code == 0
    guide = kit / "panduan-trust-kit.pdf"
    text = " ".join(pdf_text(guide).split())
    for words in (
        "Mempercayai tanda tangan elektronik",
        "Trusting the electronic signatures of",
        "Adobe Acrobat Reader",
        "Foxit PDF Reader",
        "Trusted Root Certification Authorities",
        "root-ca.p7c",
        "root-ca.cer",
        "Sidik jari SHA-256",
        "https://verifikasi.jemberkab.go.id",
        "tidak tersertifikasi PSrE",
    ):
        assert words in text, words
    der = the_root(store_home).public_bytes(Encoding.DER)
    first_pairs = ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest()[:16])
    assert first_pairs in text
    info = subprocess.run([poppler("pdfinfo"), str(guide)], capture_output=True, text=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout  # one page
    png = tmp_path / "guide"
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "50", "-singlefile", str(guide), str(png)], check=True
    )
    assert png.with_suffix(".png").stat().st_size > 10_000


def test_the_kit_is_audited_and_never_overwritten_without_force(
    store_home: Path, tmp_path: Path
) -> None:
    kit = tmp_path / "kit"
    assert run("trust", "export-kit", str(kit)).exit_code == 0
    (kit / "root-ca.pem").write_text("an older kit\n")
    r = run("trust", "export-kit", str(kit))
    assert r.exit_code == ExitCode.OUTPUT
    assert "root-ca.pem" in r.output and "already exists" in r.output
    assert (kit / "root-ca.pem").read_text() == "an older kit\n"  # left as it was
    assert run("trust", "export-kit", str(kit), "--force").exit_code == 0
    assert (kit / "root-ca.pem").read_text().startswith("-----BEGIN CERTIFICATE-----")
    r = run("log", "--json")
    actions = [json.loads(line)["action"] for line in r.stdout.splitlines()]
    assert actions.count("trust.export_kit") == 2


def test_a_store_without_a_ca_says_how_to_make_one(tmp_path: Path) -> None:
    env = {"ESIGN_HOME": str(tmp_path / "empty")}
    r = run("trust", "export-kit", str(tmp_path / "kit"), env=env)
    assert r.exit_code in (ExitCode.STORE, ExitCode.NOT_FOUND)
    assert not (tmp_path / "kit" / "root-ca.pem").exists()
