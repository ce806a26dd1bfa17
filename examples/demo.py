"""A whole esign session on a throwaway store: what `make demo` runs.

An administrator creates the store, the office CA and an officer's certificate;
the officer signs the example letter with the visible Indonesian signature block where the
template's `${ttd_pengirim}` placeholder is, plus the footer line; an auditor verifies it
(table and JSON), and poppler's pdfsig checks it independently when it is installed.
Passphrases come from environment variables, as a script would pass them. The store is
thrown away; the signed letter is kept in demo-output/ so you can open it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ESIGN = str(Path(sys.executable).with_name("esign"))


def run(env: dict[str, str], *args: str, check: bool = True) -> int:
    print(f"\n$ esign {' '.join(args)}", flush=True)
    result = subprocess.run([ESIGN, *args], env=env)
    if check and result.returncode != 0:
        sys.exit(f"demo failed: esign {' '.join(args)} exited {result.returncode}")
    return result.returncode


def main() -> None:
    start = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="esign-demo-"))
    try:
        env = {
            **os.environ,
            "ESIGN_HOME": str(work / "store"),
            "ESIGN_PASSPHRASE": "demo-officer-passphrase",
            "ESIGN_CA_PASSPHRASE": "demo-ca-passphrase",
            "COLUMNS": "100",
        }
        letter = work / "surat-undangan.pdf"
        shutil.copy(HERE / "surat-undangan.pdf", letter)
        ca_env = {**env, "ESIGN_PASSPHRASE": env["ESIGN_CA_PASSPHRASE"]}
        run(env, "init")
        run(
            ca_env,
            "ca",
            "create",
            "--name",
            "Dinas Kominfo Kab. Jember Root CA",
            "--org",
            "Pemerintah Kabupaten Jember",
        )
        run(
            env,
            "cert",
            "issue",
            "--id",
            "budi",
            "--name",
            "Budi Santoso, S.Kom., M.T.",
            "--nip",
            "198701012010011001",
            "--title",
            "Kepala Dinas Komunikasi dan Informatika",
            "--org",
            "Dinas Kominfo Kabupaten Jember",
            "--city",
            "Jember",
            "--rank",
            "IV/a",
        )
        run(env, "cert", "list")
        run(
            env,
            "sign",
            str(letter),
            "--location",
            "Jember",
            "--stamp",
            "--at",
            "${ttd_pengirim}",
            "--footer",
        )
        signed = letter.with_name("surat-undangan.signed.pdf")
        run(env, "verify", str(signed))
        run(env, "verify", "--json", str(signed))
        if shutil.which("pdfsig"):
            print(f"\n$ pdfsig {signed.name}   (independent check by poppler)", flush=True)
            subprocess.run(["pdfsig", str(signed)], check=False)
        keep = HERE.parent / "demo-output"
        keep.mkdir(exist_ok=True)
        shutil.copy(signed, keep / signed.name)
        print(f"\nsigned letter kept at {keep / signed.name}")
        print(f"demo finished in {time.monotonic() - start:.1f} s (store: throwaway, removed)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
