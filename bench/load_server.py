"""The server alone under many viewers: N concurrent sessions speaking Streamlit's own websocket protocol.

bench/load.py drives real Chromium, but on this 2-core machine the 30 browsers need several times the CPU
of the server they load (it reports the split), so its figures measure the machine, not the server. Here
each session is what a browser sends and receives, minus the rendering: it opens the page (a rerun with the
URL's query string), then changes the year slider K times, pausing about --think seconds between changes,
either between two ranges shared by all (viewers of a shared link) or, with --unique, to a range no other
change asked for (the worst case: nothing is cached).
The time of a change runs from sending the new widget state to the server's `script_finished` message,
by which point every chart of the new view has reached the socket. Bounded: N, K and a wall-clock limit.
Run: python -m bench.load_server [--sessions 30] [--changes 5] [--think 1.0] [--page overview]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import sys
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from testkit.harness import percentile, server_process, streamlit_server

DONE = ForwardMsg.ScriptFinishedStatus.Name


@dataclass
class Run:
    """What one rerun sent back: the slider's id and range, the URL it wrote, its charts, and how it ended."""

    slider: tuple[str, float, float] | None = None
    query: str = ""
    charts: int = 0
    exception: bool = False
    status: str = ""


@dataclass
class Tally:
    opened: list[float] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def rerun(ws, state: ClientState) -> Run:
    """Send one rerun request and read the server's messages until the script has finished."""
    await ws.send(BackMsg(rerun_script=state).SerializeToString())
    out = Run()
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "slider" and element.slider.label == "Years":
                out.slider = (element.slider.id, element.slider.min, element.slider.max)
            out.charts += which == "vega_lite_chart"
            out.exception |= which == "exception"
        elif kind == "page_info_changed":
            out.query = msg.page_info_changed.query_string
        elif kind == "script_finished":
            out.status = DONE(msg.script_finished)
            if out.status != "FINISHED_EARLY_FOR_RERUN":
                return out


def year_range(low: float, high: float, number: int, unique: bool, i: int) -> tuple[int, int]:
    """The range a change asks for: one of two shared ranges, or (unique) one no other change asks for."""
    if not unique:
        return int(low) + 1 + i % 2, int(high)
    return int(low) + number % 20, int(high) - number // 20


async def session(
    url: str, page: str, changes: int, think: float, tally: Tally, delay: float, index: int = 0, unique: bool = False
) -> None:
    await asyncio.sleep(delay)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None, compression=None) as ws:
            t0 = time.monotonic()
            first = await rerun(ws, ClientState(query_string="", page_name=page))
            tally.opened.append((time.monotonic() - t0) * 1000)
            if first.slider is None or first.exception or not first.charts:
                tally.errors.append(f"page {page} did not draw (status {first.status})")
                return
            slider_id, low, high = first.slider
            for i in range(changes):
                await asyncio.sleep(think * random.uniform(0.5, 1.5))
                state = ClientState(query_string="", page_name=page)
                widget = state.widget_states.widgets.add()
                widget.id = slider_id
                first_year, last_year = year_range(low, high, index * changes + i, unique, i)
                widget.double_array_value.data.extend([first_year, last_year])
                t0 = time.monotonic()
                result = await rerun(ws, state)
                tally.times.append((time.monotonic() - t0) * 1000)
                if result.exception or result.status != "FINISHED_SUCCESSFULLY" or not result.charts:
                    tally.errors.append(f"rerun ended {result.status}, {result.charts} charts")
                elif f"years={first_year}-{last_year}" not in result.query:
                    tally.errors.append("the change did not reach the view")  # the URL mirrors the view
    except Exception as err:  # noqa: BLE001 - a benchmark reports errors, it does not stop on them
        tally.errors.append(f"{type(err).__name__}: {str(err).splitlines()[0][:80] if str(err) else ''}")


async def run(
    urls: list[str], sessions: int, changes: int, think: float, page: str, limit: float, unique: bool = False
) -> dict:
    """Sessions are dealt round-robin to the servers, as a load balancer in front of them would."""
    servers = [server_process(url) for url in urls]
    random.seed(0)
    for url in urls:
        await session(url, page, 1, 0, Tally(), 0)  # the first load of the cache, outside the measurement
    before = sum(s.memory_info().rss for s in servers if s)
    cpu = sum(sum(s.cpu_times()[:2]) for s in servers if s)
    tally = Tally()
    started = time.monotonic()
    tasks = [session(urls[i % len(urls)], page, changes, think, tally, i * 0.3, i, unique) for i in range(sessions)]
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=limit)
    except TimeoutError:
        tally.errors.append(f"time limit {limit:.0f} s reached")
    wall = time.monotonic() - started
    after = sum(s.memory_info().rss for s in servers if s)
    return {
        "page": page,
        "server processes": len(urls),
        "ranges": "unique per change" if unique else "two, shared",
        "sessions": sessions,
        "changes each": changes,
        "think time s": think,
        "open p50 ms": statistics.median(tally.opened) if tally.opened else float("nan"),
        "open p95 ms": percentile(tally.opened, 0.95),
        "measured changes": len(tally.times),
        "change p50 ms": statistics.median(tally.times) if tally.times else float("nan"),
        "change p95 ms": percentile(tally.times, 0.95),
        "errors": len(tally.errors),
        "error kinds": sorted(set(tally.errors)),
        "wall s": wall,
        "server CPU s": sum(sum(s.cpu_times()[:2]) for s in servers if s) - cpu,
        "server MB growth / session": (after - before) / 2**20 / max(sessions, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a viewer looks before a change")
    parser.add_argument("--page", default="overview", help="url path of the page, e.g. dependence")
    parser.add_argument("--limit", type=float, default=180, help="wall-clock limit in seconds")
    parser.add_argument("--unique", action="store_true", help="every change asks for a range nobody asked for")
    parser.add_argument("--processes", type=int, default=1, help="server processes, sessions dealt among them")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(streamlit_server()) for _ in range(args.processes)]
        result = asyncio.run(run(urls, args.sessions, args.changes, args.think, args.page, args.limit, args.unique))
    for key, value in result.items():
        print(f"{key:<28}{value:.1f}" if isinstance(value, float) else f"{key:<28}{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
