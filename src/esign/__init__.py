"""esign: sign, verify and timestamp PDF letters with PAdES signatures.

The package is a library with a thin command-line shell: everything but
``esign.cli`` and ``esign.render.terminal`` is importable without click or rich.
"""

from esign._lazy import defer_aiohttp_client

__version__ = "0.1.0"

defer_aiohttp_client()

__all__ = ["__version__"]
