"""Settings: flag > ESIGN_* environment variable > config.toml > default.

Paths come from platformdirs unless ``ESIGN_HOME`` points somewhere else, in
which case the store *and* the settings file live there (one folder per office
or per test). This module never prompts and never prints.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from esign import i18n
from esign.errors import ConfigError
from esign.limits import values as limits

APP = "esign"


@dataclass(frozen=True, slots=True, kw_only=True)
class SettingSpec:
    """One setting the config file and ``ESIGN_*`` variables may carry."""

    key: str
    """Name in config.toml and in ``esign config``."""
    env: str
    """Environment variable that overrides the file."""
    default: str | None
    """Value when nothing else says."""
    description: str
    """Catalog key of the help line."""


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(key="signer", env="ESIGN_SIGNER", default=None, description="setting.signer"),
    SettingSpec(key="reason", env="ESIGN_REASON", default=None, description="setting.reason"),
    SettingSpec(key="location", env="ESIGN_LOCATION", default=None, description="setting.location"),
    SettingSpec(key="lang", env="ESIGN_LANG", default="en", description="setting.lang"),
    SettingSpec(
        key="timezone", env="ESIGN_TIMEZONE", default="Asia/Jakarta", description="setting.timezone"
    ),
    SettingSpec(
        key="base-url",
        env="ESIGN_BASE_URL",
        default="http://127.0.0.1:8080",
        description="setting.base_url",
    ),
    SettingSpec(key="tsa-url", env="ESIGN_TSA_URL", default=None, description="setting.tsa_url"),
    SettingSpec(
        key="tsa-policy", env="ESIGN_TSA_POLICY", default=None, description="setting.tsa_policy"
    ),
    SettingSpec(
        key="verify-url", env="ESIGN_VERIFY_URL", default=None, description="setting.verify_url"
    ),
    SettingSpec(
        key="footer-law", env="ESIGN_FOOTER_LAW", default="no", description="setting.footer_law"
    ),
    SettingSpec(
        key="report-seal", env="ESIGN_REPORT_SEAL", default=None, description="setting.report_seal"
    ),
    SettingSpec(key="store", env="ESIGN_STORE", default=None, description="setting.store"),
    SettingSpec(
        key="revocation",
        env="ESIGN_REVOCATION",
        default="hard-fail",
        description="setting.revocation",
    ),
    SettingSpec(
        key="pkcs11-module",
        env="ESIGN_PKCS11_MODULE",
        default=None,
        description="setting.pkcs11_module",
    ),
)

# Input limits (issue 18): one integer setting per field of esign.limits.InputLimits.
_LIMIT_HELP = {
    "file_mb": "setting.limit_file_mb",
    "trailing_kb": "setting.limit_trailing_kb",
    "depth": "setting.limit_depth",
    "entries": "setting.limit_entries",
    "objects": "setting.limit_objects",
    "stream_mb": "setting.limit_stream_mb",
    "string_mb": "setting.limit_string_mb",
    "pages": "setting.limit_pages",
    "revisions": "setting.limit_revisions",
    "seconds": "setting.limit_seconds",
}
SETTINGS += tuple(
    SettingSpec(
        key=limits.setting_key(name),
        env="ESIGN_LIMIT_" + name.upper(),
        default=str(getattr(limits.DEFAULTS, name)),
        description=_LIMIT_HELP[name],
    )
    for name in limits.SETTING_FIELDS
)
# The verification page of ``esign serve`` (issue 13).
SETTINGS += (
    SettingSpec(
        key="web-upload-mb",
        env="ESIGN_WEB_UPLOAD_MB",
        default="50",
        description="setting.web_upload_mb",
    ),
    SettingSpec(
        key="web-concurrency",
        env="ESIGN_WEB_CONCURRENCY",
        default="4",
        description="setting.web_concurrency",
    ),
)
SPECS = {spec.key: spec for spec in SETTINGS}


def home_dir(env: Mapping[str, str] | None = None) -> Path:
    """The store folder: ``ESIGN_HOME`` or the platform's user data directory."""
    environ = os.environ if env is None else env
    if environ.get("ESIGN_HOME"):
        return Path(environ["ESIGN_HOME"]).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The settings file: ``ESIGN_CONFIG``, else beside ``ESIGN_HOME``, else the platform's."""
    environ = os.environ if env is None else env
    if environ.get("ESIGN_CONFIG"):
        return Path(environ["ESIGN_CONFIG"]).expanduser()
    if environ.get("ESIGN_HOME"):
        return home_dir(environ) / "config.toml"
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.toml"


def validate(key: str, value: str) -> str:
    """Return ``value`` normalised for ``key`` or raise ``ConfigError``."""
    if key not in SPECS:
        raise ConfigError("config.unknown_key", key=key, keys=", ".join(SPECS))
    value = value.strip()
    if key == "lang" and value not in ("en", "id"):
        raise ConfigError("config.bad_value", key=key, value=value, why=_why("lang"))
    if key == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ConfigError("config.bad_value", key=key, value=value, why=_why("timezone")) from e
    if key in ("base-url", "tsa-url") and not value.startswith(("http://", "https://")):
        raise ConfigError("config.bad_value", key=key, value=value, why=_why("url"))
    if key == "tsa-policy" and not re.fullmatch(r"[0-2](\.(0|[1-9][0-9]*))+", value):
        raise ConfigError("config.bad_value", key=key, value=value, why=_why("oid"))
    if key == "verify-url" and not value.startswith(("http://", "https://")):
        raise ConfigError("config.bad_value", key=key, value=value, why=_why("url"))
    if key == "footer-law" and value not in ("yes", "no"):
        raise ConfigError("config.bad_value", key=key, value=value, why="yes | no")
    if key == "store":
        check_store_location(value)
    if key == "revocation" and value not in ("hard-fail", "soft-fail"):
        raise ConfigError("config.bad_value", key=key, value=value, why="hard-fail | soft-fail")
    if key.startswith(("limit-", "web-")) and not (value.isdigit() and int(value) > 0):
        raise ConfigError("config.bad_value", key=key, value=value, why=_why("positive"))
    return value


def check_store_location(value: str) -> str:
    """A store folder, ``sqlite:///FOLDER`` or ``postgresql://user@host/db``; a URL with a
    password is refused (libpq reads it from the password or service file instead)."""
    from urllib.parse import parse_qs, urlsplit

    if value.startswith(("postgresql://", "postgres://")):
        try:
            parts = urlsplit(value)
            password = parts.password
        except ValueError as e:
            raise ConfigError(
                "config.bad_value", key="store", value=value, why=_why("store")
            ) from e
        if password is not None or "password" in parse_qs(parts.query):
            raise ConfigError("store.pg_password", hint_key="store.pg_password.hint", url="***")
    elif "://" in value and not value.startswith("sqlite:///"):
        raise ConfigError("config.bad_value", key="store", value=value, why=_why("store"))
    return value


def store_location(settings: Settings) -> str:
    """Where the store is: the ``store`` setting (``ESIGN_STORE``), else the store folder."""
    return settings.get("store") or str(home_dir(settings.env))


def _why(name: str) -> str:
    from esign.i18n import t

    return t(f"config.why.{name}")


def read_file(path: Path) -> dict[str, str]:
    """The settings stored in ``path`` (empty when there is no file)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise ConfigError("config.bad_file", path=path, detail=i18n.os_error(e)) from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError("config.bad_file", path=path, detail=str(e)) from e
    return {str(k): str(v) for k, v in data.items() if k in SPECS}


def write_setting(path: Path, key: str, value: str | None) -> None:
    """Set (or with ``None`` remove) one setting, keeping the others; atomic, 0600."""
    import tomli_w

    current = read_file(path)
    if value is None:
        current.pop(key, None)
    else:
        current[key] = validate(key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(tomli_w.dumps(dict(sorted(current.items()))).encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedSetting:
    """A setting's effective value and where it came from."""

    key: str
    """Setting name."""
    value: str | None
    """Effective value."""
    origin: str
    """``flag``, ``env:NAME``, ``file`` or ``default``."""


class Settings:
    """Effective settings: flag > environment > config file > default."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self.env: Mapping[str, str] = os.environ if env is None else env
        self.path = config_path(self.env)
        self._file = read_file(self.path)

    def resolve(self, key: str, flag: str | None = None) -> ResolvedSetting:
        """Where ``key``'s value comes from, and the value."""
        spec = SPECS[key]
        if flag is not None:
            return ResolvedSetting(key=key, value=validate(key, flag), origin="flag")
        if self.env.get(spec.env):
            return ResolvedSetting(
                key=key, value=validate(key, self.env[spec.env]), origin=f"env:{spec.env}"
            )
        if key in self._file:
            return ResolvedSetting(key=key, value=validate(key, self._file[key]), origin="file")
        return ResolvedSetting(key=key, value=spec.default, origin="default")

    def get(self, key: str, flag: str | None = None) -> str | None:
        """The effective value of ``key``."""
        return self.resolve(key, flag).value

    def all(self) -> list[ResolvedSetting]:
        """Every setting, resolved."""
        return [self.resolve(spec.key) for spec in SETTINGS]

    def timezone(self) -> ZoneInfo:
        """The office's time zone."""
        return ZoneInfo(self.get("timezone") or "Asia/Jakarta")
