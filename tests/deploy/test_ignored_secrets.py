"""Where the key may live on a host, neither git nor a Docker build ever picks it up."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

SECRETS = ("deploy/refresh.env", ".streamlit/secrets.toml", ".env")


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
@pytest.mark.parametrize("path", SECRETS)
def test_git_ignores_every_place_a_key_may_be_kept(path):
    assert subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0, path


@pytest.mark.parametrize("path", SECRETS)
def test_the_docker_build_context_leaves_them_out(path):
    patterns = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert path in patterns, f"{path} is not in .dockerignore, and the Dockerfile copies its folder"
