"""A production start refuses unfit settings (`flask --app wsgi check-config`, and the app
itself under APP_ENV=production), each problem in a sentence; the gunicorn config loads."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.config import ConfigError, load_config
from marketplace.core.cli import GUNICORN_CONFIG, check_config_command

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "SECRET_KEY": "0f3a9c1e7b5d2f4a6c8e0b1d3f5a7c9e4b6d8f0a",
    "SITE_URL": "https://ocop.example.vn",
    "DATABASE_URL": "postgresql+psycopg://ocop@127.0.0.1:5432/ocop",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "STRIPE_SECRET_KEY": "",
    "STRIPE_WEBHOOK_SECRET": "",
}


@pytest.fixture
def environment(monkeypatch):
    for name, value in GOOD.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def check(app):
    result = app.test_cli_runner().invoke(check_config_command)
    return result.exit_code, result.output


def test_fit_settings_pass(app, environment):
    code, output = check(app)
    assert code == 0 and "fit for production" in output


@pytest.mark.parametrize("name, value, message", [
    ("SECRET_KEY", "", "SECRET_KEY must be set"),
    ("SECRET_KEY", "changeme", "SECRET_KEY is weak"),
    ("SECRET_KEY", "a" * 40, "SECRET_KEY is weak"),  # long but not random
    ("SITE_URL", "", "SITE_URL must be set"),
    ("DATABASE_URL", "sqlite:////srv/ocop.sqlite3", "DATABASE_URL is SQLite"),
    ("DATABASE_URL", "", "DATABASE_URL is SQLite"),  # the default
    ("REDIS_URL", "", "REDIS_URL must be set"),
    ("STRIPE_SECRET_KEY", "sk_live_123", "without STRIPE_WEBHOOK_SECRET"),
])
def test_each_unfit_setting_is_named(app, environment, name, value, message):
    environment.setenv(name, value)
    code, output = check(app)
    assert code == 1
    assert message in output and output.count("✗") == 1


def test_stripe_with_its_webhook_secret_passes(app, environment):
    environment.setenv("STRIPE_SECRET_KEY", "sk_live_123")
    environment.setenv("STRIPE_WEBHOOK_SECRET", "whsec_123")
    assert check(app)[0] == 0


def test_a_production_start_refuses_every_problem_at_once(environment):
    environment.setenv("APP_ENV", "production")
    environment.setenv("SECRET_KEY", "dev")
    environment.setenv("REDIS_URL", "")
    with pytest.raises(ConfigError) as refused:
        load_config()
    assert "SECRET_KEY is weak" in str(refused.value) and "REDIS_URL must be set" in str(refused.value)


def test_the_command_line_refuses_with_exit_status_1(tmp_path):
    env = {**os.environ, **GOOD, "APP_ENV": "production", "SITE_URL": "", "INSTANCE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "check-config"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Refusing to start in production" in result.stderr and "SITE_URL must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_gunicorn_config_sets_workers_timeouts_and_metrics(monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    settings = {}
    exec(compile(GUNICORN_CONFIG.read_text(), str(GUNICORN_CONFIG), "exec"), settings)
    assert settings["workers"] == 3 and settings["timeout"] > 0 and settings["graceful_timeout"] > 0
    assert settings["max_requests"] > 0 and settings["accesslog"] == "-"
    settings["on_starting"](None)
    assert (tmp_path / "metrics").is_dir()
