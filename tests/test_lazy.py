"""esign keeps aiohttp out of start-up, and the deferred clients still work when used."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import esign
import esign.sign, esign.verify
from pyhanko.sign import signers
import pyhanko.sign.validation.ades
assert "aiohttp" not in sys.modules, "aiohttp was imported at start-up"
from pyhanko.sign.timestamps import HTTPTimeStamper
stamper = HTTPTimeStamper("http://127.0.0.1:9/tsa")
from pyhanko.sign.timestamps import aiohttp_client
assert type(stamper) is aiohttp_client.HTTPTimeStamper
assert "aiohttp" in sys.modules
from pyhanko_certvalidator import fetchers
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
assert isinstance(fetchers._default_fetcher_backend(), AIOHttpFetcherBackend)
print("ok")
"""


def test_aiohttp_is_deferred_and_real_clients_still_load() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_version_does_not_import_pyhanko() -> None:
    code = (
        "import sys; from esign.cli import main; import esign; "
        "assert 'pyhanko' not in sys.modules and 'cryptography.x509' not in sys.modules; "
        "print(esign.__version__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
