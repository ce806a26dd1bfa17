"""esign.config: flag > ESIGN_* environment > config.toml > default, and the settings file."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from esign import config
from esign.config import Settings, write_setting
from esign.errors import ConfigError


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "office-home"


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return {"ESIGN_HOME": str(home)}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- paths --------------------------------------------------------------------------------


def test_paths_follow_esign_home(home: Path, env: dict[str, str]) -> None:
    assert config.home_dir(env) == home
    assert config.config_path(env) == home / "config.toml"
    assert Settings(env=env).path == home / "config.toml"


def test_esign_config_overrides_the_path(tmp_path: Path, home: Path, env: dict[str, str]) -> None:
    elsewhere = tmp_path / "etc" / "esign.toml"
    write_setting(home / "config.toml", "reason", "from home")
    write_setting(elsewhere, "reason", "from ESIGN_CONFIG")
    settings = Settings(env={**env, "ESIGN_CONFIG": str(elsewhere)})
    assert settings.path == elsewhere
    assert settings.resolve("reason").value == "from ESIGN_CONFIG"
    assert settings.resolve("reason").origin == "file"


def test_default_env_is_os_environ(isolated_env: Path) -> None:
    """The autouse fixture points ESIGN_HOME at a scratch folder: Settings() must follow it."""
    assert Settings().path == isolated_env / "config.toml"
    assert config.home_dir() == isolated_env


# --- precedence -----------------------------------------------------------------------------


def test_default_when_nothing_is_set(env: dict[str, str]) -> None:
    settings = Settings(env=env)
    assert settings.resolve("lang").value == "en"
    assert settings.resolve("lang").origin == "default"
    assert settings.get("timezone") == "Asia/Jakarta"
    assert settings.get("base-url") == "http://127.0.0.1:8080"
    assert settings.get("signer") is None
    assert [r.key for r in settings.all()] == [s.key for s in config.SETTINGS]
    assert settings.timezone().key == "Asia/Jakarta"


def test_file_beats_default(home: Path, env: dict[str, str]) -> None:
    write_setting(home / "config.toml", "timezone", "Asia/Makassar")
    resolved = Settings(env=env).resolve("timezone")
    assert (resolved.value, resolved.origin) == ("Asia/Makassar", "file")
    assert Settings(env=env).timezone().key == "Asia/Makassar"


def test_env_beats_file(home: Path, env: dict[str, str]) -> None:
    write_setting(home / "config.toml", "timezone", "Asia/Makassar")
    settings = Settings(env={**env, "ESIGN_TIMEZONE": "Asia/Jayapura"})
    resolved = settings.resolve("timezone")
    assert (resolved.value, resolved.origin) == ("Asia/Jayapura", "env:ESIGN_TIMEZONE")


def test_flag_beats_env_and_file(home: Path, env: dict[str, str]) -> None:
    write_setting(home / "config.toml", "signer", "budi")
    settings = Settings(env={**env, "ESIGN_SIGNER": "seal"})
    resolved = settings.resolve("signer", flag="ani")
    assert (resolved.value, resolved.origin) == ("ani", "flag")
    assert settings.get("signer") == "seal"  # without the flag, the environment


def test_empty_env_value_is_ignored(home: Path, env: dict[str, str]) -> None:
    write_setting(home / "config.toml", "lang", "id")
    resolved = Settings(env={**env, "ESIGN_LANG": ""}).resolve("lang")
    assert (resolved.value, resolved.origin) == ("id", "file")


@pytest.mark.parametrize(
    ("key", "env_name", "value"),
    [
        ("signer", "ESIGN_SIGNER", "budi"),
        ("reason", "ESIGN_REASON", "Menyetujui"),
        ("location", "ESIGN_LOCATION", "Jember"),
        ("lang", "ESIGN_LANG", "id"),
        ("timezone", "ESIGN_TIMEZONE", "Asia/Makassar"),
        ("base-url", "ESIGN_BASE_URL", "https://pki.jemberkab.go.id"),
    ],
)
def test_every_setting_has_its_env_variable(
    env: dict[str, str], key: str, env_name: str, value: str
) -> None:
    assert config.SPECS[key].env == env_name
    resolved = Settings(env={**env, env_name: value}).resolve(key)
    assert (resolved.value, resolved.origin) == (value, f"env:{env_name}")


# --- writing the file --------------------------------------------------------------------------


def test_write_setting_creates_a_private_file_and_keeps_other_keys(home: Path) -> None:
    path = home / "config.toml"
    write_setting(path, "signer", "budi")
    assert _mode(path) == 0o600
    write_setting(path, "reason", "Menyetujui isi surat")
    write_setting(path, "lang", " id ")  # normalised
    assert tomllib.loads(path.read_text("utf-8")) == {
        "lang": "id",
        "reason": "Menyetujui isi surat",
        "signer": "budi",
    }
    write_setting(path, "reason", None)  # unset
    assert tomllib.loads(path.read_text("utf-8")) == {"lang": "id", "signer": "budi"}
    assert _mode(path) == 0o600
    assert sorted(p.name for p in home.iterdir()) == ["config.toml"]  # no temp file left


def test_write_setting_tightens_a_loose_file(home: Path) -> None:
    path = home / "config.toml"
    home.mkdir()
    path.write_text('signer = "budi"\n')
    path.chmod(0o644)
    write_setting(path, "lang", "en")
    assert _mode(path) == 0o600
    assert tomllib.loads(path.read_text("utf-8")) == {"lang": "en", "signer": "budi"}


def test_write_setting_round_trips_quotes_and_unicode(home: Path, env: dict[str, str]) -> None:
    reason = 'Disetujui "Kepala" — ü \\ ok'
    write_setting(home / "config.toml", "reason", reason)
    assert Settings(env=env).get("reason") == reason


def test_write_setting_validates_before_writing(home: Path) -> None:
    path = home / "config.toml"
    write_setting(path, "lang", "id")
    before = path.read_bytes()
    with pytest.raises(ConfigError):
        write_setting(path, "lang", "fr")
    assert path.read_bytes() == before


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("lang", "fr"),
        ("lang", ""),
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", "../../etc/passwd"),
        ("base-url", "ftp://pki.example"),
        ("base-url", "pki.jemberkab.go.id"),
    ],
)
def test_invalid_values_name_the_key(key: str, value: str) -> None:
    with pytest.raises(ConfigError) as info:
        config.validate(key, value)
    err = info.value
    assert err.key == "config.bad_value"
    assert err.params["key"] == key
    assert key in str(err)
    assert err.params["why"]  # says what would be valid


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("lang", "id"),
        ("timezone", "Asia/Jayapura"),
        ("base-url", "https://pki.jemberkab.go.id"),
        ("base-url", "http://127.0.0.1:8080"),
    ],
)
def test_valid_values(key: str, value: str) -> None:
    assert config.validate(key, value) == value


def test_invalid_value_in_env_or_file_is_reported(home: Path, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError) as info:
        Settings(env={**env, "ESIGN_TIMEZONE": "Nowhere/Land"}).get("timezone")
    assert info.value.params["key"] == "timezone"
    home.mkdir()
    (home / "config.toml").write_text('base-url = "gopher://x"\n')
    with pytest.raises(ConfigError) as info:
        Settings(env=env).get("base-url")
    assert info.value.params["key"] == "base-url"


def test_unknown_key(home: Path) -> None:
    with pytest.raises(ConfigError) as info:
        config.validate("colour", "blue")
    assert info.value.key == "config.unknown_key"
    assert info.value.params["key"] == "colour"
    assert "timezone" in info.value.params["keys"]
    with pytest.raises(ConfigError) as info:
        write_setting(home / "config.toml", "colour", "blue")
    assert info.value.key == "config.unknown_key"
    assert not (home / "config.toml").exists()


def test_unknown_keys_in_the_file_are_ignored(home: Path, env: dict[str, str]) -> None:
    home.mkdir()
    (home / "config.toml").write_text('colour = "blue"\nlocation = "Jember"\n')
    assert config.read_file(home / "config.toml") == {"location": "Jember"}
    assert Settings(env=env).get("location") == "Jember"


@pytest.mark.parametrize(
    "content", [b'lang = "id\n', b"lang = = id\n", b"[table\n", b'lang = "\xff\xfe"\n']
)
def test_broken_file(home: Path, env: dict[str, str], content: bytes) -> None:
    home.mkdir()
    (home / "config.toml").write_bytes(content)
    with pytest.raises(ConfigError) as info:
        Settings(env=env)
    assert info.value.key == "config.bad_file"
    assert str(home / "config.toml") in str(info.value)


def test_missing_file_is_empty(home: Path) -> None:
    assert config.read_file(home / "nope.toml") == {}
