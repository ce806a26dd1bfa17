"""A whole esign session on a throwaway store: what `make demo` runs.

An administrator creates the store, the office CA and an officer's certificate;
the officer signs the example letter; an auditor verifies it (table and JSON),
and poppler's pdfsig checks it independently when it is installed.
Passphrases come from environment variables, as a script would pass them.
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
        )
        run(env, "cert", "list")
        run(env, "sign", str(letter), "--location", "Jember")
        signed = letter.with_name("surat-undangan.signed.pdf")
        run(env, "verify", str(signed))
        run(env, "verify", "--json", str(signed))
        if shutil.which("pdfsig"):
            print(f"\n$ pdfsig {signed.name}   (independent check by poppler)", flush=True)
            subprocess.run(["pdfsig", str(signed)], check=False)
        print(f"\ndemo finished in {time.monotonic() - start:.1f} s (store: throwaway, removed)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
