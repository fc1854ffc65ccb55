"""Settings: production refuses unsafe defaults."""

import pytest

from backend.app import create_app
from backend.app.config import ConfigError, load_config

SAFE_PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": "a-long-random-secret-from-the-operator",
    "RECEIPT_SALT": "another-long-random-salt",
    "WECHAT_MODE": "real",
    "WECHAT_APPID": "wx1234567890",
    "WECHAT_SECRET": "s3cret",
}


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"SECRET_KEY": "dev-secret-key-change-me"}, "SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"RECEIPT_SALT": "dev-receipt-salt-change-me"}, "RECEIPT_SALT"),
        ({"WECHAT_MODE": "fake"}, "WECHAT_MODE=fake"),
        ({"WECHAT_SECRET": None}, "WECHAT_SECRET"),
    ],
)
def test_production_refuses_unsafe_settings(change, complaint):
    with pytest.raises(ConfigError, match=complaint):
        create_app({**SAFE_PRODUCTION, **change})


def test_production_starts_with_real_settings():
    app = create_app(SAFE_PRODUCTION)
    assert app.config["WECHAT_MODE"] == "real"
    assert not app.testing


def test_production_reads_the_environment(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    for key, value in SAFE_PRODUCTION.items():
        if key != "APP_ENV":
            monkeypatch.setenv(key, value)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://app@db/app")
    settings = load_config()
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://app@db/app"
    assert settings["SECRET_KEY"] == SAFE_PRODUCTION["SECRET_KEY"]
    monkeypatch.setenv("WECHAT_MODE", "fake")
    with pytest.raises(ConfigError):
        load_config()


def test_development_defaults_to_the_fake_wechat(monkeypatch):
    monkeypatch.delenv("WECHAT_MODE", raising=False)
    monkeypatch.delenv("APP_ENV", raising=False)
    assert load_config()["WECHAT_MODE"] == "fake"


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError, match="APP_ENV"):
        load_config({"APP_ENV": "staging"})
