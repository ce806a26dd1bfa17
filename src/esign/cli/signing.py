"""``esign sign`` and ``esign verify``."""

from __future__ import annotations

from pathlib import Path

import click

from esign import i18n, office, report
from esign.cli.admin import key_passphrase
from esign.cli.common import Env, LocalizedCommand, json_option, option, pass_env
from esign.cli.common import passphrase_file_option as _passphrase_file_option
from esign.errors import CertificateError, StoreError
from esign.models import VERDICT_EXIT, worst_verdict
from esign.pdf import check_input, resolve_output
from esign.pki import format_nip, identity_of
from esign.store import Store


def default_reason(title: str | None, name: str | None, nip: str | None) -> str:
    """The familiar Indonesian /Reason: who signed, in which role, with NIP."""
    nip_part = f" - NIP. {format_nip(nip)}" if nip else ""
    return i18n.t(
        "sign.default_reason", lang="id", title=title or "", name=name or "", nip_part=nip_part
    ).replace("oleh  (", "oleh (")


@click.command("sign", cls=LocalizedCommand, help="help.sign")
@click.argument("file", type=click.Path(path_type=Path))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.out")
@option("--in-place", is_flag=True, help="help.opt.in_place")
@option("--force", is_flag=True, help="help.opt.force")
@option("--signer", help="help.opt.signer")
@option("--reason", help="help.opt.reason")
@option("--location", help="help.opt.location")
@option("--field", help="help.opt.field")
@_passphrase_file_option()
@json_option()
@pass_env
def sign(
    env: Env,
    file: Path,
    output: Path | None,
    in_place: bool,
    force: bool,
    signer: str | None,
    reason: str | None,
    location: str | None,
    field: str | None,
    passphrase_file: Path | None,
    as_json: bool,
) -> None:
    from esign.sign import SignOptions, sign_pdf

    check_input(file)
    target, overwrite = resolve_output(file, output, in_place=in_place, force=force)
    at = env.now()
    with env.open_store() as store:
        signer_id = office.choose_signer(store, env.settings.get("signer", signer))
        record = office.check_can_sign(store, signer_id, at)
        secret = key_passphrase(env, passphrase_file, signer_id)
        key = office.unlock(store, signer_id, secret, at)
        who = identity_of(record.cert)
        options = SignOptions(
            reason=env.settings.get("reason", reason)
            or default_reason(who.title, who.name, who.nip),
            location=env.settings.get("location", location),
            field=field,
            contact=who.email,
        )
        result = sign_pdf(file, target, key, at=at, options=options, overwrite=overwrite)
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
            },
        )
    if as_json:
        click.echo(report.dumps(report.to_dict(result)))
    else:
        report.render_sign_result(env.out, result)


@click.command("verify", cls=LocalizedCommand, help="help.verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@option(
    "--trust",
    "trust_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.trust",
)
@option("--no-store", is_flag=True, help="help.opt.no_store")
@json_option()
@click.pass_context
def verify(
    ctx: click.Context,
    files: tuple[Path, ...],
    trust_files: tuple[Path, ...],
    no_store: bool,
    as_json: bool,
) -> None:
    from esign.verify import TrustSettings, verify_pdf

    env: Env = ctx.obj
    at = env.now()
    roots, others = [], []
    for path in trust_files:
        try:
            roots.append(office.read_certificate_file(path))
        except CertificateError as e:
            raise CertificateError("verify.trust_file_bad", file=path) from e
    store = None if no_store else _maybe_store(env)
    if store is not None:
        with store:
            roots.extend(office.trust_roots(store))
            others.extend(office.known_certificates(store))
    trust = TrustSettings(roots=tuple(roots), other_certs=tuple(others))
    reports = []
    tz = env.settings.timezone()
    for path in files:
        result = verify_pdf(path, trust=trust, at=at, label=str(path))
        reports.append(result)
        if as_json:
            click.echo(report.dumps(report.verification_json(result)))
        else:
            report.render_verification(env.out, result, tz)
    if len(reports) > 1 and not as_json:
        report.render_summary(env.out, reports)
    ctx.exit(int(VERDICT_EXIT[worst_verdict([r.verdict for r in reports])]))


def _maybe_store(env: Env) -> Store | None:
    try:
        return env.open_store()
    except StoreError as e:
        if e.key == "store.missing":
            return None
        raise


COMMANDS = (sign, verify)
