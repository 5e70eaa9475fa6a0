import os
import subprocess
import sys

SCRIPT = (
    "import everychild.settings as s; "
    'print(getattr(s, "SESSION_COOKIE_SECURE", False), getattr(s, "SECURE_HSTS_SECONDS", 0), '
    '"script-src" in s.CONTENT_SECURITY_POLICY["DIRECTIVES"])'
)


def _settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "SECRET_KEY"}}
    clean.pop("DEBUG", None)
    clean.pop("EVERYCHILD_TESTING", None)
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], env={**clean, **env}, capture_output=True, text=True
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _settings({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_refuses_a_weak_secret_key():
    result = _settings({"SECRET_KEY": "aaaaaaaaaaaa"})
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_turns_on_secure_cookies_and_hsts():
    result = _settings({"SECRET_KEY": "n3v3r-us3d-in-pr0duction-but-long-and-varied-0123456789"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "31536000", "True"]


def test_debug_runs_with_the_development_key():
    result = _settings({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "0", "True"]
