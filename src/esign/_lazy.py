"""Keep aiohttp out of start-up.

Every import of ``pyhanko.sign`` imports pyHanko's aiohttp timestamp client and
pyhanko-certvalidator's aiohttp fetchers, and with them aiohttp: about 0.1 s, a fifth of a
one-letter ``esign sign`` that never touches the network. Before pyHanko is first imported,
:func:`defer_aiohttp_client` puts stand-in modules under those two names. Each stand-in
offers the one class the rest of pyHanko imports from it (``HTTPTimeStamper``,
``AIOHttpFetcherBackend``); calling that class imports the real module (and aiohttp) and
returns a real instance. Any other attribute also loads the real module. Nothing else in
pyHanko is touched, and a program that imported pyHanko before esign keeps the real ones.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any

# In dependency order: the timestamp client imports from the fetchers package.
_DEFERRED = {
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": (
        "pyhanko_certvalidator.fetchers",
        "AIOHttpFetcherBackend",
    ),
    "pyhanko.sign.timestamps.aiohttp_client": ("pyhanko.sign.timestamps", "HTTPTimeStamper"),
}


_LOCK = threading.RLock()
"""One thread swaps the modules: another would meet a module half imported."""


def _real(name: str) -> types.ModuleType:
    """Replace every stand-in by its real module (once) and return the one asked for."""
    with _LOCK:
        return _swap(name)


def _swap(name: str) -> types.ModuleType:
    for deferred, (package_name, class_name) in _DEFERRED.items():
        module = sys.modules.get(deferred)
        if module is not None and not getattr(module, "_esign_stand_in", False):
            continue
        package = importlib.import_module(package_name)
        sys.modules.pop(deferred, None)
        real = importlib.import_module(deferred)
        if getattr(package, class_name, None) is not None:
            setattr(package, class_name, getattr(real, class_name))
    return sys.modules[name]


def load(name: str) -> types.ModuleType:
    """The real module ``name``: one of the deferred ones is loaded (with aiohttp) in place of
    its stand-in, so that its classes can be subclassed."""
    with _LOCK:  # not a module another thread is swapping in, half imported
        module = sys.modules.get(name)
        if module is not None and not getattr(module, "_esign_stand_in", False):
            return module
        if name in _DEFERRED:
            return _swap(name)
    return importlib.import_module(name)


def _stand_in(name: str, class_name: str) -> types.ModuleType:
    module = types.ModuleType(name)

    class StandIn:
        """Builds the real class from the real module when first used."""

        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return getattr(_real(name), class_name)(*args, **kwargs)

    StandIn.__name__ = StandIn.__qualname__ = class_name
    setattr(module, class_name, StandIn)
    module._esign_stand_in = True  # type: ignore[attr-defined]

    def __getattr__(attr: str) -> Any:
        if attr.startswith("__"):  # the import system probes __spec__, __path__, ...
            raise AttributeError(attr)
        return getattr(_real(name), attr)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


def defer_aiohttp_client() -> None:
    """Install the stand-ins, unless pyHanko was already imported by someone else."""
    if "pyhanko" in sys.modules:
        return
    for name, (_package, class_name) in _DEFERRED.items():
        sys.modules.setdefault(name, _stand_in(name, class_name))
