"""One exception hierarchy, one exit code per failure domain.

Every error carries a catalog key (see :mod:`esign.i18n`) so its message is
rendered in the user's language, and a hint that says what to do next.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from esign import i18n


class ExitCode(IntEnum):
    """Documented process exit codes (README.md "Exit codes", docs/guide.md)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INVALID = 3
    INDETERMINATE = 4
    UNSIGNED = 5
    INPUT = 6
    OUTPUT = 7
    PASSPHRASE = 8
    STORE = 9
    CONFIG = 10
    CERTIFICATE = 11
    SIGNING = 12
    TIMESTAMP = 13
    DECLINED = 14
    CHANGED = 15
    """Every signature verifies, but the document was visibly changed after signing."""
    NOT_FOUND = 16
    """verify-qr: a well-formed code this office's register of issued statements does not hold."""
    PIN = 17
    """A PKCS#11 token refused the PIN (or is locked); esign never tries a PIN twice."""
    ROLE = 18
    """sign: the store's roles do not let the signer sign a.n./u.b. or as Plt./Plh. for
    that post on the signing day (refused before any passphrase)."""
    GATEWAY = 19
    """The gateway-compatible API (issue 14): a client application's name already taken or
    unknown (``esign api-client``), a NIK already recorded for another officer; ``sign
    --backend bsre``: the BSrE gateway refused, is unreachable or sent no signed PDF."""
    QUEUE = 20
    """sign --queue, worker, batch: the queue cannot take or run the batch (a SQLite store,
    an unknown batch id, a job without the signer's recorded consent)."""
    PREFLIGHT = 21
    """sign/check: pre-flight found what must be settled before the first signature (a
    broken or hybrid cross-reference, scripts, encryption, XFA...); ``--repair`` or the
    author settles it."""
    INTERRUPTED = 130


class EsignError(Exception):
    """Root of every error esign raises on purpose."""

    exit_code: ExitCode = ExitCode.ERROR
    default_key: str = "error.generic"

    def __init__(
        self, message_key: str | None = None, /, hint_key: str | None = None, **params: Any
    ) -> None:
        self.key = message_key or self.default_key
        self.hint_key = hint_key
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The full sentence, in the current language (a ``count`` parameter chooses the
        singular or plural form, "1 signature" / "2 signatures")."""
        count = self.params.get("count")
        if isinstance(count, int):
            return i18n.tn(self.key, count, **self.params)
        return i18n.t(self.key, **self.params)

    @property
    def hint(self) -> str | None:
        """What to do next, in the current language, if there is advice."""
        return i18n.t(self.hint_key, **self.params) if self.hint_key else None

    def __str__(self) -> str:
        return self.message


class ConfigError(EsignError):
    exit_code = ExitCode.CONFIG


class StoreError(EsignError):
    exit_code = ExitCode.STORE


class PassphraseError(EsignError):
    exit_code = ExitCode.PASSPHRASE


class PinError(EsignError):
    """A token refused its PIN: its own exit code, and never retried (tokens lock)."""

    exit_code = ExitCode.PIN


class PdfInputError(EsignError):
    exit_code = ExitCode.INPUT


class InputLimitError(PdfInputError):
    """An input PDF went past one of the input limits (:mod:`esign.limits`, issue 18):
    too deep, too big, too many pages, a reference loop, or too slow to read."""


class OutputError(EsignError):
    exit_code = ExitCode.OUTPUT


class CertificateError(EsignError):
    exit_code = ExitCode.CERTIFICATE


class RoleError(EsignError):
    """Signing for someone (a.n., u.b., Plt., Plh.) that the store's roles do not allow."""

    exit_code = ExitCode.ROLE


class PreflightError(EsignError):
    """Pre-flight refused a letter before its first signature (:mod:`esign.preflight`)."""

    exit_code = ExitCode.PREFLIGHT


class GatewayError(EsignError):
    """The signing API's records (client applications, officers' NIKs) and the BSrE
    gateway's refusals of ``sign --backend bsre``."""

    exit_code = ExitCode.GATEWAY


class QueueError(EsignError):
    """A queued batch cannot be submitted, found or run (issue 12, docs/scale.md)."""

    exit_code = ExitCode.QUEUE


class SigningError(EsignError):
    exit_code = ExitCode.SIGNING


class TimestampError(EsignError):
    """The time-stamp authority is unreachable, refused the request or answered garbage."""

    exit_code = ExitCode.TIMESTAMP
    default_key = "tsa.failed"


class VerificationFailed(EsignError):
    """Raised by ``VerificationReport.require_valid`` for library callers."""

    exit_code = ExitCode.INVALID


class DeclinedError(EsignError):
    """The signer answered no when asked to confirm the signature: nothing was written."""

    exit_code = ExitCode.DECLINED
    default_key = "consent.declined"
