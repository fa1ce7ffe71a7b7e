"""Two replicas behind a real nginx running deploy/nginx/kca.conf, on loopback, driven by Chromium and by hand.

The replicas share one cache folder, as they share a mounted volume in production. nginx's access log (the
conf's `kca` format) says which replica served each request, which is how stickiness and failover are seen;
a websocket's line is written when it closes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.server
import os
import re
import shutil
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit
import yaml

from testkit import proxy
from testkit.harness import (
    APP_IDLE,
    CHART,
    DESKTOP,
    EXCEPTION,
    SLIDER,
    chromium,
    chromium_path,
    wait_until_drawn,
)
from tests.conftest import FAKE_KEY, ROOT, refresh_worldbank

PREFIX = "energy"
SIDEBAR = '[data-testid="stSidebar"]'
NEW_DATE = "2026-10-31"
# What each replica is told, as compose.yaml and the Deployment tell theirs the public name.
REPLICA_ENV = {"STREAMLIT_SERVER_ALLOWED_HOSTS": "127.0.0.1 localhost"}
# Installed in every page before its own scripts: Content-Security-Policy violations, and every connection
# state the app passes through (a reconnection can be over between two polls).
WATCH = """window.__csp = []; window.__states = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
new MutationObserver(changes => changes.forEach(c => window.__states.push(c.target.getAttribute(c.attributeName))))
    .observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-connection-state']});"""
RECONNECTED = "() => window.__states.some(s => s !== 'CONNECTED') && window.__states.at(-1) === 'CONNECTED'"
pytestmark = [pytest.mark.deploy, pytest.mark.browser]


@dataclass
class Site:
    """Replicas, nginx in front of them, and the cache folder they share."""

    replicas: list[proxy.Replica]
    front: proxy.Proxy
    cache: Path

    def log(self) -> list[dict]:
        return proxy.access_log(self.front.log)


def address(replica: proxy.Replica) -> str:
    return f"127.0.0.1:{replica.port}"


def required(found: bool, what: str, package: str) -> None:
    """Skip without `what`, except in CI, where .ci/run installs it and its absence is a failure."""
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no {what}: .ci/run must install it")
        pytest.skip(f"no {what} (apt-get install {package}): the nginx tests are skipped")


def eventually(check: Callable[[], bool], seconds: float, what: str) -> None:
    """Wait until check() holds, at most `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds:.0f} s: {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def nginx_binary() -> str:
    path = proxy.nginx_path()
    required(path is not None, "nginx", "nginx")
    return str(path)


@pytest.fixture(scope="module")
def browser():
    required(chromium_path() is not None, "Chromium at /usr/bin/chromium", "chromium")
    with chromium() as b:
        yield b


def start_site(tmp: Path, snapshot_dir: Path) -> Iterator[Site]:
    cache = tmp / "cache"
    shutil.copytree(snapshot_dir, cache, ignore=shutil.ignore_patterns(".*"))
    with proxy.site(2, cache, PREFIX, REPLICA_ENV) as (servers, front):
        yield Site(servers, front, cache)


@pytest.fixture(scope="module")
def site(nginx_binary, tmp_path_factory, snapshot_dir) -> Iterator[Site]:
    """Two replicas on one shared copy of the snapshot, behind nginx, for the whole module."""
    yield from start_site(tmp_path_factory.mktemp("site"), snapshot_dir)


@pytest.fixture
def own_site(nginx_binary, tmp_path, snapshot_dir) -> Iterator[Site]:
    """A site of the test's own, for a test that stops one of its replicas."""
    yield from start_site(tmp_path, snapshot_dir)


def get(url: str, headers: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET url: (status, headers with lower-case names, body as sent), for errors too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def route_to(site: Site, replica: proxy.Replica) -> str:
    """A route cookie that nginx sends to `replica`: new arrivals draw routes until one lands there."""
    for _ in range(64):  # each lands there with chance about 1/2: 64 misses in a row do not happen
        _, headers, _ = get(f"{site.front.url}/_stcore/health")
        route = re.search(r"kca_route=(\w+)", headers.get("set-cookie", ""))
        assert route, f"nginx set no route cookie: {headers}"
        served = [e for e in site.log() if e["route"] == route.group(1)]
        if served and served[-1]["upstream"] == address(replica):
            return route.group(1)
    pytest.fail(f"no route reached {address(replica)}")


def viewer(browser, site: Site, replica: proxy.Replica):
    """A new browser (its own cookies) that nginx routes to `replica`, with the page watch installed."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.add_cookies(
        [{"name": "kca_route", "value": route_to(site, replica), "domain": "127.0.0.1", "path": f"/{PREFIX}/"}]
    )
    context.add_init_script(WATCH)
    return context.new_page()


def route_of(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "kca_route")


def at_replicas(site: Site, entries: list[dict]) -> list[dict]:
    """The requests that nginx passed to a replica: not those it answered itself, from its cache, or through
    its compressing server (static assets, the same from every replica)."""
    replicas = {address(r) for r in site.replicas}
    return [e for e in entries if set(e["upstream"].split(", ")) <= replicas]


def served_by(site: Site, route: str) -> list[dict]:
    """The route's requests that reached a replica."""
    return at_replicas(site, [e for e in site.log() if e["route"] == route])


def close_and_log_websockets(site: Site, page, count: int = 1) -> list[dict]:
    """Close the viewer's browser and wait for nginx to log its websockets (written as they close)."""
    route = route_of(page)
    page.context.close()
    streams = lambda: [e for e in served_by(site, route) if e["path"].endswith("/_stcore/stream")]  # noqa: E731
    eventually(lambda: len(streams()) >= count, 10, f"{count} websocket(s) of route {route} logged")
    return served_by(site, route)


def test_internal_routes_are_refused_through_the_proxy_and_every_response_has_the_security_headers(site):
    replica = site.replicas[0]
    assert get(f"{replica.url}/_stcore/metrics")[0] == 200, "the replica itself serves its metrics"
    for route in ("metrics", "agent/openapi.json", "script-health-check", "upload_file/a/b", "bidi-components/x"):
        status, headers, _ = get(f"{site.front.url}/_stcore/{route}")
        assert status == 404, route
        assert "frame-ancestors 'none'" in headers["content-security-policy"], route
    assert get(f"{site.front.url}/_stcore/health")[2] == b"ok"  # the browser pings it before it reconnects
    assert get(f"{site.front.url}/_stcore/host-config")[0] == 200
    assert get(site.front.url.removesuffix(f"/{PREFIX}") + "/")[0] == 404, "nothing is served outside the prefix"
    status, headers, _ = get(f"{site.front.url}/")
    assert status == 200
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    policy = dict(d.strip().split(" ", 1) for d in headers["content-security-policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'" and "'unsafe-eval'" not in policy["script-src"]
    assert "kca_route=" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]


def test_the_policy_allows_exactly_the_inline_script_of_the_installed_streamlit(site):
    # If a Streamlit upgrade changes its index.html's inline script, the hash in kca.conf must follow.
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    digests = (base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() for script in inline)
    hashes = {f"'sha256-{digest}'" for digest in digests}
    _, headers, _ = get(f"{site.front.url}/")
    script_src = next(d for d in headers["content-security-policy"].split(";") if d.strip().startswith("script-src"))
    assert hashes == set(re.findall(r"'sha256-[^']+'", script_src))


def test_static_assets_are_compressed_once_and_then_served_from_the_proxy_cache(site):
    _, _, page = get(f"{site.front.url}/", {"Accept-Encoding": "gzip"})
    bundle = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', gzip.decompress(page)).group(1).decode()
    answers = [get(f"{site.front.url}/{bundle}", {"Accept-Encoding": encoding}) for encoding in ("gzip", "gzip, br")]
    for status, headers, body in answers:
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]
        assert len(gzip.decompress(body)) > 3 * len(body)
    assert answers[-1][1]["x-cache-status"] == "HIT", "a second Accept-Encoding string is the same cached copy"
    status, headers, body = get(f"{site.front.url}/{bundle}")  # a client that takes no gzip gets the plain copy
    assert status == 200 and "content-encoding" not in headers and body == gzip.decompress(answers[0][2])
    # A query string is no way around the cache: every variant is the cached copy, never a trip to a replica.
    for n in range(3):
        _, headers, _ = get(f"{site.front.url}/{bundle}?bust={n}", {"Accept-Encoding": "gzip"})
        assert headers["x-cache-status"] == "HIT", n


def handshake(site: Site, host: str) -> str:
    """The status line nginx answers a websocket handshake for the app's stream sent with this Host."""
    port = int(site.front.url.split(":")[2].split("/")[0])
    request = (
        f"GET /{PREFIX}/_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\nSec-WebSocket-Version: 13\r\n"
        f"Sec-WebSocket-Protocol: streamlit\r\nOrigin: http://{host}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request.encode())
        return s.recv(4096).split(b"\r\n", 1)[0].decode()


def test_the_public_host_name_reaches_the_replicas_so_a_websocket_for_another_name_is_refused(site):
    # nginx passes the browser's Host on ($http_host): each replica's server.allowedHosts sees the real name.
    port = site.front.url.split(":")[2].split("/")[0]
    assert handshake(site, f"127.0.0.1:{port}").split()[1] == "101"
    assert handshake(site, f"rebound.example:{port}").split()[1] == "403"


def test_each_viewer_stays_on_one_replica_for_its_page_websocket_and_download_and_sees_its_charts(browser, site):
    for replica in site.replicas:
        page = viewer(browser, site, replica)
        page.goto(f"{site.front.url}/dependence")
        assert wait_until_drawn(page, timeout_ms=60000) == 5
        assert page.locator(EXCEPTION).count() == 0
        assert page.evaluate("window.__csp") == [], "the security policy blocked part of the page"
        expander = page.locator('[data-testid="stExpander"]').filter(has_text="Table, downloads and citation").first
        expander.get_by_text("Table, downloads and citation").click()
        csv = expander.get_by_role("button", name="CSV", exact=True)
        csv.wait_for(timeout=30000)
        # The button appears while the rerun that opens the table still runs; clicked before it ends, the
        # click can ask for a file the rerun's end replaces. Wait until the page has been idle a while.
        wait_until_drawn(page, timeout_ms=60000)
        with page.expect_download(timeout=30000) as download:  # made on click, held by the replica that made it
            csv.click()
        assert "name,year,value" in Path(download.value.path()).read_text().splitlines()[0]
        served = close_and_log_websockets(site, page)
        kinds = {"page": "/dependence", "websocket": "/_stcore/stream", "download": "/media/"}
        assert all(any(w in e["path"] for e in served) for w in kinds.values()), [e["path"] for e in served]
        assert {e["upstream"] for e in served} == {address(replica)}


def catalog_download(page) -> str:
    """The sources page's catalog as the viewer downloads it: made on click from the page's last run."""
    with page.expect_download(timeout=30000) as download:
        page.get_by_role("button", name="Download the catalog (CSV)").click()
    return Path(download.value.path()).read_text()


def test_a_refresh_written_to_the_shared_folder_shows_on_both_replicas_at_their_next_rerun(
    browser, site, fakeapi_module
):
    pages = [viewer(browser, site, replica) for replica in site.replicas]
    for page in pages:
        page.goto(f"{site.front.url}/sources")
        wait_until_drawn(page, timeout_ms=60000)
        assert NEW_DATE not in catalog_download(page)
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,), wb_lastupdated=NEW_DATE).start()
    try:
        refresh_worldbank(api.url, site.cache)  # the scheduled job's own process, writing the shared folder
    finally:
        api.stop()
    for page in pages:  # a widget change reruns the script in the same session: no reload, no restart
        # The language picker is this page's one control: to Korean and back, two reruns.
        for language in ("한국어", "English"):
            query = page.evaluate("location.search")
            page.locator(SIDEBAR).get_by_role("radio", name=language, exact=True).click()
            page.wait_for_function(f"() => location.search !== {query!r}", timeout=30000)
            wait_until_drawn(page, timeout_ms=60000)
        assert NEW_DATE in catalog_download(page)
        assert page.locator(EXCEPTION).count() == 0
    for page, replica in zip(pages, site.replicas, strict=True):
        assert {e["upstream"] for e in close_and_log_websockets(site, page)} == {address(replica)}


def test_a_viewer_on_a_replica_that_dies_reconnects_through_the_proxy_to_the_other_and_sees_its_page(browser, own_site):
    gone, other = own_site.replicas
    page = viewer(browser, own_site, gone)
    page.goto(f"{own_site.front.url}/dependence?years=2007-2020")
    assert wait_until_drawn(page, timeout_ms=60000) == 5
    mark = len(own_site.log())
    os.kill(gone.process.pid, signal.SIGKILL)  # a crash: no goodbye to its websockets
    gone.process.wait(timeout=10)

    page.wait_for_function(RECONNECTED, timeout=30000, polling=50)
    page.wait_for_selector(APP_IDLE, timeout=30000)
    page.locator(SLIDER).first.press("ArrowRight")  # the page still works: a change reruns it on the other
    page.wait_for_function("() => location.search.includes('years=2008-2020')", timeout=30000)
    assert wait_until_drawn(page, timeout_ms=60000) == 5
    assert page.locator(EXCEPTION).count() == 0

    route = route_of(page)
    close_and_log_websockets(own_site, page, count=2)
    after = at_replicas(own_site, [e for e in own_site.log()[mark:] if e["route"] == route])
    # An address list ("A, B") is a request nginx passed on to the next replica when the first refused it.
    last = [(e["path"].rsplit("/", 1)[-1], e["upstream"].split(", ")[-1]) for e in after]
    assert last[0] == ("stream", address(gone)), "the old websocket ended when its replica died"
    assert {upstream for _, upstream in last[1:]} == {address(other)}, last
    assert ("stream", address(other)) in last[1:], "the new websocket was on the other replica"


def test_compose_gives_nginx_every_placeholder_and_mounts_the_cache_read_only_in_every_replica():
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())["services"]
    front, dashboard, refresh = compose["nginx"], compose["dashboard"], compose["refresh"]
    given = front["environment"]
    assert proxy.placeholders(proxy.CONF.read_text()) <= set(given), "a ${KCA_...} the image would leave unfilled"
    assert given["NGINX_ENVSUBST_FILTER"] == "^KCA_"  # nginx's own $variables stay as they are
    assert "./nginx/kca.conf:/etc/nginx/templates/default.conf.template:ro" in front["volumes"]
    replica = dashboard["environment"]
    assert "/" + replica["STREAMLIT_SERVER_BASE_URL_PATH"] == given["KCA_PREFIX"]
    assert replica["STREAMLIT_SERVER_ALLOWED_HOSTS"] == given["KCA_SERVER_NAME"]
    assert dashboard["volumes"] == ["cache:/app/cache/data:ro"] and dashboard["read_only"] is True
    assert "env_file" not in dashboard, "the replicas hold no secret"
    assert refresh["volumes"] == ["cache:/app/cache/data"]


def test_the_embed_view_alone_may_be_framed_and_sends_no_route_cookie(site):
    status, headers, _ = get(f"{site.front.url}/embed?chart=coverage")
    assert status == 200 and "x-frame-options" not in headers and "set-cookie" not in headers
    policy = dict(d.strip().split(" ", 1) for d in headers["content-security-policy"].split(";"))
    assert policy["frame-ancestors"] == "*" and "'unsafe-eval'" not in policy["script-src"]
    for path in ("", "supply", "embedded", "sources"):  # every other page is refused a frame
        _, others, _ = get(f"{site.front.url}/{path}")
        assert others.get("x-frame-options") == "DENY", (path, others)
        assert "frame-ancestors 'none'" in others["content-security-policy"], path


@contextmanager
def other_origin(html: str) -> Iterator[str]:
    """A page of another site (localhost, not 127.0.0.1: another origin, and another site for cookies)."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_news_site_frames_the_embed_view_across_two_replicas_but_no_other_page(browser, site):
    embed = f"{site.front.url}/embed?embed=true&chart=coverage&fuel=gas"
    html = f'<iframe id="chart" src="{embed}" width="720" height="560"></iframe>' + (
        f'<iframe id="page" src="{site.front.url}/supply" width="720" height="300"></iframe>'
    )
    with other_origin(html) as url:
        for _ in range(3):  # fresh viewers: no route cookie reaches a cross-site frame, any replica may serve it
            page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            page.goto(url)
            frame = page.frame_locator("#chart")
            frame.locator(CHART).first.wait_for(timeout=60000)
            assert frame.locator(CHART).count() == 1  # exactly one chart
            assert frame.get_by_text("Source: derived from U.S. EIA").count() == 1
            link = frame.get_by_role("link", name=re.compile("Open the full view"))
            assert "/supply?" in link.get_attribute("href") and link.get_attribute("target") == "_blank"
            assert frame.locator(SIDEBAR).count() == 0  # no navigation inside the frame
            time.sleep(1)
            assert page.frame_locator("#page").locator('[data-testid="stApp"]').count() == 0  # refused
            page.context.close()
    replicas = {e["upstream"] for e in at_replicas(site, site.log()) if "/embed" in e["path"]}
    assert replicas, "nginx logged no embed page"
