"""Keys on a PKCS#11 token, with a real SoftHSM2 token (and OpenSC's pkcs11-tool and
pkcs11-spy as the referees): keys generated or imported on the token are not extractable,
letters and seals signed on it verify in esign and in pdfsig, the TSA and OCSP responder
keys sign from it, a wrong PIN fails once (exit 17) and the token counts one failed
login, one login per process, and the PIN appears nowhere.

The tokens live in a temporary SoftHSM2 token folder made once per test session
(SoftHSM2 reads ``SOFTHSM2_CONF`` once per process). Skipped, with the reason, only when
softhsm2 is not installed; on CI (which installs it) a missing softhsm2 fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CA_PASS, NIP, PASS, assert_pdfsig_valid
from esign.cli import cli
from esign.errors import ExitCode, PinError, SigningError, StoreError
from esign.keys import KeyType, Secret, pkcs11
from esign.store import open_store

SO_PIN = "87654321"
PIN = "461937"
WRONG_PIN = "000000"
SPY = "/usr/lib/x86_64-linux-gnu/pkcs11/pkcs11-spy.so"
SOFTHSM = pkcs11.DEFAULT_MODULE
TOKENS = ("Kantor", "Layanan", "Salah", "Impor")


@dataclass(frozen=True)
class SoftHsm:
    conf: Path
    module: str

    def env(self) -> dict[str, str]:
        return {"SOFTHSM2_CONF": str(self.conf)}


def _need(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required on CI (.ci/run installs softhsm2 and opensc)")
        pytest.skip(f"{tool} not installed (apt-get install softhsm2 opensc)")
    return exe


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> SoftHsm:
    """A SoftHSM2 token folder with the test tokens, initialised before any module load."""
    util = _need("softhsm2-util")
    if not Path(SOFTHSM).exists():
        pytest.skip(f"{SOFTHSM} not installed (apt-get install softhsm2)")
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)  # for this process's one C_Initialize
    for label in TOKENS:
        subprocess.run(
            [util, "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", PIN],
            check=True,
            capture_output=True,
            env={**os.environ, "SOFTHSM2_CONF": str(conf)},
        )
    return SoftHsm(conf=conf, module=SOFTHSM)


def empty_tokens() -> None:
    """Remove every object from the test tokens (each test makes its own keys)."""
    import pkcs11 as pk

    lib = pk.lib(SOFTHSM)
    for label in TOKENS:
        with lib.get_token(token_label=label).open(user_pin=PIN, rw=True) as session:
            for obj in list(session.get_objects()):
                obj.destroy()


@pytest.fixture
def token_env(softhsm: SoftHsm, store_home: Path) -> Iterator[dict[str, str]]:
    """The office store at ESIGN_HOME, empty tokens, and a fresh process state: no
    session, no remembered failure."""
    pkcs11.close_all()
    empty_tokens()
    yield {"ESIGN_PKCS11_PIN": PIN, "ESIGN_CA_PASSPHRASE": CA_PASS, **softhsm.env()}
    pkcs11.close_all()


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def esign_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """esign in its own process (its own PKCS#11 login), optionally through pkcs11-spy."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "esign"), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def spied(env: dict[str, str], log: Path) -> dict[str, str]:
    """``env`` with the module replaced by OpenSC's pkcs11-spy in front of SoftHSM2: every
    PKCS#11 call esign makes is written to ``log``."""
    if not Path(SPY).exists():
        pytest.skip(f"{SPY} not installed (apt-get install opensc)")
    return {
        **env,
        "ESIGN_PKCS11_MODULE": SPY,
        "PKCS11SPY": SOFTHSM,
        "PKCS11SPY_OUTPUT": str(log),
    }


def logins(log: Path) -> list[str]:
    """The return code of every C_Login in a pkcs11-spy log (``0``: CKR_OK)."""
    codes: list[str] = []
    in_login = False
    for line in log.read_text(errors="replace").splitlines():
        if line.split(": ", 1)[-1].strip() == "C_Login" and line.split(":")[0].isdigit():
            in_login = True
        elif in_login and line.startswith("Returned:"):
            codes.append(line.split()[1])
            in_login = False
    return codes


def token_flags(softhsm: SoftHsm, label: str) -> str:
    """The token's flags as pkcs11-tool (OpenSC) reads them, in its own process."""
    tool = _need("pkcs11-tool")
    out = subprocess.run(
        [tool, "--module", SOFTHSM, "-L"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **softhsm.env()},
    ).stdout
    section = out.split(f"token label        : {label}")[1].split("Slot ")[0]
    return next(line for line in section.splitlines() if "token flags" in line)


def private_key_attributes(softhsm: SoftHsm, label: str, key_label: str) -> dict[str, str]:
    """``Access`` and ``Usage`` of a private key as OpenSC's pkcs11-tool reads them, in its
    own process (``sensitive``: CKA_SENSITIVE; ``never extractable``: CKA_EXTRACTABLE
    false, and never was; ``extractable`` would be listed if CKA_EXTRACTABLE were true)."""
    tool = _need("pkcs11-tool")
    out = subprocess.run(
        [tool, "--module", SOFTHSM, "--token-label", label, "--login", "--pin", PIN,
         "--list-objects", "--type", "privkey"],
        capture_output=True, text=True, check=True, env={**os.environ, **softhsm.env()},
    ).stdout  # fmt: skip
    blocks = [b for b in out.split("Private Key Object") if f"label:      {key_label}\n" in b]
    assert len(blocks) == 1, out
    fields = {}
    for line in blocks[0].splitlines():
        name, sep, value = line.strip().partition(":")
        if sep:
            fields[name.strip().lower()] = value.strip()
    return fields


def issue_on_token(env: dict[str, str], id: str, token: str = "Kantor", *more: str) -> Result:
    return run(
        "cert", "issue", "--id", id, "--name", "Rina Wulandari, S.H.", "--nip", NIP,
        "--title", "Sekretaris", "--token", token, *more, "--json", env=env,
    )  # fmt: skip


def verify_json(path: Path) -> dict[str, object]:
    r = run("verify", str(path), "--json")
    assert r.exit_code == 0, r.output
    data: dict[str, object] = json.loads(r.stdout)
    return data


# --- keys made on the token ------------------------------------------------------------------


def test_issue_on_token_makes_a_key_that_cannot_leave_it(
    softhsm: SoftHsm, token_env: dict[str, str], store_home: Path
) -> None:
    r = issue_on_token(token_env, "rina", "Kantor", "--key", "p256")
    assert r.exit_code == 0, r.output
    attrs = private_key_attributes(softhsm, "Kantor", "rina")
    access = attrs["access"].split(", ")
    assert {"sensitive", "always sensitive", "never extractable", "local"} <= set(access)
    assert "extractable" not in access  # CKA_EXTRACTABLE false
    assert attrs["usage"] == "sign"  # a signing key only: no decrypt, derive or unwrap
    with open_store(store_home) as store:
        record = store.get("rina")
        assert record.key_ref is not None and record.key_ref.startswith("pkcs11:token=Kantor;")
        assert PIN not in record.key_ref
        with pytest.raises(StoreError) as info:
            store.sealed_key(record.key_ref)  # nothing sealed in the store
        assert info.value.key == "store.no_key"
    # the certificate went on the token too, beside its key (for other tools)
    tool = _need("pkcs11-tool")
    listed = subprocess.run(
        [tool, "--module", SOFTHSM, "--token-label", "Kantor", "--list-objects"],
        capture_output=True, text=True, check=True, env={**os.environ, **token_env},
    ).stdout  # fmt: skip
    assert "Certificate Object" in listed and "rina" in listed
    r = run("cert", "export", "rina", "--p12", "-o", str(store_home / "x.p12"), env=token_env)
    assert r.exit_code == ExitCode.STORE and "cannot be exported" in r.stderr


def test_a_letter_signed_on_the_token_verifies_in_esign_and_pdfsig(
    token_env: dict[str, str], letter: Path
) -> None:
    assert issue_on_token(token_env, "rina", "Kantor", "--key", "p256").exit_code == 0
    r = run("sign", str(letter), "--signer", "rina", "--stamp", "--json", env=token_env)
    assert r.exit_code == 0, r.output
    r = run("sign", str(letter), "--signer", "rina", "--json", "--force", env=token_env)
    assert r.exit_code == 0, r.output
    out = Path(json.loads(r.stdout)["output"])
    assert_pdfsig_valid(out, 1)
    report = verify_json(out)
    assert report["verdict"] == "valid"


def test_a_seal_imported_to_the_token_signs_rsa(
    softhsm: SoftHsm, token_env: dict[str, str], store_home: Path, letter: Path, tmp_path: Path
) -> None:
    p12 = tmp_path / "seal.p12"
    r = run("cert", "export", "seal", "--p12", "-o", str(p12), env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    r = run(
        "cert", "import", str(p12), "--id", "seal-token", "--kind", "seal", "--to-token", "Impor",
        env={**token_env, "ESIGN_PASSPHRASE": PASS},
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    access = private_key_attributes(softhsm, "Impor", "seal-token")["access"].split(", ")
    assert "sensitive" in access and "extractable" not in access
    # it was a file before: not "always sensitive" nor "never extractable" (docs/tokens.md)
    assert "always sensitive" not in access and "never extractable" not in access
    with open_store(store_home) as store:
        assert store.get("seal-token").key_ref.startswith("pkcs11:token=Impor;")  # type: ignore[union-attr]
        entry = store.audit_entries()[-1]
        assert entry.action == "cert.import" and entry.detail["token"] == "Impor"
    r = run("sign", str(letter), "--signer", "seal-token", "--json", env=token_env)
    assert r.exit_code == 0, r.output
    out = Path(json.loads(r.stdout)["output"])
    assert_pdfsig_valid(out, 1)
    assert verify_json(out)["verdict"] == "valid"


# --- PINs ----------------------------------------------------------------------------------


def test_a_wrong_pin_fails_once_and_the_token_counts_one_failure(
    softhsm: SoftHsm, token_env: dict[str, str], letter: Path, tmp_path: Path
) -> None:
    assert issue_on_token(token_env, "salah", "Salah").exit_code == 0
    pkcs11.close_all()
    assert "count low" not in token_flags(softhsm, "Salah")
    log = tmp_path / "spy.log"
    home = Path(os.environ["ESIGN_HOME"])
    env = spied({**token_env, "ESIGN_PKCS11_PIN": WRONG_PIN, "ESIGN_HOME": str(home)}, log)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        shutil.copy(letter, inbox / f"surat-{i}.pdf")
    done = esign_process(
        "sign", str(inbox), "--out-dir", str(tmp_path / "out"), "--signer", "salah", "-j", "2",
        env=env,
    )  # fmt: skip
    assert done.returncode == ExitCode.PIN == 17, done.stderr
    assert "did not accept the PIN" in done.stderr and "Traceback" not in done.stderr
    assert logins(log) == ["160"]  # one C_Login, CKR_PIN_INCORRECT; never tried again
    assert "user PIN count low" in token_flags(softhsm, "Salah")  # the token counted it
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    with open_store(home) as store:
        failed = [e for e in store.audit_entries() if e.action == "key.unlock_failed"]
    assert [(e.identity, e.detail["reason"]) for e in failed] == [("salah", "wrong PIN")]


def test_a_wrong_pin_is_not_tried_again_in_the_same_process(
    token_env: dict[str, str], store_home: Path
) -> None:
    assert issue_on_token(token_env, "rina", "Kantor").exit_code == 0
    pkcs11.close_all()
    with open_store(store_home) as store:
        record = store.get("rina")
    ref = pkcs11.TokenRef.parse(record.key_ref or "")
    with pytest.raises(PinError) as first:
        pkcs11.open_token_key(
            ref, Secret(WRONG_PIN.encode()), id="rina", cert=record.cert, chain=()
        )
    # the right PIN now: still refused, without asking the token (it would count a try)
    with pytest.raises(PinError) as second:
        pkcs11.open_token_key(ref, Secret(PIN.encode()), id="rina", cert=record.cert, chain=())
    assert first.value.exit_code == second.value.exit_code == ExitCode.PIN
    assert first.value.key == second.value.key == "token.pin_wrong"


def test_one_login_per_process_and_the_pin_appears_nowhere(
    token_env: dict[str, str], letter: Path, tmp_path: Path
) -> None:
    assert issue_on_token(token_env, "rina", "Kantor").exit_code == 0
    assert issue_on_token(token_env, "dewi", "Kantor").exit_code == 0
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    rows = ["input,signer"]
    for i in range(4):
        shutil.copy(letter, inbox / f"surat-{i}.pdf")
        rows.append(f"surat-{i}.pdf,{'rina' if i % 2 else 'dewi'}")
    manifest = inbox / "daftar.csv"
    manifest.write_text("\n".join(rows) + "\n")
    log = tmp_path / "spy.log"
    pin_file = tmp_path / "pin.txt"
    pin_file.write_text(PIN + "\n")
    env = spied({k: v for k, v in token_env.items() if k != "ESIGN_PKCS11_PIN"}, log)
    env["ESIGN_HOME"] = os.environ["ESIGN_HOME"]
    argv = ["-v", "sign", "--manifest", str(manifest), "--out-dir", str(tmp_path / "out"),
            "-j", "2", "--pin-file", str(pin_file), "--json"]  # fmt: skip
    done = esign_process(*argv, env=env)
    assert done.returncode == 0, done.stderr
    assert "one process (-j 1)" in done.stderr  # a token key: the batch is serialised
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(r["signer"] for r in results) == ["dewi", "dewi", "rina", "rina"]
    assert logins(log) == ["0"]  # two keys, four letters, one login
    for r in results:
        assert_pdfsig_valid(Path(r["output"]), 1)
    # the PIN: not in argv, not in what esign printed or logged (-v), not in the store
    assert PIN not in " ".join(argv)
    assert PIN not in done.stdout and PIN not in done.stderr
    home = Path(os.environ["ESIGN_HOME"])
    with open_store(home) as store:
        entries = json.dumps(
            [[e.action, e.identity, e.subject, e.detail] for e in store.audit_entries()]
        )
    assert PIN not in entries
    for path in home.rglob("*"):
        if path.is_file():
            assert PIN.encode() not in path.read_bytes(), path


def test_the_pin_option_takes_a_file_never_the_pin() -> None:
    for args in (["sign", "--help"], ["cert", "issue", "--help"], ["serve", "--help"]):
        shown = run(*args).stdout
        assert "--pin-file" in shown
        assert "--pin " not in shown and "--pin=" not in shown


# --- the office's services on the token ------------------------------------------------------


def test_tsa_and_ocsp_keys_on_the_token_serve_a_b_lt_letter(
    softhsm: SoftHsm, tmp_path: Path, letter: Path
) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from esign.app import admin
    from esign.pki import SubjectProfile
    from esign.store import create_store
    from services_fixtures import free_port, start

    pkcs11.close_all()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    home = Path(os.environ["ESIGN_HOME"])
    at = datetime.now(UTC)
    ca, pin = Secret(CA_PASS.encode()), Secret(PIN.encode())
    with create_store(home, at) as store:
        admin.create_ca(
            store, name="Diskominfo Root CA", passphrase=ca, at=at, key_type=KeyType.P256
        )
        admin.issue(
            store, id="ani", profile=SubjectProfile(name="Ani Lestari, S.T.", nip=NIP),
            ca_passphrase=ca, passphrase=pin, at=at, base_url=base, key_type=KeyType.P256,
            token="Layanan",
        )  # fmt: skip
        admin.ensure_services(
            store, ca_passphrase=ca, at=at, base_url=base, token="Layanan", pin=pin
        )
        assert admin.service_tokens(store) == ["Layanan"]
        keys = admin.unlock_services(store, ca, at, pin)
    assert isinstance(keys.tsa, pkcs11.Pkcs11Key) and isinstance(keys.ocsp, pkcs11.Pkcs11Key)
    for label in ("esign-service-tsa", "esign-service-ocsp"):
        access = private_key_attributes(softhsm, "Layanan", label)["access"].split(", ")
        assert "never extractable" in access and "sensitive" in access
    httpd, thread = start(home, port, keys)
    try:
        r = run(
            "sign", str(letter), "--signer", "ani", "--level", "B-LT", "--tsa", f"{base}/tsa",
            "--json", env={"ESIGN_PKCS11_PIN": PIN, **softhsm.env()},
        )  # fmt: skip
    finally:
        httpd.shutdown()
        thread.join(10)
        httpd.server_close()
        pkcs11.close_all()
    assert r.exit_code == 0, r.output
    out = Path(json.loads(r.stdout)["output"])
    assert_pdfsig_valid(out, 1)
    report = verify_json(out)
    assert report["verdict"] == "valid"
    from pyhanko.pdf_utils.reader import PdfFileReader

    with out.open("rb") as fh:
        sig = PdfFileReader(fh).embedded_signatures[0]
        tst = sig.signer_info["unsigned_attrs"][0]["values"][0]
        sid = tst["content"]["signer_infos"][0]["sid"].chosen
        assert sid["serial_number"].native == keys.tsa.cert.serial_number  # the token's TSA
        embedded = [c.chosen.dump() for c in tst["content"]["certificates"]]
        assert keys.tsa.cert.public_bytes(Encoding.DER) in embedded


# --- references and errors -------------------------------------------------------------------


def test_token_refs_round_trip_and_bad_ones_are_refused() -> None:
    ref = pkcs11.TokenRef(token="Kantor Dinas", object="budi;x", id=b"\x01\xfe")
    text = str(ref)
    assert text == "pkcs11:token=Kantor%20Dinas;object=budi%3Bx;id=%01%fe"
    assert pkcs11.TokenRef.parse(text) == ref
    for bad in ("pkcs11:object=budi", "pkcs11:token=A;object=b", "pkcs11:token"):
        with pytest.raises(SigningError) as info:
            pkcs11.TokenRef.parse(bad)
        assert info.value.key == "key.bad_ref"


def test_an_unknown_token_is_a_clear_error(token_env: dict[str, str]) -> None:
    r = issue_on_token(token_env, "rina", "TidakAda")
    assert r.exit_code == ExitCode.SIGNING
    assert "No token labelled 'TidakAda'" in r.stderr and "Traceback" not in r.output


def test_a_missing_module_is_a_config_error(token_env: dict[str, str], tmp_path: Path) -> None:
    env = {**token_env, "ESIGN_PKCS11_MODULE": str(tmp_path / "nothing.so")}
    r = issue_on_token(env, "rina", "Kantor")
    assert r.exit_code == ExitCode.CONFIG
    assert "could not be loaded" in r.stderr
