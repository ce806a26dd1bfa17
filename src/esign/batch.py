"""Batch signing: many letters, one unlocked key, optional worker processes.

The key is unlocked once per process (one passphrase prompt for the whole batch). One
bad file never stops the batch: every job ends in a :class:`JobResult`, and the caller
gets them as they finish (for a progress bar, JSON lines and the audit log).

Faults (issue 18, docs/operations.md): a letter is signed into a hidden staged file beside its
output (``.NAME.XXXX.tmp``, the naming of :func:`esign.pdf.staged_output`); the caller commits
the audit entry and only then renames it into place (:func:`publish`), so no output exists
without its entry. Workers die with the parent (``PR_SET_PDEATHSIG`` on Linux, and a watch on
the parent's pid everywhere). A lost worker is an ordinary fault: the letters it had are run
again on a new pool, up to :data:`POOL_RESTARTS` times, then the batch stops
(:class:`WorkersLost`). Each letter reads its own signing time when it is signed.
"""

from __future__ import annotations

import csv
import glob
import logging
import os
import secrets
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from esign import keys
from esign.errors import CertificateError, EsignError, ExitCode, PdfInputError, SigningError
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
    staged: Path | None = None
    """Where the signed bytes wait until the audit entry is committed (:func:`publish`)."""
    repaired: tuple[str, ...] = ()
    """What ``--repair`` changed before the signature (:attr:`SignResult.repaired`)."""


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


class BatchStopped(EsignError):
    """A fault that stops the whole batch (not one letter): the letters finished so far are
    signed and logged, the rest are left for ``--resume``."""


class SignerRevoked(BatchStopped, CertificateError):
    """The signer's certificate was revoked while the batch ran (exit 11)."""

    default_key = "batch.signer_revoked"

    def __init__(self, *, id: str, revoked_at: datetime) -> None:
        self.signer = id
        self.revoked_at = revoked_at
        super().__init__(id=id, when=revoked_at.isoformat(timespec="seconds"))


class WorkersLost(BatchStopped, SigningError):
    """Worker processes kept dying: more than :data:`POOL_RESTARTS` lost pools (exit 12)."""

    default_key = "batch.workers_lost"


POOL_RESTARTS = 3
"""How many times a batch replaces a pool that lost a worker before it stops."""

NETWORK_IN_FLIGHT = 24
"""Letters one worker process has in hand at once when each letter waits on the network (a
TSA's answer from B-T up, OCSP/CRL answers for B-LT): threads of the worker sign them, so
that while one letter waits for its token the others use the processor. A TSA 100 ms away
then costs a batch throughput, not 100 ms per letter. Letters that need no network are
signed one at a time per process (threads would only contend for the interpreter)."""

Gate = Callable[[str], None]
"""Called with the signer's id before each letter; raises :class:`BatchStopped` to stop."""


def _now() -> datetime:
    return datetime.now(UTC)


def staged_path(target: Path) -> Path:
    """A hidden name beside ``target`` for the signed bytes until they are published."""
    folder = target.parent if str(target.parent) else Path(".")
    return folder / f".{target.name}.{secrets.token_hex(6)}.tmp"


def stale_temps(target: Path) -> list[Path]:
    """Temporary files of our own naming for ``target`` left by a killed process: staged
    outputs ``.NAME.XXXX.tmp`` and the half-written files of either (``..NAME.XXXX.tmp.*``)."""
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        folder / n
        for n in names
        if n.endswith(".tmp") and (n.startswith(prefix) or n.startswith(f".{prefix}"))
    ]


def remove_temps(targets: list[Path]) -> int:
    """Remove :func:`stale_temps` of every target; how many were removed."""
    removed = 0
    for target in targets:
        for tmp in stale_temps(target):
            try:
                tmp.unlink()
                removed += 1
            except FileNotFoundError:
                pass
    return removed


def publish(result: JobResult, *, overwrite: bool) -> JobResult:
    """Rename a result's staged file onto its output (after its audit entry is committed)."""
    if result.staged is None:
        return result
    try:
        if not overwrite and result.output.exists():
            from esign.errors import OutputError

            raise OutputError("out.exists", hint_key="out.exists.hint", file=result.output)
        os.replace(result.staged, result.output)
    except OSError:
        result.staged.unlink(missing_ok=True)
        raise
    return replace(result, staged=None)


def discard(result: JobResult) -> None:
    """Remove a result's staged file (it will not be published)."""
    if result.staged is not None:
        result.staged.unlink(missing_ok=True)


def expand_inputs(items: list[str], *, recursive: bool, skip_signed: bool = False) -> list[Path]:
    """FILE, DIR and GLOB arguments → PDF paths, in order, without duplicates.

    A directory yields its ``*.pdf`` files (``**/*.pdf`` with ``recursive``); with
    ``skip_signed`` (signing) it leaves out outputs of earlier runs (``*.signed.pdf``).
    An existing file is always taken literally, even with ``[``, ``*`` or ``?`` in its name.
    A plain name that does not exist is kept, so that its job fails with "does not exist"
    instead of vanishing; a pattern that matches nothing is a :class:`PdfInputError`.
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
        elif glob.has_magic(item) and not path.exists():
            matches = sorted(Path(p) for p in glob.glob(item, recursive=recursive))
            if not matches:
                raise PdfInputError("batch.no_match", pattern=item)
            found.extend(matches)
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
_WORKER_CLOCK: list[Callable[[], datetime]] = [_now]
PR_SET_PDEATHSIG = 1
PARENT_WATCH_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Make this worker process end when ``parent`` does (a kill -9 of the batch included).

    Linux: the kernel sends SIGKILL at the parent's death (``prctl(PR_SET_PDEATHSIG)``).
    Everywhere: a daemon thread watches the parent's pid (an orphan is re-parented) and
    exits within :data:`PARENT_WATCH_SECONDS`.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watch below still holds
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable", exc_info=True)
    if os.getppid() != parent:  # the parent died before the death signal was armed
        _kill_self()

    def watch() -> None:
        while True:
            time.sleep(PARENT_WATCH_SECONDS)
            if os.getppid() != parent:
                _kill_self()

    threading.Thread(target=watch, name="esign-parent-watch", daemon=True).start()


def _kill_self() -> None:
    """What the kernel's death signal does, for systems without it: this worker process
    (never the caller's) ends at once, as by SIGKILL (TerminateProcess on Windows)."""
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _worker_init(sealed: list[KeyUnlock], parent: int) -> None:
    die_with_parent(parent)
    # The parent handles Ctrl-C: a worker finishes (or cleans up) the letter in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for s in sealed:
        if s.id not in _WORKER_KEYS:  # forked workers inherit the parent's unlocked keys
            _WORKER_KEYS[s.id] = unlock_in_worker(s)


def sign_one(
    job: SignJob, key: SigningKey, at: datetime, *, overwrite: bool, staged: bool = False
) -> JobResult:
    """Sign one job, turning every EsignError into a failed result.

    With ``staged`` the signed bytes go to a hidden file beside the output
    (:attr:`JobResult.staged`), for the caller to :func:`publish` after its audit entry.
    """
    target = staged_path(job.output) if staged else job.output
    try:
        if staged and not overwrite and job.output.exists():
            from esign.errors import OutputError

            raise OutputError("out.exists", hint_key="out.exists.hint", file=job.output)
        result = sign_pdf(
            job.input, target, key, at=at, options=job.options, overwrite=overwrite or staged
        )
    except EsignError as e:
        return JobResult(
            input=job.input,
            output=job.output,
            status=JobStatus.FAILED,
            signer=key.id,
            error=e.message.replace(str(target), str(job.output)),
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
        staged=target if staged else None,
        repaired=result.repaired,
    )


_WORKER_JOBS: list[SignJob] = []


def _worker_sign(job: SignJob | int, signer: str, overwrite: bool) -> JobResult:
    # Forked workers get an index into the jobs they inherited: options may hold objects
    # (certificates, TSA settings) that do not pickle.
    task = _WORKER_JOBS[job] if isinstance(job, int) else job
    at = _WORKER_CLOCK[0]()  # this letter's own signing time
    return sign_one(task, _WORKER_KEYS[signer], at, overwrite=overwrite, staged=True)


def _worker_sign_many(
    chunk: list[tuple[SignJob | int, str]], overwrite: bool, threads: int
) -> list[JobResult]:
    """Sign a chunk of letters in this worker, ``threads`` at a time; results in chunk order."""
    if threads <= 1 or len(chunk) == 1:
        return [_worker_sign(job, signer, overwrite) for job, signer in chunk]
    if not _WORKER_THREADS:  # one pool per process: its threads keep their TSA connections
        _WORKER_THREADS.append(ThreadPoolExecutor(threads, thread_name_prefix="esign-letter"))
    pool = _WORKER_THREADS[0]
    from esign.sign import prime_for_threads

    for signer in {signer for _job, signer in chunk} - _PRIMED:
        prime_for_threads(_WORKER_KEYS[signer])
        _PRIMED.add(signer)
    return list(pool.map(lambda item: _worker_sign(item[0], item[1], overwrite), chunk))


_WORKER_THREADS: list[ThreadPoolExecutor] = []
"""The threads of this worker process that sign letters waiting on the network."""
_PRIMED: set[str] = set()
"""Signers whose shared certificate objects this process has parsed whole (threads)."""


def _network_chunk(letters: int, workers: int, threads: int) -> int:
    """Letters per submission when each waits on the network: a worker signs its chunk
    ``threads`` at a time and its threads idle while the chunk's last answers arrive, so a
    chunk is as large as keeps that wait rare (up to ``8 * threads``) yet small enough that
    every worker gets about three (the last chunks end together). A small batch is split
    evenly: every worker has its share in flight at once."""
    if letters <= 2 * workers * threads:
        return -(-letters // workers)
    share = -(-letters // (workers * 3))
    return max(threads, min(8 * threads, share))


def waits_on_network(job: SignJob) -> bool:
    """Whether signing ``job`` waits for an answer from the network (B-T and up)."""
    from esign.models import Level

    ltv = job.options.ltv
    return ltv is not None and ltv.needs(Level.B_T)


def run(
    jobs: list[SignJob],
    keys_by_id: dict[str, SigningKey],
    sealed: list[KeyUnlock],
    *,
    default_signer: str,
    clock: Callable[[], datetime] = _now,
    overwrite: bool = False,
    workers: int = 1,
    skip: Callable[[SignJob], bool] | None = None,
    gate: Gate | None = None,
) -> Generator[JobResult, None, None]:
    """Sign every job; yield results as they finish (in order when ``workers == 1``).

    Every signed result is *staged*: the caller commits its audit entry, then calls
    :func:`publish` (or :func:`discard`). ``clock`` gives each letter its own signing time;
    ``gate`` runs before each letter (the signer's status) and may stop the batch.
    """
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
    threads = NETWORK_IN_FLIGHT if any(waits_on_network(j) for j in pending) else 1
    if (workers <= 1 and threads <= 1) or len(pending) < 2:
        for job in pending:
            signer = job.signer or default_signer
            if gate is not None:
                gate(signer)
            yield sign_one(job, keys_by_id[signer], clock(), overwrite=overwrite, staged=True)
        return
    yield from _run_parallel(
        pending,
        keys_by_id,
        sealed,
        default_signer=default_signer,
        clock=clock,
        overwrite=overwrite,
        workers=max(workers, 1),
        gate=gate,
        threads=threads,
    )


def _run_parallel(
    jobs: list[SignJob],
    keys_by_id: dict[str, SigningKey],
    sealed: list[KeyUnlock],
    *,
    default_signer: str,
    clock: Callable[[], datetime],
    overwrite: bool,
    workers: int,
    gate: Gate | None,
    threads: int = 1,
) -> Iterator[JobResult]:
    """Sign ``jobs`` on ``workers`` processes. Each submission is a chunk: one letter, or
    with ``threads`` > 1 (letters waiting on a TSA) ``2 * threads`` letters that the worker
    signs ``threads`` at a time. With one worker the results come in order."""
    import multiprocessing

    from esign.sign import warm_up

    fork = os.name == "posix"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        # Forked workers start with pyHanko imported and the keys unlocked: no second
        # decryption, and the passphrase never crosses a process boundary.
        warm_up()
        if threads > 1:  # letters wait on the network: its modules loaded once, here
            from esign import timestamp

            timestamp.warm_up()
        _WORKER_KEYS.update(keys_by_id)
        _WORKER_JOBS[:] = jobs
        _WORKER_CLOCK[0] = clock
        sealed = []

    def task(n: int) -> SignJob | int:
        return n if fork else jobs[n]

    window = workers * 4 if threads <= 1 else workers * 2
    chunk_size = 1 if threads <= 1 else _network_chunk(len(jobs), workers, threads)
    queue: list[int] = list(range(len(jobs)))  # job numbers not yet submitted, in order
    queue.reverse()
    restarts = 0
    while True:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_worker_init,
            initargs=(sealed, os.getpid()),
        )
        running: dict[Future[list[JobResult]], list[int]] = {}
        lost: list[int] = []
        try:

            def submit(
                pool: ProcessPoolExecutor = pool,
                running: dict[Future[list[JobResult]], list[int]] = running,
            ) -> bool:
                """Hand the next letters to the pool; False when the pool broke meanwhile (a
                worker died between two results): the letters go back to the queue."""
                numbers = [queue.pop() for _ in range(min(chunk_size, len(queue)))]
                chunk = []
                for n in numbers:
                    signer = jobs[n].signer or default_signer
                    if gate is not None:
                        try:
                            gate(signer)
                        except BaseException:
                            queue.extend(reversed(numbers))
                            raise
                    chunk.append((task(n), signer))
                try:
                    running[pool.submit(_worker_sign_many, chunk, overwrite, threads)] = numbers
                except BrokenProcessPool:
                    queue.extend(reversed(numbers))
                    return False
                return True

            broken = False
            while queue and len(running) < window and not broken:
                broken = not submit()
            while running and not broken:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    numbers = running.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        lost.extend(numbers)
                        broken = True
                        continue
                    for i, result in enumerate(results):
                        try:
                            yield result
                        except BaseException:
                            for rest in results[i + 1 :]:
                                discard(rest)
                            raise
                    if queue and not broken:
                        broken = not submit()
        except BaseException:
            # Ctrl-C, a stopped batch or the caller closing us: letters not started are
            # cancelled, those in hand finish, and what they wrote is removed (never
            # published: its audit entry was not written).
            _close(pool, running)
            raise
        if not lost and not broken:
            pool.shutdown(wait=True)
            return
        # A worker died (killed, out of memory): the pool is broken and every letter it
        # had in hand is lost. Finished results are kept; the lost letters run again.
        pool.shutdown(wait=True, cancel_futures=True)
        finished: list[JobResult] = []
        for future, numbers in running.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                finished.extend(future.result())
            else:
                lost.extend(numbers)
        remove_temps([jobs[n].output for n in lost])
        for i, result in enumerate(finished):
            try:
                yield result
            except BaseException:
                for rest in finished[i + 1 :]:
                    discard(rest)
                raise
        restarts += 1
        log.warning("a worker process was lost; %d letter(s) run again", len(lost))
        if restarts > POOL_RESTARTS:
            raise WorkersLost(restarts=POOL_RESTARTS, left=len(lost) + len(queue))
        queue.extend(sorted(lost, reverse=True))


def _close(pool: ProcessPoolExecutor, running: dict[Future[list[JobResult]], list[int]]) -> None:
    for future in running:
        future.cancel()
    pool.shutdown(wait=True, cancel_futures=True)
    for future in running:
        if future.done() and not future.cancelled() and future.exception() is None:
            for result in future.result():
                discard(result)


def summarize(results: list[JobResult], *, interrupted: bool = False) -> BatchSummary:
    """Counts for the closing line."""
    return BatchSummary(
        total=len(results),
        signed=sum(r.status is JobStatus.SIGNED for r in results),
        skipped=sum(r.status is JobStatus.SKIPPED for r in results),
        failed=sum(r.status is JobStatus.FAILED for r in results),
        interrupted=interrupted,
    )
