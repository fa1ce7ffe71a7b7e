"""deploy/k8s against the Kubernetes schemas, and against the promises the rest of the project keeps.

A cluster is out of reach here: kubernetes-validate checks every object against the JSON schemas of one
Kubernetes release, bundled in its wheel (no network), in strict mode (an unknown field is an error, as it is
for `kubectl apply --validate=strict`). The other tests tie the manifests to the nginx conf, the image and the
measured memory of a replica.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FAKE_KEY, ROOT

K8S = ROOT / "deploy" / "k8s"
KUBERNETES = "1.33.0"  # the oldest release still supported upstream when this was written
pytestmark = pytest.mark.deploy


def documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def objects() -> dict[tuple[str, str], dict]:
    """Every object of the kustomization's resources, by (kind, name)."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    return {(d["kind"], d["metadata"]["name"]): d for f in kustomization["resources"] for d in documents(K8S / f)}


def one(kind: str, name: str) -> dict:
    return objects()[(kind, name)]


def container(pod_spec: dict, name: str) -> dict:
    return next(c for c in pod_spec["containers"] if c["name"] == name)


def env(c: dict) -> dict[str, str]:
    return {e["name"]: e.get("value") for e in c.get("env", [])}


@pytest.mark.parametrize("path", sorted(K8S.glob("*.yaml")), ids=lambda p: p.name)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(path):
    kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="pip install -r requirements-dev.txt")
    for document in documents(path):
        if document.get("apiVersion", "").startswith("kustomize.config.k8s.io/"):
            continue  # read by kubectl itself, not an API object
        kubernetes_validate.validate(document, KUBERNETES, strict=True)


def test_the_validator_would_catch_a_mistake():
    kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="pip install -r requirements-dev.txt")
    broken = one("Deployment", "kca-dashboard")
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["prot"] = 8501
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES, strict=True)


def test_the_kustomization_applies_every_manifest_in_the_folder():
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


def test_replicas_are_probed_on_health_under_their_prefix_read_only_unprivileged_and_hold_no_secret():
    deployment = one("Deployment", "kca-dashboard")
    pod = deployment["spec"]["template"]["spec"]
    dashboard = container(pod, "dashboard")
    prefix = env(dashboard)["STREAMLIT_SERVER_BASE_URL_PATH"]
    assert deployment["spec"]["replicas"] >= 2
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert dashboard[probe]["httpGet"]["path"] == f"/{prefix}/_stcore/health", probe
    assert dashboard["securityContext"]["readOnlyRootFilesystem"] is True
    assert dashboard["securityContext"]["allowPrivilegeEscalation"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    assert pod["automountServiceAccountToken"] is False
    assert all("valueFrom" not in e for e in dashboard.get("env", [])) and "envFrom" not in dashboard
    mounts = {m["name"]: m for m in dashboard["volumeMounts"]}
    assert mounts["cache"]["readOnly"] is True and mounts["cache"]["mountPath"] == "/app/cache/data"


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


def test_the_memory_request_covers_a_replicas_measured_peak():
    measured = re.search(r"server peak RSS MB\s+([\d.]+)", (ROOT / "BENCHMARKS.md").read_text())
    assert measured, "BENCHMARKS.md has no server peak RSS (python -m bench.dashboard)"
    dashboard = container(one("Deployment", "kca-dashboard")["spec"]["template"]["spec"], "dashboard")
    request = mebibytes(dashboard["resources"]["requests"]["memory"]) * 1.048576  # MiB to MB
    limit = mebibytes(dashboard["resources"]["limits"]["memory"]) * 1.048576
    assert float(measured.group(1)) * 1.2 <= request <= limit


def test_the_ingress_is_sticky_by_cookie_keeps_websockets_open_and_matches_the_replicas_host_and_prefix():
    ingress = one("Ingress", "kca-dashboard")
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/affinity-mode"] == "persistent"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert int(notes["nginx.ingress.kubernetes.io/proxy-send-timeout"]) >= 3600
    dashboard = env(container(one("Deployment", "kca-dashboard")["spec"]["template"]["spec"], "dashboard"))
    rule = ingress["spec"]["rules"][0]
    assert rule["host"] in dashboard["STREAMLIT_SERVER_ALLOWED_HOSTS"].split()
    assert rule["http"]["paths"][0]["path"] == "/" + dashboard["STREAMLIT_SERVER_BASE_URL_PATH"]
    service = one("Service", "kca-dashboard")
    assert rule["http"]["paths"][0]["backend"]["service"]["name"] == service["metadata"]["name"]
    labels = one("Deployment", "kca-dashboard")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()


def test_the_internal_routes_are_refused_to_every_address():
    internal = one("Ingress", "kca-dashboard-internal")
    assert internal["metadata"]["annotations"]["nginx.ingress.kubernetes.io/denylist-source-range"] == "0.0.0.0/0,::/0"
    paths = {p["path"] for p in internal["spec"]["rules"][0]["http"]["paths"]}
    assert "/energy/_stcore/metrics" in paths
    assert not paths & {"/energy/_stcore/health", "/energy/_stcore/host-config", "/energy/_stcore/stream"}


def conf_headers() -> tuple[dict[str, str], dict[str, str]]:
    """The headers deploy/nginx/kca.conf sends on every page, and those of its embed view's own location."""
    conf = (ROOT / "deploy" / "nginx" / "kca.conf").read_text()
    start = conf.index("location = ${KCA_PREFIX}/embed {")
    end = conf.index("\n    }", start)  # the block's own closing brace (${KCA_PREFIX} holds one too)
    embed, rest = conf[start:end], conf[:start] + conf[end:]

    def headers(text: str) -> dict[str, str]:
        return {m[0]: m[1] or m[2] for m in re.findall(r'add_header ([\w-]+) (?:"([^"]+)"|(\S+)) always;', text)}

    return headers(rest), headers(embed)


def test_the_ingress_sends_the_same_security_headers_as_the_nginx_conf():
    pages, embed = conf_headers()
    for ingress_name, configmap_name, in_conf in (
        ("kca-dashboard", "kca-security-headers", pages),
        ("kca-dashboard-embed", "kca-embed-headers", embed),
    ):
        ingress = one("Ingress", ingress_name)["metadata"]["annotations"]
        configmap = one("ConfigMap", configmap_name)
        assert ingress["nginx.ingress.kubernetes.io/custom-headers"] == f"kca/{configmap['metadata']['name']}"
        assert configmap["data"] == in_conf, ingress_name


def test_only_the_embed_view_may_be_framed_and_only_on_its_exact_path():
    pages, embed = conf_headers()
    assert pages["X-Frame-Options"] == "DENY" and pages["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    assert "X-Frame-Options" not in embed and embed["Content-Security-Policy"].endswith("frame-ancestors *")
    # The embed policy is the pages' own but for who may frame it.
    assert embed["Content-Security-Policy"].rsplit(";", 1)[0] == pages["Content-Security-Policy"].rsplit(";", 1)[0]
    [path] = one("Ingress", "kca-dashboard-embed")["spec"]["rules"][0]["http"]["paths"]
    assert path["path"] == "/energy/embed" and path["pathType"] == "Exact"
    assert (
        "nginx.ingress.kubernetes.io/affinity" not in one("Ingress", "kca-dashboard-embed")["metadata"]["annotations"]
    )


def test_the_refresh_is_the_only_writer_and_the_only_holder_of_the_key():
    cronjob = one("CronJob", "kca-refresh")
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    refresh = container(pod, "refresh")
    assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"
    assert refresh["securityContext"]["readOnlyRootFilesystem"] is True and pod["securityContext"]["runAsNonRoot"]
    assert [e["name"] for e in refresh["env"] if "valueFrom" in e] == ["EIA_API_KEY"]
    claim = {v["name"]: v for v in pod["volumes"]}["cache"]["persistentVolumeClaim"]["claimName"]
    dashboard_pod = one("Deployment", "kca-dashboard")["spec"]["template"]["spec"]
    assert {v["name"]: v for v in dashboard_pod["volumes"]}["cache"]["persistentVolumeClaim"] == {
        "claimName": claim,
        "readOnly": True,
    }
    assert one("PersistentVolumeClaim", claim)["spec"]["accessModes"] == ["ReadWriteMany"]
    assert one("NetworkPolicy", "kca-dashboard")["spec"]["egress"] == [], "a replica opens no connection"


def test_the_refresh_entrypoint_seeds_an_empty_volume_and_then_refreshes_it(tmp_path, fakeapi_module):
    # deploy/refresh-entrypoint.sh is what the CronJob and compose's refresh service run.
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,)).start()
    volume = tmp_path / "volume"
    volume.mkdir()
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "CACHE_DIR": str(volume),
        "KCA_SEED": str(ROOT / "cache" / "data"),
        "WORLDBANK_API_URL": f"{api.url}/worldbank/v2",
        "EIA_API_URL": f"{api.url}/eia/v2",
        "COMTRADE_API_URL": f"{api.url}/comtrade/public/v1",
        "EIA_API_KEY": FAKE_KEY,
    }
    try:
        script = str(ROOT / "deploy" / "refresh-entrypoint.sh")
        command = [shutil.which("sh") or "/bin/sh", script, "--source", "worldbank"]
        done = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        api.stop()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "seeded" in done.stdout
    assert {p.name for p in volume.iterdir() if not p.name.startswith(".")} == {"manifest.json", "observations.parquet"}
