"""``esign sign`` (one letter or a batch) and ``esign verify``."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from esign import i18n, revocation
from esign.app import admin
from esign.cli.common import (
    Env,
    LocalizedCommand,
    echo,
    json_option,
    key_passphrase,
    option,
    resolve_secret,
)
from esign.cli.common import passphrase_file_option as _passphrase_file_option
from esign.cli.levels import level_options, with_level
from esign.cli.stamping import visual_options, with_visual
from esign.errors import (
    CertificateError,
    ConfigError,
    OutputError,
    PassphraseError,
    StoreError,
)
from esign.keys import SigningKey
from esign.models import (
    VERDICT_EXIT,
    Acting,
    CertKind,
    RevocationPolicy,
    SigningRole,
    Verdict,
    VerificationReport,
    worst_verdict,
)
from esign.pdf import check_input, resolve_output
from esign.pki import format_nip, identity_of
from esign.sanitize import clean
from esign.sign import SignOptions
from esign.store import Store

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from esign.render.pdf import Seal


def default_reason(
    title: str | None, name: str | None, nip: str | None, role: SigningRole | None = None
) -> str:
    """The familiar Indonesian /Reason: "... oleh {jabatan} ({nama} - NIP. {nip})", with
    ``Plt.``/``Plh.`` and `` a.n. ... u.b. ...`` when signing for someone."""
    role = role or SigningRole()
    title = role.position(title)
    person = (name or "") + (f" - NIP. {format_nip(nip)}" if nip else "")
    who = (f"{title} ({person})" if title else person) + role.reason_suffix()
    return i18n.t("sign.default_reason", lang="id", who=who)


def options_for(key: SigningKey, base: SignOptions) -> SignOptions:
    """Fill in the signer-dependent defaults (/Reason, /ContactInfo)."""
    from dataclasses import replace

    who = identity_of(key.cert)
    return replace(
        base,
        reason=base.reason or default_reason(who.title, who.name, who.nip, base.role),
        contact=base.contact or who.email,
    )


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
    return Path(files[0]).is_dir() or glob.has_magic(files[0])


@click.command("sign", cls=LocalizedCommand, help="help.sign")
@click.argument("files", nargs=-1)
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.out")
@option("--out-dir", type=click.Path(file_okay=False, path_type=Path), help="help.opt.out_dir")
@option("--manifest", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.manifest")
@option("-r", "--recursive", is_flag=True, help="help.opt.recursive")
@option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="help.opt.jobs"
)
@option("--resume", is_flag=True, help="help.opt.resume")
@option("--in-place", is_flag=True, help="help.opt.in_place")
@option("--force", is_flag=True, help="help.opt.force")
@option("--signer", help="help.opt.signer")
@option("--reason", help="help.opt.reason")
@option("--location", help="help.opt.location")
@option("--field", help="help.opt.field")
@option("--on-behalf-of", metavar="TEXT", help="help.opt.on_behalf_of")
@option("--via", metavar="TEXT", help="help.opt.via")
@option("--acting", type=click.Choice(["plt", "plh"]), help="help.opt.acting")
@option("-y", "--yes", is_flag=True, help="help.opt.yes")
@visual_options
@level_options
@_passphrase_file_option()
@json_option()
@click.pass_context
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
    signer: str | None,
    reason: str | None,
    location: str | None,
    field: str | None,
    on_behalf_of: str | None,
    via: str | None,
    acting: str | None,
    yes: bool,
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
    )
    from esign.batch import STAMP_COLUMNS, manifest_header

    if manifest is not None and set(manifest_header(manifest)) & STAMP_COLUMNS:
        visual["stamp"] = True  # a manifest that places stamps stamps every letter
    base = with_visual(env, base, force=force, **visual)
    base = with_level(env, base, level=level, tsa_url=tsa_url, tsa_user=tsa_user)
    signer_id = env.settings.get("signer", signer)
    if not _is_batch(files, manifest, out_dir):
        _sign_single(
            env,
            Path(files[0]),
            output,
            in_place,
            force,
            signer_id,
            base,
            passphrase_file,
            as_json,
            yes=yes,
        )
        return
    if output is not None or in_place:
        raise OutputError("batch.no_single_output")
    from esign.cli.batch import sign_batch

    code = sign_batch(
        env,
        files=list(files),
        manifest=manifest,
        out_dir=out_dir,
        recursive=recursive,
        workers=jobs,
        resume=resume,
        force=force,
        signer=signer_id,
        base=base,
        passphrase_file=passphrase_file,
        as_json=as_json,
        yes=yes,
    )
    ctx.exit(code)


def unlock_signer(
    env: Env, store: Store, signer_id: str, passphrase_file: Path | None
) -> SigningKey:
    """Check the certificate first, then ask for the passphrase and unlock the key."""
    admin.check_can_sign(store, signer_id, env.now())
    secret = key_passphrase(env, passphrase_file, signer_id)
    return admin.unlock(store, signer_id, secret, env.now())


def _sign_single(
    env: Env,
    file: Path,
    output: Path | None,
    in_place: bool,
    force: bool,
    signer: str | None,
    base: SignOptions,
    passphrase_file: Path | None,
    as_json: bool,
    *,
    yes: bool,
) -> None:
    from esign.cli.consent import Intent, consent
    from esign.sign import sign_pdf
    from esign.statement import register_entry

    check_input(file)
    target, overwrite = resolve_output(file, output, in_place=in_place, force=force)
    at = env.now()
    with env.open_store() as store:
        signer_id = admin.choose_signer(store, signer)
        admin.check_can_sign(store, signer_id, at)
        given = consent(env, store, [Intent(file, signer_id, base)], yes=yes)
        key = unlock_signer(env, store, signer_id, passphrase_file)
        result = sign_pdf(
            file, target, key, at=at, options=options_for(key, base), overwrite=overwrite
        )
        store.audit(
            "sign",
            at=at,
            identity=signer_id,
            subject=str(file),
            detail={
                "input": str(file),
                "output": str(target),
                "field": result.field,
                "sha256_before": result.sha256_before,
                "sha256_after": result.sha256_after,
                "verification_code": result.verification_code,
                "consent": given,
            },
            issued=register_entry(result.qr_statement, signer_id),
        )
    if as_json:
        from esign.render import json as rjson

        click.echo(rjson.dumps(rjson.to_dict(result)))
    else:  # plain lines: a one-letter signature need not load rich
        who, shown = clean(result.signer.name or result.signer_id), clean(result.output)
        echo(i18n.t("sign.done", input=clean(result.input), signer=who, output=shown))
        if result.verification_code:
            echo(i18n.t("sign.verification_code", code=result.verification_code))


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
@option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="help.opt.jobs"
)
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
    from esign.batch import expand_inputs
    from esign.render import json as rjson
    from esign.render import terminal as report
    from esign.verify import TrustSettings
    from esign.verify.batch import verify_all

    env: Env = ctx.obj
    at = env.now()
    if revision is not None or revision_out is not None:
        _write_revision(env, files, revision, revision_out, as_json)  # issue 6
    if report_file is not None:
        _check_report_target(report_file)
    seal = _report_seal(env, report_file, seal_passphrase_file)  # ask before the long part
    roots, others = [], []
    for path in trust_files:
        try:
            roots.append(admin.read_certificate_file(path))
        except CertificateError as e:
            raise CertificateError("verify.trust_file_bad", file=path) from e
    crls = tuple(revocation.read_crl_file(path) for path in crl_files)
    policy = RevocationPolicy(env.settings.get("revocation", revocation_policy) or "hard-fail")
    registers = []
    store = None if no_store else _maybe_store(env)
    if store is not None:
        with store:
            roots.extend(admin.trust_roots(store))
            others.extend(admin.known_certificates(store))
            registers = [r for r in [admin.revocation_register(store, at)] if r is not None]
    trust = TrustSettings(
        roots=tuple(roots),
        other_certs=tuple(others),
        offline=offline,
        revocation_registers=tuple(registers),
        crl_files=crls,
        revocation_policy=policy,
    )
    paths = expand_inputs(list(files), recursive=recursive)
    tz = env.settings.timezone()
    reports = []
    with _progress(env, len(paths), as_json) as advance:
        for result in verify_all(paths, trust=trust, at=at, workers=jobs):
            reports.append(result)
            advance()
            if as_json:
                click.echo(rjson.dumps(rjson.verification_json(result)))
            else:
                report.render_verification(env.out, result, tz)
    if len(reports) > 1 and not as_json:
        report.render_summary(env.out, reports)
    if store is not None:
        _audit_verifications(env, reports)
    if report_file is not None:
        _write_report(env, report_file, reports, tz, seal)
    verdicts = [r.verdict for r in reports] or [Verdict.UNSIGNED]
    ctx.exit(int(VERDICT_EXIT[worst_verdict(verdicts)]))


def _write_revision(
    env: Env, files: tuple[str, ...], number: int | None, output: Path | None, as_json: bool
) -> None:
    """``--revision N -o FILE``: the exact bytes signature N covers, for an auditor."""
    from esign import pdf
    from esign.verify import revisions

    if number is None or output is None or len(files) != 1 or Path(files[0]).is_dir():
        raise click.UsageError(i18n.t("revision.needs_one_file"))
    source = Path(files[0])
    check_input(source)
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


def _write_report(
    env: Env, path: Path, reports: list[VerificationReport], tz: ZoneInfo, seal: Seal | None
) -> None:
    """``--report``: the HTML page, or the PDF (signed by the report seal when there is one)."""
    from esign.pdf import atomic_output

    if path.suffix.lower() != ".pdf":
        from esign.render.html import render_html

        page = render_html(reports, at=env.now(), tz=tz)
        with atomic_output(path, overwrite=True) as fh:
            fh.write(page.encode("utf-8"))
        env.err.print(i18n.t("report.written", file=path))
        return
    from esign.render.pdf import render_pdf, save

    name = seal.name if seal else None
    data = render_pdf(reports, at=env.now(), tz=tz, sealed_by=name)
    result = save(data, path, at=env.now(), seal=seal)
    if seal is None or result is None:
        env.err.print(i18n.t("report.written_unsigned", file=path))
        return
    with env.open_store() as store:
        store.audit(
            "report.seal",
            at=env.now(),
            identity=seal.key.id,
            subject=str(path),
            detail={"output": str(path), "sha256": result.sha256_after, "files": len(reports)},
        )
    env.err.print(i18n.t("report.written_sealed", file=path, id=seal.key.id))


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
    from esign.render.pdf import Seal

    with env.open_store() as store:
        if store.get(seal_id).kind is not CertKind.SEAL:
            raise ConfigError(
                "report.seal_not_seal", hint_key="report.seal_not_seal.hint", id=seal_id
            )
        admin.check_can_sign(store, seal_id, env.now())
        secret = resolve_secret(
            env,
            file=passphrase_file,
            variable="ESIGN_SEAL_PASSPHRASE",
            option_name="--seal-passphrase-file",
            prompt=i18n.t("pass.prompt.seal", id=seal_id),
            what=i18n.t("pass.what.seal", id=seal_id),
        )
        try:
            key = admin.unlock(store, seal_id, secret, env.now())
        except PassphraseError as e:
            if e.key != "pass.wrong":
                raise
            # the generic hint names ESIGN_PASSPHRASE/--passphrase-file, which verify lacks
            raise PassphraseError("pass.wrong", hint_key="pass.wrong.seal_hint", id=seal_id) from e
    name = identity_of(key.cert).name or seal_id
    return Seal(key=key, name=name, reason=i18n.t("report.seal_reason", name=name))


def _audit_verifications(env: Env, reports: list[VerificationReport]) -> None:
    with env.open_store() as store:
        for r in reports:
            store.audit(
                "verify",
                at=env.now(),
                subject=r.file,
                detail={
                    "verdict": r.verdict.value,
                    "sha256": r.sha256,
                    "signatures": len(r.signatures),
                },
            )


def _maybe_store(env: Env) -> Store | None:
    try:
        return env.open_store()
    except StoreError as e:
        if e.key == "store.missing":
            return None
        raise


COMMANDS = (sign, verify)
