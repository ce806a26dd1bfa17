"""esign: sign, verify and timestamp PDF letters with PAdES signatures.

The package is a library with a thin command-line shell: everything but
``esign.cli`` and ``esign.report`` is importable without click or rich.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("esign")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
