"""``sign_pdf``: a PAdES baseline B-B signature, added as an incremental update.

Built on pyHanko's ``PdfSigner``. The signing key is an unlocked
:class:`esign.keys.KeyHandle` (a key object, not a file path): a PKCS#12 key kept
parsed for the whole run, or any other handle that can sign. :mod:`esign.sign.extras`
adds what the footer, certification, signing order and stamp need.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from cryptography.hazmat.primitives.serialization import Encoding

from esign import aio, pdf
from esign import limits as input_limits
from esign.errors import EsignError, PdfInputError, SigningError
from esign.keys import KeyHandle
from esign.ltv import LtvOptions
from esign.models import SigningRole, SignResult
from esign.pki import check_signing_cert, identity_of

if TYPE_CHECKING:
    from esign.stamp import FooterRequest, StampRequest
    from esign.stamp.paraf import ParafRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class SignOptions:
    """What goes into the signature dictionary."""

    reason: str | None = None
    """/Reason: the signer's statement (consent, role)."""
    location: str | None = None
    """/Location: usually the office's city."""
    field: str | None = None
    """Signature field to fill or create; default ``SignatureN``."""
    contact: str | None = None
    """/ContactInfo, e.g. the signer's e-mail."""
    ltv: LtvOptions | None = None
    """PAdES level above B-B (B-T, B-LT, B-LTA): the TSA and revocation settings."""
    stamp: StampRequest | None = None
    """A visible signature block (see :mod:`esign.stamp`); None: invisible."""
    footer: FooterRequest | None = None
    """The e-signature line on every page; only with the first signature."""
    certify: str | None = None
    """Certify (DocMDP), allowing ``none``, ``forms`` or ``annotations`` afterwards."""
    force_order: bool = False
    """Fill a field even when an earlier one in the declared signing order is empty."""
    role: SigningRole | None = None
    """Signing for someone (a.n., u.b., Plt., Plh.): shown in the stamp and /Reason."""
    paraf: ParafRequest | None = None
    """A paraf on every page: one field with a widget (initials and time) on each page;
    not with ``stamp``."""
    preflight: PreflightMode | None = None
    """Pre-flight before the first signature (:mod:`esign.preflight`): ``check`` refuses
    what must be settled first (exit 21), ``repair`` rewrites the letter once before
    signing it; None: not run (library callers that checked already)."""


class PreflightMode(StrEnum):
    CHECK = "check"
    """Refuse a letter pre-flight finds unfit for a first signature."""
    REPAIR = "repair"
    """Rewrite such a letter once, before the first signature, and sign the rewrite."""


@functools.cache
def _pdf_signer_class() -> Any:
    """pyHanko's ``PdfSigner`` whose signature claims the time esign chose (/M and the
    appearance), instead of the moment pyHanko happens to read its own clock."""
    from pyhanko.sign import signers

    class PdfSignerAt(signers.PdfSigner):
        def __init__(self, *args: Any, at: datetime, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.esign_at = at

        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self.esign_at
            return session

    return PdfSignerAt


def warm_up() -> None:
    """Import the pyHanko modules signing needs (before forking batch workers)."""
    import pyhanko.pdf_utils.incremental_writer
    import pyhanko.pdf_utils.metadata.xmp_xml  # imported by the writer on its first output
    import pyhanko.sign.fields
    import pyhanko.sign.signers  # noqa: F401
    import tzlocal

    tzlocal.get_localzone()  # read once (the zone file), then cached


def prime_for_threads(key: KeyHandle) -> None:
    """Build now, on one thread, what the threads of a batch worker share about ``key``.

    asn1crypto parses lazily and fills a name's dictionary one attribute at a time, so a
    thread reading the signer's name while another is still filling it finds it empty
    (a B-T batch lost 5 letters in 3,200 to "'organization_name'" before this). Parsing
    each shared certificate whole first leaves the threads only reading.
    """
    for embed_roots in (False, True):
        signer = key.pyhanko_signer(embed_roots=embed_roots)
        _ = signer.subject_name
        for cert in (signer.signing_cert, *signer.cert_registry):
            _ = cert.native


def _reserve(key: KeyHandle) -> int:
    """Hex digits for the CMS placeholder: the certificates plus room for the rest."""
    certs = [key.cert, *key.chain]
    return 2 * (sum(len(c.public_bytes(Encoding.DER)) for c in certs) + 6144)


@functools.cache
def _writer_class() -> Any:
    """pyHanko's incremental writer with steps run just before the revision is written
    (``before_write``): what must change after pyHanko filled the field, such as the
    ``/Kids`` of a paraf field (:mod:`esign.stamp.paraf`)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class HookedWriter(IncrementalPdfFileWriter):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.before_write: list[Any] = []

        def _run_hooks(self) -> None:
            hooks, self.before_write = self.before_write, []
            for hook in hooks:
                hook()

        def write(self, stream: Any) -> None:
            self._run_hooks()
            super().write(stream)  # type: ignore[no-untyped-call]

        def write_in_place(self) -> None:
            self._run_hooks()
            super().write_in_place()  # type: ignore[no-untyped-call]

    return HookedWriter


def _open_writer(stream: BinaryIO, file: Path) -> Any:
    from pyhanko.pdf_utils.misc import PdfError

    IncrementalPdfFileWriter = _writer_class()
    try:
        writer = IncrementalPdfFileWriter(stream, strict=True)
    except PdfError as strict_error:
        log.debug("strict read of %s failed (%s); retrying tolerant", file, strict_error)
        stream.seek(0)
        try:
            writer = IncrementalPdfFileWriter(stream, strict=False)
        except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
            raise PdfInputError(
                "pdf.damaged", hint_key="pdf.damaged.hint", file=file, detail=str(e) or type(e)
            ) from e
    except (ValueError, KeyError, TypeError, IndexError) as e:
        raise PdfInputError(
            "pdf.damaged", hint_key="pdf.damaged.hint", file=file, detail=str(e) or type(e)
        ) from e
    if writer.prev.encrypted:
        raise PdfInputError("pdf.encrypted", hint_key="pdf.encrypted.hint", file=file)
    # pyHanko copies the original and digests the byte ranges 4 KiB at a time by default:
    # with 1 MiB chunks a 100 MB letter costs a fraction of the Python calls
    writer.IO_CHUNK_SIZE = pdf.CHUNK
    return writer


def _field_name(writer: Any, wanted: str | None, file: Path, *, paraf: bool = False) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    existing = {name: value for name, value, _ref in enumerate_sig_fields(writer.prev)}
    if wanted is not None:
        if existing.get(wanted) is not None:
            raise SigningError("sign.field_exists", file=file, field=wanted)
        if paraf and wanted in existing:  # a paraf makes its own field, widgets and all
            raise SigningError("paraf.field_exists", file=file, field=wanted)
        return wanted
    prefix = "Paraf" if paraf else "Signature"
    n = 1
    while f"{prefix}{n}" in existing:
        n += 1
    return f"{prefix}{n}"


def _damaged(file: Path, e: BaseException) -> PdfInputError:
    return PdfInputError(
        "pdf.damaged", hint_key="pdf.damaged.hint", file=file, detail=str(e) or type(e).__name__
    )


def _prepare(
    writer: Any, options: SignOptions, key: KeyHandle, at: datetime, sha_before: str, file: Path
) -> tuple[str, Any]:
    """The field to fill and the stamp/footer extras; a PDF that cannot be read that far
    (a /Kids loop, a broken object the stamp needs) is an input error."""
    from pyhanko.pdf_utils.misc import PdfReadError

    from esign.sign.extras import signing_extras

    try:
        field = _field_name(writer, options.field, file, paraf=options.paraf is not None)
        extras = signing_extras(
            writer, options, key=key, at=at, sha256_before=sha_before, file=file, field=field
        )
    except PdfReadError as e:
        raise _damaged(file, e) from e
    return field, extras


async def _sign_async(pdf_signer: Any, writer: Any, out: Any, reserve: int, meta: Any) -> None:
    """pyHanko's ``sign_pdf`` on this thread's kept loop (:mod:`esign.aio`), so that a B-T
    batch keeps its connection to the TSA; revocation fetchers are released as pyHanko's
    own wrapper does."""
    try:
        await pdf_signer.async_sign_pdf(
            writer, output=out, bytes_reserved=reserve, chunk_size=pdf.CHUNK
        )
    finally:
        if meta.validation_context is not None:
            await meta.validation_context.aclose()


def sign_pdf(
    input: Path,
    output: Path,
    key: KeyHandle,
    *,
    at: datetime,
    options: SignOptions | None = None,
    overwrite: bool = False,
    revoked_at: datetime | None = None,
    limits: input_limits.InputLimits | None = None,
) -> SignResult:
    """Sign ``input`` into ``output`` with ``key``; the original bytes stay a prefix.

    ``output`` may equal ``input`` (in place, with ``overwrite=True``): the
    replacement is atomic. Nothing is left behind on failure. The input is read within
    ``limits`` (default: the settings'; :mod:`esign.limits`).
    """
    from pyhanko.pdf_utils.misc import PdfError, PdfReadError
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    options = options or SignOptions()
    check_signing_cert(key.cert, key.id, at, revoked_at)
    pdf.check_input(input)
    bounds = limits or input_limits.active()
    with input.open("rb") as original:
        with input_limits.reading(input, bounds):  # issue 18: bounded work on any input
            stream, repaired = _preflight(original, input, options.preflight, bounds)
            digest = pdf.sha256_state(stream)
            sha_before = digest.copy().hexdigest()
            input_size = stream.seek(0, 2)
            stream.seek(0)
            writer = _open_writer(stream, input)
            input_limits.check_document(writer.prev, bounds)
            field, extras = _prepare(writer, options, key, at, sha_before, input)
        meta = signers.PdfSignatureMetadata(
            **extras.meta,
            field_name=field,
            reason=options.reason,
            location=options.location,
            contact_info=options.contact,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            **(options.ltv.meta_kwargs() if options.ltv else {}),
        )
        pdf_signer = _pdf_signer_class()(
            meta,
            at=at,
            signer=key.pyhanko_signer(embed_roots=options.ltv.embeds_dss if options.ltv else False),
            **extras.signer,
            **(options.ltv.signer_kwargs() if options.ltv else {}),
        )
        if options.ltv is not None:
            options.ltv.preflight()  # a TSA that is down fails before any output
        try:
            # the TSA has its own timeouts: every limit but the time
            with (
                input_limits.guard(input, bounds, timed=False),
                pdf.atomic_output(output, overwrite=overwrite, mode_from=input) as out,
            ):
                aio.run(_sign_async(pdf_signer, writer, out, _reserve(key), meta))
                # The output is the input plus an appended revision: hash only the tail.
                sha_after = pdf.continue_sha256(digest, out, input_size)
        except EsignError:
            raise
        except PdfReadError as e:  # the input, read late (objects are read when needed)
            raise _damaged(input, e) from e
        except (PdfError, ValueError, KeyError, TypeError, AttributeError) as e:
            if options.ltv is not None and (err := options.ltv.translate(e, input)):
                raise err from e
            raise SigningError("sign.failed", file=input, detail=str(e) or type(e)) from e
        except Exception as e:
            translated = options.ltv.translate(e, input) if options.ltv else None
            if translated is None:
                raise
            raise translated from e
    log.debug("signed %s -> %s with %s", input, output, key.id)
    return SignResult(
        input=input,
        output=output,
        signer_id=key.id,
        signer=identity_of(key.cert),
        field=field,
        signed_at=at,
        sha256_before=sha_before,
        sha256_after=sha_after,
        level=options.ltv.level.value if options.ltv else "B-B",
        verification_code=extras.code,
        qr_statement=extras.token,
        pages=extras.pages,
        repaired=repaired,
    )


def _preflight(
    stream: BinaryIO, file: Path, mode: PreflightMode | None, bounds: input_limits.InputLimits
) -> tuple[BinaryIO, tuple[str, ...]]:
    """The stream to sign: the input, or its pre-flight repair (with what changed).

    A letter already signed is neither refused (its first signer's pre-flight ran) nor
    rewritten (that would break its signatures): it is signed as it is, in both modes. A
    file no reader opens is left to the engine, and an input limit it exceeds speaks
    before pre-flight: both say more precisely what is wrong."""
    if mode is None:
        return stream, ()
    from esign.preflight import check
    from esign.preflight.repair import refusal, repair

    raw = stream.read()
    stream.seek(0)
    report = check(file, raw)
    if not report.stops_signing or report.engine_decides:
        return stream, ()
    input_limits.check_pdf_bytes(raw, bounds)
    if mode is PreflightMode.CHECK:
        raise refusal(report)
    data, changes = repair(report, raw)
    log.info("pre-flight repaired %s: %s", file, ", ".join(changes))
    return io.BytesIO(data), changes
