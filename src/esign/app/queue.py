"""Batches on a PostgreSQL-backed queue (issue 12, docs/scale.md): submit, work, watch, retry.

``esign sign DIR --out-dir OUT --queue`` records the batch in the store (its letters, the
signer's consent, once) and defers one Procrastinate job per chunk of letters. Any machine that
sees the store and the shared folders runs ``esign worker``. A letter is signed into a staged
file beside its output; its state and audit entry commit in ONE transaction that changes the
letter's row only while it is still pending; only then is the staged file renamed into place.
A job that runs twice (a worker killed, a stall retry, a lost connection) finds the row settled
and does nothing more than finish a rename the first run could not.

A worker SIGKILLed mid-chunk stops sending heartbeats; another worker's sweeper gives its jobs
back to the queue after :data:`STALL_SECONDS`. A worker whose database went away waits and
reconnects (:func:`run_worker`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esign import batch
from esign.app import admin, roles
from esign.app.signing import Clock, Consent, Intent, Passphrase, Warn, options_for
from esign.batch import JobResult, JobStatus, SignJob
from esign.errors import EsignError, QueueError, StoreError
from esign.keys import Secret, SigningKey
from esign.models import Acting, SigningRole
from esign.pdf import check_folder, sha256_file
from esign.sign import SignOptions
from esign.statement import register_entry
from esign.store import Store, open_store
from esign.store.batches import BatchItem, BatchRecord, ItemState

if TYPE_CHECKING:
    import procrastinate

log = logging.getLogger(__name__)

QUEUE_PREFIX = "esign-sign:"
"""Signing jobs go to one Procrastinate queue per signer (:func:`queue_for`): a worker
listens to the queues of the keys it unlocked."""
TASK_NAME = "esign.sign_chunk"
"""The task every job runs: sign these letters of this batch."""
CHUNK = 32
"""Letters per job by default (``--chunk``)."""
STALL_SECONDS = 30.0
"""A worker silent for this long is taken for dead and its jobs run again (``--stall-timeout``)."""
STORE_RETRIES = 10
"""How often a job that lost the store is tried again (2 s apart) before it fails."""


# --- the Procrastinate app ----------------------------------------------------------------


def _sign_chunk(batch: str, items: list[int]) -> None:
    """The task body: sign ``items`` of ``batch`` with this process's :class:`Worker`."""
    worker = _CURRENT[0]
    if worker is None:  # a job picked up by something other than `esign worker`
        raise QueueError("queue.not_a_worker")
    try:
        worker.run_chunk(batch, items)
    except EsignError as e:  # the job fails (a StoreError is tried again): said where it ran
        worker.on_error(e)
        raise


_CURRENT: list[Worker | None] = [None]


def make_app(url: str) -> procrastinate.App:
    """A Procrastinate app on the store's database, with the signing task registered."""
    import procrastinate

    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(
            conninfo=url, min_size=1, max_size=4, kwargs={"connect_timeout": 10}
        )
    )
    retry = procrastinate.RetryStrategy(
        max_attempts=STORE_RETRIES, wait=2, retry_exceptions={StoreError}
    )
    app.task(name=TASK_NAME, queue=QUEUE_PREFIX, retry=retry)(_sign_chunk)
    return app


def queue_for(signer: str) -> str:
    """The queue of ``signer``'s letters."""
    return QUEUE_PREFIX + signer


def require_queue(store: Store) -> str:
    """The store's URL when it can carry a queue (PostgreSQL); QueueError otherwise."""
    from esign.store.postgres import PostgresStore

    if not isinstance(store, PostgresStore):
        raise QueueError(
            "queue.needs_postgres", hint_key="queue.needs_postgres.hint", store=store.location
        )
    return store.url


def ensure_queue_schema(store: Store) -> None:
    """Procrastinate's tables in the store's database (made once, by the first submit)."""
    from esign.store.postgres import PostgresStore

    assert isinstance(store, PostgresStore)
    if store.has_queue_schema():
        return
    app = make_app(store.url)
    try:
        with app.open(), store.transaction():
            store.lock_store()
            if not store.has_queue_schema():
                app.schema_manager.apply_schema()
    except EsignError:
        raise
    except Exception as e:
        raise QueueError("queue.schema", detail=_one_line(e)) from e


# --- submitting ---------------------------------------------------------------------------


RECIPE_FIELDS = ("reason", "location", "field")


def recipe_of(options: SignOptions) -> dict[str, Any]:
    """The options a queued batch carries to its workers; QueueError naming what a queued
    batch cannot carry (a stamp, a footer, certification, a level above B-B)."""
    unsupported = [
        name
        for name, value in (
            ("--stamp", options.stamp),
            ("--footer", options.footer),
            ("--certify", options.certify),
            ("--level", options.ltv),
        )
        if value is not None
    ]
    if unsupported:
        raise QueueError("queue.unsupported", options=", ".join(unsupported))
    recipe: dict[str, Any] = {name: getattr(options, name) for name in RECIPE_FIELDS}
    role = options.role
    if role is not None:
        recipe["role"] = {
            "on_behalf_of": role.on_behalf_of,
            "via": role.via,
            "acting": role.acting.value if role.acting else None,
        }
    return recipe


def options_of(recipe: dict[str, Any]) -> SignOptions:
    """The :class:`SignOptions` a worker signs with (the inverse of :func:`recipe_of`)."""
    role = recipe.get("role")
    return SignOptions(
        reason=recipe.get("reason"),
        location=recipe.get("location"),
        field=recipe.get("field"),
        role=(
            SigningRole(
                on_behalf_of=role.get("on_behalf_of"),
                via=role.get("via"),
                acting=Acting(role["acting"]) if role.get("acting") else None,
            )
            if role
            else None
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Submitted:
    """What ``sign --queue`` did."""

    batch_id: str | None
    """The new batch (None: nothing was left to submit)."""
    letters: int
    """Letters in the new batch."""
    jobs: int
    """Jobs deferred for them."""
    already_signed: list[BatchItem] = field(default_factory=list)
    """Letters an earlier batch already signed (their output is there): left out."""
    already_queued: list[BatchItem] = field(default_factory=list)
    """Letters still pending in an earlier batch: left out."""


def _absolute(job: SignJob) -> SignJob:
    return replace(job, input=job.input.absolute(), output=job.output.absolute())


def submit_batch(
    store: Store,
    jobs: Sequence[SignJob],
    *,
    signer: str | None,
    consent: Consent,
    passphrase: Passphrase,
    clock: Clock,
    chunk: int = CHUNK,
    overwrite: bool = False,
    warn: Warn = lambda _m: None,
) -> Submitted:
    """Record the batch (consent once, an audit entry ``batch.submit``) and defer its jobs,
    all in one transaction.

    The signer agrees and unlocks the key here, once: that is the consent the workers act
    on (the key is dropped again; each worker unlocks its own copy). Letters an earlier
    batch signed (their output exists) or still holds are left out and reported; when none
    is left, nothing is submitted and nothing is asked.
    """
    url = require_queue(store)
    if any(j.signer is not None for j in jobs):
        raise QueueError("queue.one_signer")
    recipe = recipe_of(jobs[0].options)
    signer_id = admin.choose_signer(store, signer)
    admin.check_can_sign(store, signer_id, clock())  # before any question
    if not roles.check_delegation(store, signer_id, jobs[0].options.role, clock()):
        warn(_t("role.unchecked"))
    wanted = [_absolute(j) for j in jobs]
    earlier = store.items_for_outputs([str(j.output) for j in wanted])
    signed = [i for i in earlier if i.state is ItemState.SIGNED and Path(i.output).is_file()]
    queued = [i for i in earlier if i.state is ItemState.PENDING]
    taken = {i.output for i in signed} | {i.output for i in queued}
    rest = [j for j in wanted if str(j.output) not in taken]
    if not rest:
        return Submitted(
            batch_id=None, letters=0, jobs=0, already_signed=signed, already_queued=queued
        )
    for folder in dict.fromkeys(j.output.parent for j in rest):
        check_folder(folder, create=True)
    ensure_queue_schema(store)
    given = consent([Intent(j.input, signer_id, j.options, j.output) for j in rest])
    admin.with_passphrase(  # proof that the signer holds the key, before any job exists
        passphrase, signer_id, lambda secret: admin.unlock(store, signer_id, secret, clock())
    )
    at = clock()
    batch_id = f"{at:%Y%m%d}-{secrets.token_hex(4)}"
    record = BatchRecord(
        id=batch_id,
        created_at=at,
        signer=signer_id,
        consent=given,
        recipe=recipe,
        overwrite=overwrite,
        total=len(rest),
        chunk=chunk,
    )
    for folder in dict.fromkeys(j.output.parent for j in rest):
        folder.mkdir(parents=True, exist_ok=True)
    with store.transaction():
        store.add_batch(record, [(str(j.input), str(j.output)) for j in rest])
        store.audit(
            "batch.submit",
            at=at,
            identity=signer_id,
            subject=batch_id,
            detail={
                "letters": len(rest),
                "chunk": chunk,
                "consent": given,
                "key_unlocked": True,
                **recipe,
            },
        )
        deferred = defer_items(store, url, record, list(range(len(rest))))
    return Submitted(
        batch_id=batch_id,
        letters=len(rest),
        jobs=deferred,
        already_signed=signed,
        already_queued=queued,
    )


def defer_items(store: Store, url: str, record: BatchRecord, numbers: list[int]) -> int:
    """One job per chunk of letters, on the store's connection: inside the caller's
    transaction, so that the jobs exist exactly when the batch's rows do. How many jobs."""
    from esign.store.postgres import PostgresStore

    assert isinstance(store, PostgresStore)
    if not numbers:
        return 0
    chunk = record.chunk
    args: list[dict[str, Any]] = [
        {"batch": record.id, "items": numbers[i : i + chunk]} for i in range(0, len(numbers), chunk)
    ]
    app = make_app(url)
    deferrer = app.tasks[TASK_NAME].configure(
        queue=queue_for(record.signer), connection=store.raw_connection()
    )
    try:
        deferrer.batch_defer(*args)
    except Exception as e:
        raise QueueError(
            "queue.defer_failed", hint_key="queue.retry.hint", batch=record.id, detail=_one_line(e)
        ) from e
    return len(args)


# --- watching and retrying ----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchStatus:
    """A batch's progress."""

    record: BatchRecord
    total: int
    pending: int
    signed: int
    failed: int
    jobs_live: int
    """Jobs waiting or running."""
    jobs_failed: int
    """Jobs that gave up (their letters stay pending until ``batch retry``)."""
    failures: list[BatchItem] = field(default_factory=list)
    """The failed letters, with their one-line reasons."""

    @property
    def finished(self) -> bool:
        """Nothing pending, or nothing left that could still sign what is."""
        return self.pending == 0 or self.jobs_live == 0


def batch_status(store: Store, batch_id: str) -> BatchStatus:
    """Counts of letters and jobs; QueueError for an unknown id."""
    require_queue(store)
    record = store.batch(batch_id)
    if record is None:
        raise QueueError("queue.unknown", hint_key="queue.unknown.hint", batch=batch_id)
    counts = store.batch_counts(batch_id)
    jobs = _job_counts(store, batch_id)
    failures = (
        [i for i in store.batch_items(batch_id) if i.state is ItemState.FAILED]
        if counts.failed
        else []
    )
    return BatchStatus(
        record=record,
        total=counts.total,
        pending=counts.pending,
        signed=counts.signed,
        failed=counts.failed,
        jobs_live=jobs.get("todo", 0) + jobs.get("doing", 0),
        jobs_failed=jobs.get("failed", 0),
        failures=failures,
    )


def _job_counts(store: Store, batch_id: str) -> dict[str, int]:
    from esign.store.postgres import PostgresStore

    assert isinstance(store, PostgresStore)
    if not store.has_queue_schema():
        return {}
    return store.queue_job_counts(TASK_NAME, batch_id)


def wait_for_batch(
    open_: Callable[[], Store],
    batch_id: str,
    *,
    on_status: Callable[[BatchStatus], None],
    on_waiting: Callable[[StoreError], None],
    poll: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> BatchStatus:
    """Poll until the batch is finished; a store that went away is waited for (``on_waiting``
    once per outage) and reconnected."""
    outage = False
    while True:
        try:
            with open_() as store:
                status = batch_status(store, batch_id)
        except StoreError as e:
            if not outage:
                on_waiting(e)
                outage = True
            sleep(poll)
            continue
        outage = False
        on_status(status)
        if status.finished:
            return status
        sleep(poll)


def retry_batch(store: Store, batch_id: str, *, clock: Clock) -> int:
    """Failed letters and pending ones no live job holds go back to the queue; how many."""
    url = require_queue(store)
    status = batch_status(store, batch_id)
    held: set[int] = set()
    from esign.store.postgres import PostgresStore

    assert isinstance(store, PostgresStore)
    if store.has_queue_schema():
        held = store.queue_live_items(TASK_NAME, batch_id)
    ensure_queue_schema(store)
    with store.transaction():
        reopened = store.reopen_failed(batch_id)
        pending = [
            i.n
            for i in store.batch_items(batch_id)
            if i.state is ItemState.PENDING and i.n not in held
        ]
        if pending:
            store.audit(
                "batch.retry",
                at=clock(),
                identity=status.record.signer,
                subject=batch_id,
                detail={"letters": len(pending), "failed_before": len(reopened)},
            )
        defer_items(store, url, status.record, pending)
    return len(pending)


# --- working ------------------------------------------------------------------------------


def unlock_worker_keys(
    store: Store, signers: Sequence[str], passphrase: Passphrase, clock: Clock
) -> dict[str, SigningKey]:
    """The keys a worker signs with, unlocked once when it starts (a wrong passphrase ends
    the worker before it takes any job)."""
    keys: dict[str, SigningKey] = {}
    for signer in dict.fromkeys(signers):
        admin.check_can_sign(store, signer, clock())
        keys[signer] = admin.with_passphrase(passphrase, signer, _unlocker(store, signer, clock))
    return keys


def _unlocker(store: Store, signer: str, clock: Clock) -> Callable[[Secret], SigningKey]:
    return lambda secret: admin.unlock(store, signer, secret, clock())


@dataclass
class Worker:
    """One worker process: its store URL, its unlocked keys, its name in the log."""

    url: str
    keys: dict[str, SigningKey]
    """Unlocked keys by signer id: the worker takes jobs from their queues only."""
    clock: Clock
    stall: float = STALL_SECONDS
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    on_letter: Callable[[BatchItem, JobResult | None], None] = lambda _i, _r: None
    """Called after each letter this worker settled (the result is None when it only
    finished the rename of an earlier run, or failed the letter without signing)."""
    on_error: Callable[[EsignError], None] = lambda _e: None
    """Called when a job fails or will be tried again (refused, the store went away)."""

    @property
    def queues(self) -> list[str]:
        return [queue_for(signer) for signer in self.keys]

    def run_chunk(self, batch_id: str, numbers: list[int]) -> None:
        """Sign the still-pending letters of one job; refuse a batch without recorded consent."""
        with open_store(self.url) as store:
            record = store.batch(batch_id)
            if record is None or not record.consent:
                log.warning("job for batch %s refused: no recorded consent", batch_id)
                raise QueueError("queue.no_consent", batch=batch_id)
            key = self.keys.get(record.signer)
            if key is None:  # a job moved to a queue of another signer by hand
                raise QueueError("queue.no_key", batch=batch_id, id=record.signer)
            items = store.batch_items(batch_id, numbers)
            options = options_for(key, options_of(record.recipe))
            for item in items:
                self._run_item(store, record, item, key, options)

    def _run_item(
        self,
        store: Store,
        record: BatchRecord,
        item: BatchItem,
        key: SigningKey,
        options: SignOptions,
    ) -> None:
        output = Path(item.output)
        if item.state is ItemState.SIGNED:
            _finish_rename(item, output)  # a run killed between its commit and its rename
            self.on_letter(item, None)
            return
        if item.state is ItemState.FAILED:
            return
        self._remove_old_temps(output)
        revoked_at = store.get(record.signer).revoked_at
        if revoked_at is not None:
            self._fail(store, record, item, _t("queue.revoked", id=record.signer))
            return
        job = SignJob(input=Path(item.input), output=output, signer=record.signer, options=options)
        result = batch.sign_one(job, key, self.clock(), overwrite=record.overwrite, staged=True)
        state = ItemState.SIGNED if result.status is JobStatus.SIGNED else ItemState.FAILED
        try:
            with store.transaction():
                won = store.settle(
                    record.id,
                    item.n,
                    state,
                    at=result.signed_at or self.clock(),
                    worker=self.name,
                    sha256=result.sha256,
                    staged=str(result.staged) if result.staged else None,
                    error=result.error,
                )
                if won:
                    _audit(store, record, result)
        except BaseException:
            # the commit may or may not have reached the server: the staged file stays for a
            # re-run to rename (committed) or to clean up after the stall time (not committed)
            raise
        if not won:  # another run of this job settled the letter first
            batch.discard(result)
            return
        if result.staged is not None:
            os.replace(result.staged, output)
        self.on_letter(replace(item, state=state, error=result.error), result)

    def _fail(self, store: Store, record: BatchRecord, item: BatchItem, reason: str) -> None:
        at = self.clock()
        with store.transaction():
            settled = store.settle(
                record.id, item.n, ItemState.FAILED, at=at, worker=self.name, error=reason
            )
            if settled:
                result = JobResult(
                    input=Path(item.input),
                    output=Path(item.output),
                    status=JobStatus.FAILED,
                    signer=record.signer,
                    error=reason,
                )
                _audit(store, record, result, at=at)
        self.on_letter(replace(item, state=ItemState.FAILED, error=reason), None)

    def _remove_old_temps(self, output: Path) -> None:
        """Staged files of a run that died without committing, once older than the stall
        time (a younger one may belong to a run still going)."""
        limit = time.time() - self.stall
        for tmp in batch.stale_temps(output):
            try:
                if tmp.stat().st_mtime < limit:
                    tmp.unlink()
            except FileNotFoundError:
                pass


def _finish_rename(item: BatchItem, output: Path) -> None:
    if output.exists() or not item.staged:
        return
    staged = Path(item.staged)
    if staged.is_file() and sha256_file(staged) == item.sha256:
        os.replace(staged, output)


def _audit(
    store: Store, record: BatchRecord, result: JobResult, *, at: datetime | None = None
) -> None:
    store.audit(
        "sign" if result.status is JobStatus.SIGNED else "sign.failed",
        at=result.signed_at or at or datetime.now().astimezone(),
        identity=result.signer,
        subject=str(result.input),
        detail={
            "input": str(result.input),
            "output": str(result.output),
            "field": result.field,
            "sha256_before": result.sha256_before,
            "sha256_after": result.sha256,
            "error": result.error,
            "verification_code": result.verification_code,
            "consent": record.consent,
            "batch": record.id,
        },
        issued=register_entry(result.qr_statement, result.signer),
    )


def run_worker(
    worker: Worker,
    *,
    concurrency: int = 1,
    once: bool = False,
    on_waiting: Callable[[str], None] = lambda _d: None,
    on_connected: Callable[[], None] = lambda: None,
) -> None:
    """Work the queue until stopped (SIGINT/SIGTERM); with ``once``, until it is empty.

    A lost database (PostgreSQL restarted) ends Procrastinate's worker: it is started again
    once the database answers, ``on_waiting`` said once per outage. Jobs of workers silent
    for :attr:`Worker.stall` seconds (killed) are given back to the queue by a sweeper.
    """
    _CURRENT[0] = worker
    outage = [False]

    def connected() -> None:
        outage[0] = False
        on_connected()

    while True:
        try:
            asyncio.run(_work(worker, concurrency=concurrency, once=once, on_connected=connected))
            return
        except KeyboardInterrupt:
            return
        except Exception as e:  # the database went away: wait for it and start again
            log.debug("worker stopped", exc_info=True)
            if not outage[0]:
                on_waiting(_one_line(e))
            outage[0] = True
            time.sleep(min(2.0, worker.stall / 4))


async def _work(
    worker: Worker, *, concurrency: int, once: bool, on_connected: Callable[[], None]
) -> None:
    app = make_app(worker.url)
    async with app.open_async():
        on_connected()
        sweeper = asyncio.create_task(_sweep(app, worker.stall, worker.queues))
        try:
            await app.run_worker_async(
                queues=worker.queues,
                concurrency=concurrency,
                wait=not once,
                name=worker.name,
                update_heartbeat_interval=max(0.5, worker.stall / 3),
                stalled_worker_timeout=worker.stall,
                delete_jobs="never",
                install_signal_handlers=True,
            )
        finally:
            sweeper.cancel()


async def _sweep(app: procrastinate.App, stall: float, queues: list[str]) -> None:
    """Give the jobs of workers silent for ``stall`` seconds back to the queue (the jobs of
    the queues this worker serves: it can sign them)."""
    while True:
        await asyncio.sleep(max(0.5, stall / 2))
        try:
            stalled = [
                job
                for job in await app.job_manager.get_stalled_jobs(
                    task_name=TASK_NAME, seconds_since_heartbeat=stall
                )
                if job.queue in queues
            ]
            for job in stalled:
                log.warning("job %s of a silent worker runs again", job.id)
                await app.job_manager.retry_job(job)
            await app.job_manager.prune_stalled_workers(seconds_since_heartbeat=stall)
        except Exception:  # the next round tries again; the worker itself notices an outage
            log.debug("stall sweep failed", exc_info=True)


def _t(key: str, **params: Any) -> str:
    from esign import i18n

    return i18n.t(key, **params)


def _one_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__
