"""``esign sign`` (one letter or a batch) and ``esign verify``."""

from __future__ import annotations

import contextlib
import glob
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from esign import batch, i18n
from esign.app import signing
from esign.app.verifying import ReportKind
from esign.cli.common import (
    HELP_PARAMS,
    Env,
    KeyPassphrase,
    LocalizedCommand,
    echo,
    json_option,
    option,
    pin_file_option,
    resolve_secret,
    token_pin,
)
from esign.cli.common import passphrase_file_option as _passphrase_file_option
from esign.cli.completion import cert_ids
from esign.cli.consent import asker
from esign.cli.gateway import backend_option
from esign.cli.levels import level_options, with_level
from esign.cli.stamping import visual_options, with_visual
from esign.cli.streams import closed_stdout_ok
from esign.errors import OutputError, PassphraseError, StoreError
from esign.keys import Secret
from esign.models import (
    VERDICT_EXIT,
    Acting,
    RevocationPolicy,
    SigningRole,
    SignResult,
    Verdict,
    VerificationReport,
    worst_verdict,
)
from esign.pdf import check_input, resolve_output
from esign.sanitize import clean
from esign.sign import PreflightMode, SignOptions
from esign.store import Store

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from esign.render.pdf import Seal


HELP_PARAMS["flow.help.manifest"] = lambda: {
    "columns": ", ".join(f"`{c}`" for c in batch.MANIFEST_COLUMNS)
}


def signing_role(
    on_behalf_of: str | None, via: str | None, acting: str | None
) -> SigningRole | None:
    """``--on-behalf-of``/``--via``/``--acting`` as a role (None when signing as oneself)."""
    on_behalf_of, via = (on_behalf_of or "").strip() or None, (via or "").strip() or None
    if via and not on_behalf_of:
        raise click.UsageError(i18n.t("sign.via_needs_on_behalf"))
    if not (on_behalf_of or via or acting):
        return None
    return SigningRole(
        on_behalf_of=on_behalf_of, via=via, acting=Acting(acting) if acting else None
    )


def _is_batch(files: tuple[str, ...], manifest: Path | None, out_dir: Path | None) -> bool:
    if manifest is not None or out_dir is not None or len(files) != 1:
        return True
    name = Path(files[0])  # an existing file is taken literally, even 'a[1].pdf'
    return name.is_dir() or (glob.has_magic(files[0]) and not name.exists())


@click.command("sign", cls=LocalizedCommand, help="help.sign")
@click.argument("files", nargs=-1)
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.out")
@option("--out-dir", type=click.Path(file_okay=False, path_type=Path), help="help.opt.out_dir")
@option("--manifest", type=click.Path(dir_okay=False, path_type=Path), help="flow.help.manifest")
@option("-r", "--recursive", is_flag=True, help="help.opt.recursive")
@option("-j", "--jobs", type=click.IntRange(1, 64), default=1, help="flow.help.jobs")
@option("--resume", is_flag=True, help="help.opt.resume")
@option("--in-place", is_flag=True, help="help.opt.in_place")
@option("--force", is_flag=True, help="help.opt.force")
@option("--repair", is_flag=True, help="help.opt.repair")
@option("--signer", shell_complete=cert_ids, help="help.opt.signer")
@option("--reason", help="help.opt.reason")
@option("--location", help="help.opt.location")
@option("--field", help="help.opt.field")
@option("--on-behalf-of", metavar="TEXT", help="help.opt.on_behalf_of")
@option("--via", metavar="TEXT", help="help.opt.via")
@option("--acting", type=click.Choice(["plt", "plh"]), help="help.opt.acting")
@option("-y", "--yes", is_flag=True, help="help.opt.yes")
@option("--queue", "queued", is_flag=True, help="help.opt.queue")  # issue 12
@option("--chunk", type=click.IntRange(1, 1000), default=32, help="help.opt.chunk")
@visual_options
@level_options
@_passphrase_file_option()
@pin_file_option()
@json_option()
@click.pass_context
@backend_option
def sign(
    ctx: click.Context,
    /,
    files: tuple[str, ...],
    output: Path | None,
    out_dir: Path | None,
    manifest: Path | None,
    recursive: bool,
    jobs: int,
    resume: bool,
    in_place: bool,
    force: bool,
    repair: bool,
    signer: str | None,
    reason: str | None,
    location: str | None,
    field: str | None,
    on_behalf_of: str | None,
    via: str | None,
    acting: str | None,
    yes: bool,
    queued: bool,
    chunk: int,
    level: str,
    tsa_url: str | None,
    tsa_user: str | None,
    passphrase_file: Path | None,
    as_json: bool,
    **visual: Any,
) -> None:
    env: Env = ctx.obj
    if not files and manifest is None:
        raise click.UsageError(i18n.t("sign.no_input"))
    base = SignOptions(
        reason=env.settings.get("reason", reason),
        location=env.settings.get("location", location),
        field=field,
        role=signing_role(on_behalf_of, via, acting),
        preflight=PreflightMode.REPAIR if repair else PreflightMode.CHECK,
    )
    base = _with_looks(env, base, manifest, force, visual)
    base = with_level(env, base, level=level, tsa_url=tsa_url, tsa_user=tsa_user)
    if _is_batch(files, manifest, out_dir) or queued:
        if output is not None or in_place:
            raise OutputError("batch.no_single_output")
        from esign.cli.batch import sign_batch

        ctx.exit(
            sign_batch(
                env,
                files=list(files),
                manifest=manifest,
                out_dir=out_dir,
                recursive=recursive,
                workers=jobs,
                resume=resume,
                force=force,
                signer=env.settings.get("signer", signer),
                base=base,
                passphrase_file=passphrase_file,
                as_json=as_json,
                yes=yes,
                queue_chunk=chunk if queued else None,  # issue 12: --queue
            )
        )
    file = Path(files[0])
    target, overwrite = _target(file, output, in_place=in_place, force=force)
    signer_id = env.settings.get("signer", signer)
    result = _sign_one(env, file, target, overwrite, signer_id, base, passphrase_file, yes=yes)
    _show_signed(result, as_json)


def _target(file: Path, output: Path | None, *, in_place: bool, force: bool) -> tuple[Path, bool]:
    """The output and whether it may be replaced; "already exists" is checked later, with the
    signer and the folder, all before any question (so one cannot hide another). The input
    is checked first (it exists and is a PDF)."""
    check_input(file)
    target, _ = resolve_output(file, output, in_place=in_place, force=True)
    return target, in_place or force


def _sign_one(
    env: Env,
    file: Path,
    target: Path,
    overwrite: bool,
    signer: str | None,
    base: SignOptions,
    passphrase_file: Path | None,
    *,
    yes: bool,
) -> SignResult:
    with env.open_store() as store:
        return signing.sign_letter(
            store,
            input=file,
            output=target,
            overwrite=overwrite,
            signer=signer,
            options=base,
            consent=asker(env, store, yes=yes),
            passphrase=KeyPassphrase(env, passphrase_file, store=store),
            clock=env.clock,
            warn=lambda message: echo(message, err=True),
        )


def _with_looks(
    env: Env, base: SignOptions, manifest: Path | None, force: bool, visual: dict[str, Any]
) -> SignOptions:
    """``base`` with the stamp, footer and certification flags."""
    if manifest is not None and set(batch.manifest_header(manifest)) & batch.STAMP_COLUMNS:
        visual = {**visual, "stamp": True}  # a manifest that places stamps stamps every letter
    return with_visual(env, base, force=force, **visual)


def _show_signed(result: SignResult, as_json: bool) -> None:
    if as_json:
        from esign.render import json as rjson

        click.echo(rjson.dumps(rjson.to_dict(result)))
    else:  # plain lines: a one-letter signature need not load rich
        who, shown = clean(result.signer.name or result.signer_id), clean(result.output)
        echo(i18n.t("sign.done", input=clean(result.input), signer=who, output=shown))
        if result.verification_code:
            echo(i18n.t("sign.verification_code", code=result.verification_code))
        if result.pages:  # a paraf on every page
            from esign.render.wording import page_list

            pages = page_list(result.pages)
            echo(i18n.t("paraf.signed_pages", count=len(result.pages), pages=pages))
        if result.repaired:  # issue 16: what --repair changed before the signature
            from esign.render.preflight import changes

            key = "sign.repaired_in_place" if result.input == result.output else "sign.repaired"
            echo(i18n.t(key, changes=changes(result.repaired)))


@click.command("verify", cls=LocalizedCommand, help="help.verify")
@click.argument("files", nargs=-1, required=True)
@option(
    "--trust",
    "trust_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.trust",
)
@option("--no-store", is_flag=True, help="help.opt.no_store")
@option("--offline", is_flag=True, help="help.opt.offline")
@option(
    "--crl",
    "crl_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.crl",
)
@option(
    "--revocation",
    "revocation_policy",
    type=click.Choice([p.value for p in RevocationPolicy]),
    help="help.opt.revocation",
)
@option("-r", "--recursive", is_flag=True, help="help.opt.recursive")
@option("-j", "--jobs", type=click.IntRange(1, 64), default=1, help="flow.help.jobs")
@option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.report",
)
@option(
    "--seal-passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.seal_pass",
)
@option("--revision", type=click.IntRange(min=1), help="help.opt.revision")  # issue 6
@option(
    "-o",
    "--output",
    "revision_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.revision_out",
)
@json_option()
@click.pass_context
def verify(
    ctx: click.Context,
    files: tuple[str, ...],
    trust_files: tuple[Path, ...],
    no_store: bool,
    offline: bool,
    crl_files: tuple[Path, ...],
    revocation_policy: str | None,
    recursive: bool,
    jobs: int,
    report_file: Path | None,
    seal_passphrase_file: Path | None,
    revision: int | None,
    revision_out: Path | None,
    as_json: bool,
) -> None:
    from esign.app.trust import trust_settings
    from esign.app.verifying import audit_verifications, write_report
    from esign.verify.batch import verify_all

    env: Env = ctx.obj
    at = env.now()
    if revision is not None or revision_out is not None:
        _write_revision(env, files, revision, revision_out, as_json)  # issue 6
    if report_file is not None:
        _check_report_target(report_file)
    seal = _report_seal(env, report_file, seal_passphrase_file)  # ask before the long part
    store = None if no_store else _maybe_store(env)
    policy = RevocationPolicy(env.settings.get("revocation", revocation_policy) or "hard-fail")
    with store or contextlib.nullcontext():
        trust = trust_settings(
            store, at=at, files=trust_files, crl_files=crl_files, offline=offline, policy=policy
        )
    paths = batch.expand_inputs(list(files), recursive=recursive)
    tz = env.settings.timezone()
    reports = []
    with _progress(env, len(paths), as_json) as advance:
        for result in verify_all(paths, trust=trust, at=at, workers=jobs):
            reports.append(result)
            advance()
            _show_verification(env, result, tz, as_json)
    if len(reports) > 1 and not as_json:
        from esign.render import terminal

        with closed_stdout_ok():  # `| head -1`: the verdict's exit code stays
            terminal.render_summary(env.out, reports)
    if store is not None:
        with env.open_store() as audit_store:
            audit_verifications(audit_store, reports, env.now())
    if report_file is not None:
        kind = write_report(
            report_file, reports, at=env.now(), tz=tz, seal=seal, open_store=env.open_store
        )
        env.err.print(_REPORT_WRITTEN[kind](report_file, seal))
    verdicts = [r.verdict for r in reports] or [Verdict.UNSIGNED]
    ctx.exit(int(VERDICT_EXIT[worst_verdict(verdicts)]))


def _show_verification(env: Env, result: VerificationReport, tz: ZoneInfo, as_json: bool) -> None:
    with closed_stdout_ok():  # `| head -1`: the rest is dropped, the verdict's code stays
        _print_verification(env, result, tz, as_json)


def _print_verification(env: Env, result: VerificationReport, tz: ZoneInfo, as_json: bool) -> None:
    if as_json:
        from esign.render import json as rjson

        click.echo(rjson.dumps(rjson.verification_json(result)))
    else:
        from esign.render import terminal

        terminal.render_verification(env.out, result, tz)


_REPORT_WRITTEN: dict[ReportKind, Callable[[Path, Seal | None], str]] = {
    ReportKind.HTML: lambda path, _seal: i18n.t("report.written", file=path),
    ReportKind.PDF: lambda path, _seal: i18n.t("report.written_unsigned", file=path),
    ReportKind.SEALED_PDF: lambda path, seal: i18n.t(
        "report.written_sealed", file=path, id=seal.key.id if seal else "?"
    ),
}


def _write_revision(
    env: Env, files: tuple[str, ...], number: int | None, output: Path | None, as_json: bool
) -> None:
    """``--revision N -o FILE``: the exact bytes signature N covers, for an auditor."""
    from esign import limits, pdf
    from esign.verify import revisions

    if number is None or output is None or len(files) != 1 or Path(files[0]).is_dir():
        raise click.UsageError(i18n.t("revision.needs_one_file"))
    source = Path(files[0])
    check_input(source)
    with limits.reading(source):  # issue 18: bounded work on any input
        data = revisions.signed_revision(source.read_bytes(), number, file=str(source))
    with pdf.atomic_output(output, overwrite=False, mode_from=source) as out:
        out.write(data)
    message = i18n.t("revision.written", number=number, size=len(data), file=output)
    if as_json:
        echo(message, err=True)
    else:
        env.out.print(message)


def _progress(env: Env, total: int, as_json: bool):  # type: ignore[no-untyped-def]
    from esign.cli.batch import progress

    return progress(env, total, quiet=total < 2 or not as_json)


def _check_report_target(path: Path) -> None:
    """A report name esign can write, checked before any verification work."""
    if path.suffix.lower() not in (".html", ".htm", ".pdf"):
        raise OutputError("report.bad_format", file=path)
    if not path.parent.is_dir():
        raise OutputError("out.unwritable", file=path, detail=i18n.t("report.no_folder"))


def _report_seal(env: Env, report_file: Path | None, passphrase_file: Path | None) -> Seal | None:
    """The unlocked e-seal of the ``report-seal`` setting, for a PDF report (else None)."""
    seal_id = env.settings.get("report-seal")
    if report_file is None or report_file.suffix.lower() != ".pdf" or not seal_id:
        return None
    from esign.app.admin import key_token
    from esign.app.verifying import unlock_report_seal

    def passphrase(id: str, wrong: PassphraseError | None = None, /) -> Secret:
        if wrong is not None:
            raise wrong  # one try: a report is not worth a locked-out seal (or token)
        token = key_token(store, id)
        if token is not None:  # an e-seal on a token: its PIN (ESIGN_PKCS11_PIN or a prompt)
            return token_pin(env, token)
        return resolve_secret(
            env,
            file=passphrase_file,
            variable="ESIGN_SEAL_PASSPHRASE",
            option_name="--seal-passphrase-file",
            prompt=i18n.t("pass.prompt.seal", id=id),
            what=i18n.t("pass.what.seal", id=id),
        )

    with env.open_store() as store:
        return unlock_report_seal(store, seal_id, passphrase, env.now())


def _maybe_store(env: Env) -> Store | None:
    try:
        return env.open_store()
    except StoreError as e:
        if e.key == "store.missing":
            return None
        raise


COMMANDS = (sign, verify)
