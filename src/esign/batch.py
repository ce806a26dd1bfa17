"""Batch signing: many letters, one unlocked key, optional worker processes.

The key is unlocked once per process (one passphrase prompt for the whole batch). One
bad file never stops the batch: every job ends in a :class:`JobResult`, and the caller
gets them as they finish (for a progress bar, JSON lines and the audit log).
"""

from __future__ import annotations

import csv
import glob
import logging
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from esign import keys
from esign.errors import EsignError, ExitCode, PdfInputError
from esign.keys import KeyUnlock, SigningKey
from esign.pdf import default_output
from esign.sign import SignOptions, sign_pdf

log = logging.getLogger(__name__)

MANIFEST_COLUMNS = (
    "input",
    "output",
    "signer",
    "reason",
    "location",
    "field",
    "at",
    "page",
    "box",
    "on_behalf_of",
    "via",
    "acting",
)
STAMP_COLUMNS = frozenset({"at", "page", "box"})
"""Columns that place the visible stamp: a manifest with any of them stamps every letter."""


def manifest_header(path: Path) -> list[str]:
    """The column names of a CSV manifest ([] when it cannot be read: reading it later
    reports the problem with the file's name)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [h.strip() for h in next(csv.reader(fh), [])]
    except (OSError, UnicodeDecodeError):
        return []


class JobStatus(StrEnum):
    """How one letter of a batch ended."""

    SIGNED = "signed"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class SignJob:
    """One letter to sign."""

    input: Path
    """The letter."""
    output: Path
    """Where the signed letter goes."""
    signer: str | None = None
    """Store id of the signer (None: the batch default)."""
    options: SignOptions = field(default_factory=SignOptions)
    """/Reason, /Location, field."""
    line: int | None = None
    """Line in the manifest, when the job came from one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JobResult:
    """What happened to one letter."""

    input: Path
    """The letter."""
    output: Path
    """The signed letter (or where it would have gone)."""
    status: JobStatus
    """signed, skipped (``--resume``) or failed."""
    signer: str | None = None
    """Store id that signed."""
    signed_at: datetime | None = None
    """Signing time."""
    sha256_before: str | None = None
    """SHA-256 of the input."""
    sha256: str | None = None
    """SHA-256 of the output."""
    field: str | None = None
    """Signature field."""
    verification_code: str | None = None
    """The code printed under the QR, if there is one."""
    qr_statement: str | None = None
    """The signed statement in the QR (for the store's register)."""
    error: str | None = None
    """Why it failed, one line, in the user's language."""
    exit_code: int | None = None
    """The exit code this failure alone would give."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSummary:
    """Counts at the end of a batch."""

    total: int
    signed: int
    skipped: int
    failed: int
    interrupted: bool = False


class ManifestError(PdfInputError):
    """A bad manifest row, reported before anything is signed."""


def expand_inputs(items: list[str], *, recursive: bool, skip_signed: bool = False) -> list[Path]:
    """FILE, DIR and GLOB arguments → PDF paths, in order, without duplicates.

    A directory yields its ``*.pdf`` files (``**/*.pdf`` with ``recursive``); with
    ``skip_signed`` (signing) it leaves out outputs of earlier runs (``*.signed.pdf``).
    A name that matches nothing is kept, so that its job fails with "does not exist"
    instead of vanishing.
    """
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            pattern = "**/*.pdf" if recursive else "*.pdf"
            matches = sorted(
                p
                for p in path.glob(pattern)
                if p.is_file() and not (skip_signed and p.name.lower().endswith(".signed.pdf"))
            )
            found.extend(matches)
        elif glob.has_magic(item):
            found.extend(sorted(Path(p) for p in glob.glob(item, recursive=recursive)))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def plan(
    inputs: list[Path],
    *,
    out_dir: Path | None,
    base_options: SignOptions,
    signer: str | None = None,
    roots: list[Path] | None = None,
) -> list[SignJob]:
    """Jobs for plain inputs: ``X.signed.pdf`` beside each, or in ``out_dir``.

    With ``out_dir`` the folder structure below each root argument is kept.
    """
    jobs = []
    for path in inputs:
        target = default_output(path)
        if out_dir is not None:
            rel = _relative_to_roots(path, roots or [])
            target = out_dir / rel.parent / target.name
        jobs.append(SignJob(input=path, output=target, signer=signer, options=base_options))
    return jobs


def _relative_to_roots(path: Path, roots: list[Path]) -> Path:
    for root in roots:
        if root.is_dir():
            try:
                return path.resolve().relative_to(root.resolve())
            except ValueError:
                continue
    return Path(path.name)


def read_manifest(path: Path, *, base_options: SignOptions, out_dir: Path | None) -> list[SignJob]:
    """Jobs from a CSV manifest; every row is checked before anything is signed."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise PdfInputError("pdf.missing", file=path) from e
    except (OSError, UnicodeDecodeError) as e:
        raise PdfInputError("pdf.unreadable", file=path, detail=str(e)) from e
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in MANIFEST_COLUMNS]
    if "input" not in header or unknown:
        raise ManifestError(
            "batch.manifest_header",
            file=path,
            columns=", ".join(MANIFEST_COLUMNS),
            unknown=", ".join(unknown),
        )
    base = path.parent
    jobs: list[SignJob] = []
    problems: list[str] = []
    for number, row in enumerate(reader, start=2):
        values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not values.get("input"):
            problems.append(f"{number}: input")
            continue
        src = _resolve(base, values["input"])
        if not src.is_file():
            problems.append(f"{number}: {values['input']}")
            continue
        out = (
            _resolve(base, values["output"])
            if values.get("output")
            else ((out_dir / default_output(src).name) if out_dir else default_output(src))
        )
        try:
            options = _row_options(values, base_options)
        except ValueError as e:
            problems.append(f"{number}: {e}")
            continue
        jobs.append(
            SignJob(
                input=src,
                output=out,
                signer=values.get("signer") or None,
                options=options,
                line=number,
            )
        )
    if problems:
        raise ManifestError("batch.manifest_rows", file=path, rows="; ".join(problems))
    return jobs


def _row_options(values: dict[str, str], base: SignOptions) -> SignOptions:
    """``base`` with one manifest row's values; ValueError naming the bad column."""
    from esign.models import Acting, SigningRole
    from esign.stamp.place import parse_box

    options = replace(
        base,
        reason=values.get("reason") or base.reason,
        location=values.get("location") or base.location,
        field=values.get("field") or base.field,
    )
    if any(values.get(c) for c in STAMP_COLUMNS) and options.stamp is not None:
        spec = options.stamp.placement
        try:
            box = parse_box(values["box"]) if values.get("box") else spec.box
        except ValueError as e:
            raise ValueError(f"box {values['box']}") from e
        placement = replace(
            spec, tag=values.get("at") or spec.tag, page=values.get("page") or spec.page, box=box
        )
        options = replace(options, stamp=replace(options.stamp, placement=placement))
    role = base.role or SigningRole()
    acting = values.get("acting", "").lower() or None
    if acting is not None and acting not in {a.value for a in Acting}:
        raise ValueError(f"acting {values['acting']}")
    role = replace(
        role,
        on_behalf_of=values.get("on_behalf_of") or role.on_behalf_of,
        via=values.get("via") or role.via,
        acting=Acting(acting) if acting else role.acting,
    )
    if role.via and not role.on_behalf_of:
        raise ValueError(f"via {role.via} without on_behalf_of")  # u.b. needs an a.n.
    if role != SigningRole():
        options = replace(options, role=role)
    return options


def _resolve(base: Path, value: str) -> Path:
    candidate = Path(value)
    return candidate if candidate.is_absolute() else base / candidate


# --- running -----------------------------------------------------------------------------------


def unlock_in_worker(unlock: KeyUnlock) -> SigningKey:
    """Unlock a key in a worker process from the store it names (never a blob passed in)."""
    from esign.store import open_store

    with open_store(unlock.store) as store:
        record = store.get(unlock.id)
        return keys.open_ref(
            unlock.ref,
            unlock.passphrase,
            id=unlock.id,
            cert=record.cert,
            chain=record.chain,
            sealed=store.sealed_key,
        )


_WORKER_KEYS: dict[str, SigningKey] = {}


def _worker_init(sealed: list[KeyUnlock]) -> None:
    # The parent handles Ctrl-C: a worker finishes (or cleans up) the letter in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for s in sealed:
        if s.id not in _WORKER_KEYS:  # forked workers inherit the parent's unlocked keys
            _WORKER_KEYS[s.id] = unlock_in_worker(s)


def sign_one(job: SignJob, key: SigningKey, at: datetime, *, overwrite: bool) -> JobResult:
    """Sign one job, turning every EsignError into a failed result."""
    try:
        result = sign_pdf(
            job.input, job.output, key, at=at, options=job.options, overwrite=overwrite
        )
    except EsignError as e:
        return JobResult(
            input=job.input,
            output=job.output,
            status=JobStatus.FAILED,
            signer=key.id,
            error=e.message,
            exit_code=int(e.exit_code),
        )
    except Exception as e:
        log.debug("unexpected failure on %s", job.input, exc_info=True)
        return JobResult(
            input=job.input,
            output=job.output,
            status=JobStatus.FAILED,
            signer=key.id,
            error=f"{type(e).__name__}: {e}",
            exit_code=int(ExitCode.ERROR),
        )
    return JobResult(
        input=job.input,
        output=job.output,
        status=JobStatus.SIGNED,
        signer=key.id,
        signed_at=result.signed_at,
        sha256_before=result.sha256_before,
        sha256=result.sha256_after,
        field=result.field,
        verification_code=result.verification_code,
        qr_statement=result.qr_statement,
    )


_WORKER_JOBS: list[SignJob] = []


def _worker_sign(job: SignJob | int, signer: str, at: datetime, overwrite: bool) -> JobResult:
    # Forked workers get an index into the jobs they inherited: options may hold objects
    # (certificates, TSA settings) that do not pickle.
    task = _WORKER_JOBS[job] if isinstance(job, int) else job
    return sign_one(task, _WORKER_KEYS[signer], at, overwrite=overwrite)


def run(
    jobs: list[SignJob],
    keys_by_id: dict[str, SigningKey],
    sealed: list[KeyUnlock],
    *,
    default_signer: str,
    at: datetime,
    overwrite: bool = False,
    workers: int = 1,
    skip: Callable[[SignJob], bool] | None = None,
) -> Iterator[JobResult]:
    """Sign every job; yield results as they finish (in order when ``workers == 1``)."""
    pending: list[SignJob] = []
    for job in jobs:
        if skip is not None and skip(job):
            yield JobResult(
                input=job.input,
                output=job.output,
                status=JobStatus.SKIPPED,
                signer=job.signer or default_signer,
            )
        else:
            pending.append(job)
    if workers <= 1 or len(pending) < 2:
        for job in pending:
            yield sign_one(job, keys_by_id[job.signer or default_signer], at, overwrite=overwrite)
        return
    yield from _run_parallel(
        pending,
        keys_by_id,
        sealed,
        default_signer=default_signer,
        at=at,
        overwrite=overwrite,
        workers=workers,
    )


def _run_parallel(
    jobs: list[SignJob],
    keys_by_id: dict[str, SigningKey],
    sealed: list[KeyUnlock],
    *,
    default_signer: str,
    at: datetime,
    overwrite: bool,
    workers: int,
) -> Iterator[JobResult]:
    import multiprocessing

    from esign.sign import warm_up

    fork = os.name == "posix"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        # Forked workers start with pyHanko imported and the keys unlocked: no second
        # decryption, and the passphrase never crosses a process boundary.
        warm_up()
        _WORKER_KEYS.update(keys_by_id)
        _WORKER_JOBS[:] = jobs
        sealed = []

    def task(n: int) -> SignJob | int:
        return n if fork else jobs[n]

    window = workers * 4
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(sealed,)
    ) as pool:
        queue = iter(range(len(jobs)))
        running: set[Future[JobResult]] = set()

        def submit(n: int) -> None:
            signer = jobs[n].signer or default_signer
            running.add(pool.submit(_worker_sign, task(n), signer, at, overwrite))

        try:
            for n in queue:
                submit(n)
                if len(running) >= window:
                    break
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
                    nxt = next(queue, None)
                    if nxt is not None:
                        submit(nxt)
        except BaseException:
            for future in running:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def summarize(results: list[JobResult], *, interrupted: bool = False) -> BatchSummary:
    """Counts for the closing line."""
    return BatchSummary(
        total=len(results),
        signed=sum(r.status is JobStatus.SIGNED for r in results),
        skipped=sum(r.status is JobStatus.SKIPPED for r in results),
        failed=sum(r.status is JobStatus.FAILED for r in results),
        interrupted=interrupted,
    )
