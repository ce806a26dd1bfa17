"""PAdES levels above B-B: signature timestamps (B-T), embedded validation data (B-LT),
document timestamps (B-LTA), and upgrading letters that are already signed.

B-T asks a time-stamp authority for a token over the signature value; B-LT adds the
chain and revocation answers (OCSP/CRL) to the document security store (DSS/VRI) so
the letter verifies offline years later; B-LTA adds a document timestamp over all of
it. The TSA is asked once *before* any output is opened: a TSA that is down or answers
garbage fails with :class:`~esign.errors.TimestampError` and leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from esign import limits as input_limits
from esign import pdf
from esign.aio import http_session
from esign.errors import EsignError, PdfInputError, SigningError, TimestampError
from esign.models import LEVEL_ORDER, Level
from esign.timestamp import TsaClient, is_timestamp_failure, tsa_error

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 10.0


def parse_level(text: str) -> Level:
    """``B-LT`` (any case, with or without ``PAdES-``) → :class:`Level`."""
    cleaned = text.upper().removeprefix("PADES-").replace("_", "-")
    return Level(cleaned)


@dataclass(frozen=True, kw_only=True)
class LtvOptions:
    """How to reach a level above B-B: the TSA, and the roots to build chains for B-LT."""

    level: Level = Level.B_B
    """The PAdES level wanted."""
    tsa: TsaClient | None = None
    """The time-stamp authority (needed from B-T up)."""
    roots: tuple[x509.Certificate, ...] = ()
    """Trust anchors for building the chains whose revocation data B-LT embeds."""
    other_certs: tuple[x509.Certificate, ...] = ()
    """Intermediate certificates that help chain building."""
    fetch_timeout: float = FETCH_TIMEOUT
    """Seconds per OCSP/CRL fetch."""
    _stamper: list[Any] = field(default_factory=list, repr=False, compare=False)

    def needs(self, level: Level) -> bool:
        """Whether the wanted level includes ``level``."""
        return LEVEL_ORDER.index(self.level) >= LEVEL_ORDER.index(level)

    @property
    def embeds_dss(self) -> bool:
        """B-LT and up: the letter carries its validation data, trust anchor included."""
        return self.needs(Level.B_LT)

    def timestamper(self) -> Any:
        """pyHanko's timestamper (one per options object, so its size probe is reused)."""
        if self.tsa is None:
            raise TimestampError("tsa.none", hint_key="tsa.none.hint")
        if not self._stamper:
            self._stamper.append(self.tsa.timestamper())
        return self._stamper[0]

    def preflight(self) -> None:
        """Ask the TSA for one token before any output exists (B-T and up)."""
        if self.needs(Level.B_T):
            self.preflight_always()

    def preflight_always(self) -> None:
        """Ask the TSA for one token now (pyHanko reuses it to size the signature)."""
        stamper = self.timestamper()
        assert self.tsa is not None
        try:
            asyncio.run(stamper.async_dummy_response("sha256"))
        except Exception as e:
            raise tsa_error(self.tsa.url, e) from e

    def validation_context(self, moment: datetime | None = None) -> Any:
        """A context that fetches OCSP/CRL answers (for embedding them)."""
        from pyhanko_certvalidator import ValidationContext
        from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
        from pyhanko_certvalidator.fetchers.api import OwnedFetcherBackend

        return ValidationContext(
            trust_roots=[_asn1(c) for c in self.roots],
            other_certs=[_asn1(c) for c in self.other_certs],
            allow_fetching=True,
            revocation_mode="hard-fail",
            fetcher_backend=OwnedFetcherBackend(
                AIOHttpFetcherBackend(
                    session=http_session(), per_request_timeout=self.fetch_timeout
                )
            ),
            moment=moment,
        )

    def meta_kwargs(self) -> dict[str, Any]:
        """Extra ``PdfSignatureMetadata`` arguments for the wanted level."""
        if not self.needs(Level.B_LT):
            return {}
        return {
            "embed_validation_info": True,
            "validation_context": self.validation_context(),
            "use_pades_lta": self.needs(Level.B_LTA),
        }

    def signer_kwargs(self) -> dict[str, Any]:
        """Extra ``PdfSigner`` arguments (the timestamper) for the wanted level."""
        return {"timestamper": self.timestamper()} if self.needs(Level.B_T) else {}

    def translate(self, e: BaseException, file: Path) -> EsignError | None:
        """An EsignError for a failure to reach the level, or None when ``e`` is not one."""
        if isinstance(e, EsignError):
            return None
        if is_timestamp_failure(e) and self.tsa is not None:
            return tsa_error(self.tsa.url, e)
        if _is_revinfo_failure(e):
            return SigningError(
                "ltv.failed", hint_key="ltv.failed.hint", file=file, detail=_first_line(e)
            )
        return None


def _asn1(cert: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _first_line(e: BaseException) -> str:
    return (str(e) or type(e).__name__).splitlines()[0]


def _is_revinfo_failure(e: BaseException) -> bool:
    from pyhanko.sign.general import SigningError as PyhankoSigningError
    from pyhanko_certvalidator.errors import PathValidationError, ValidationError

    seen: BaseException | None = e
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, PathValidationError | ValidationError | PyhankoSigningError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# --- documents that are already signed ----------------------------------------------------


def _reader(data: bytes, file: Path) -> Any:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except Exception as e:
        raise PdfInputError(
            "pdf.damaged", hint_key="pdf.damaged.hint", file=file, detail=_first_line(e)
        ) from e


def timestamp_document(
    input: Path, output: Path, options: LtvOptions, *, overwrite: bool = False
) -> str:
    """Add a document timestamp (``/DocTimeStamp``); returns the output's SHA-256."""
    pdf.check_input(input)
    with input_limits.reading(input, timed=False) as bounds:  # the TSA has its own timeouts
        data = input.read_bytes()
        input_limits.check_document(_reader(data, input), bounds)
        return _timestamp(data, input, output, options, overwrite)


def _timestamp(data: bytes, input: Path, output: Path, options: LtvOptions, overwrite: bool) -> str:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper

    options.preflight_always()
    stamper = PdfTimeStamper(options.timestamper())
    try:
        with pdf.atomic_output(output, overwrite=overwrite, mode_from=input) as out:
            writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            stamper.timestamp_pdf(writer, "sha256", output=out)
            return pdf.sha256_stream(out)
    except EsignError:
        raise
    except Exception as e:
        raise options.translate(e, input) or SigningError(
            "sign.failed", file=input, detail=_first_line(e)
        ) from e


def extend_document(
    input: Path, output: Path, options: LtvOptions, *, overwrite: bool = False
) -> str:
    """Upgrade a signed letter to B-LT (embed validation data for every signature) or
    B-LTA (then a document timestamp; for a B-LTA letter: renew the archive timestamp)."""
    pdf.check_input(input)
    with input_limits.reading(input, timed=False) as bounds:  # fetching has its own timeouts
        data = input.read_bytes()
        reader = _reader(data, input)
        input_limits.check_document(reader, bounds)
        return _extend(data, reader, input, output, options, overwrite)


def _extend(
    data: bytes, reader: Any, input: Path, output: Path, options: LtvOptions, overwrite: bool
) -> str:
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.validation import add_validation_info

    signatures = list(reader.embedded_signatures)
    if not signatures:
        raise PdfInputError("ltv.not_signed", file=input)
    if options.needs(Level.B_LTA):
        options.preflight_always()
    try:
        with pdf.atomic_output(output, overwrite=overwrite, mode_from=input) as out:
            current = data
            for index in range(len(signatures)):
                reader = _reader(current, input)
                sig = list(reader.embedded_signatures)[index]
                if sig.sig_object_type == "/DocTimeStamp" and index < len(signatures) - 1:
                    continue
                buffer = io.BytesIO()
                add_validation_info(
                    sig, options.validation_context(), output=buffer, force_write=False
                )
                current = buffer.getvalue() or current
            if options.needs(Level.B_LTA):
                reader = _reader(current, input)
                stamper = PdfTimeStamper(options.timestamper())
                buffer = io.BytesIO()
                if reader.embedded_timestamp_signatures:
                    stamper.update_archival_timestamp_chain(
                        reader, options.validation_context(), in_place=False, output=buffer
                    )
                else:
                    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

                    writer = IncrementalPdfFileWriter(io.BytesIO(current), strict=False)
                    stamper.timestamp_pdf(
                        writer,
                        "sha256",
                        validation_context=options.validation_context(),
                        output=buffer,
                    )
                current = buffer.getvalue()
            out.write(current)
            return pdf.sha256_stream(out)
    except EsignError:
        raise
    except Exception as e:
        raise options.translate(e, input) or SigningError(
            "sign.failed", file=input, detail=_first_line(e)
        ) from e
