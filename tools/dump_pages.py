"""Everything AppTest sees on every page, in every language, as JSON: the before-and-after check of a refactor.

`python -m tools.dump_pages OUT_DIR [--app dashboard/app.py]` writes one file per page, language and link (the
element tree with each element's proto, chart specs and datasets decoded); `diff -r` two such folders. The app
may be another checkout's (`--app ../old/dashboard/app.py`): this module imports nothing of the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pyarrow as pa
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

LANGS = ("en", "ko", "ru")
# (page, query parameters): each page's default view and the links that open its other sections.
LINKS: tuple[tuple[str, dict[str, str]], ...] = (
    ("overview", {}),
    ("overview", {"countries": "KOR,KAZ,JPN", "years": "2000-2020", "events": "0"}),
    ("dependence", {}),
    ("dependence", {"compare": "peers,WLD", "peer": "energy_imports_net_pct"}),
    ("dependence", {"compare": "suppliers", "peer": "dependence_gas_pct", "log": "1"}),
    ("resources", {}),
    ("resources", {"compare": "WLD", "share": "1", "indicator": "gas_production"}),
    ("resources", {"indicator": "crude_reserves", "pc": "1", "countries": "KAZ,TKM"}),
    ("supply", {}),
    ("supply", {"fuel": "gas", "measure": "physical", "exporters": "TKM,QAT"}),
    ("supply", {"suppliers": "1", "flow": "net_exports", "fuel": "coal"}),
    ("supply", {"suppliers": "1", "flow": "production", "fuel": "petroleum", "measure": "energy"}),
    ("cooperation", {}),
    ("cooperation", {"area": "climate", "countries": "KOR,UZB,CHN"}),
    ("sources", {}),
    ("overview", {"countries": "nonsense", "years": "3000-1", "fuel": "x" * 300}),
)


def _arrow(data: bytes) -> list[dict]:
    return json.loads(pa.ipc.open_stream(data).read_all().to_pandas().to_json(orient="split", date_format="iso"))


def _element(proto) -> dict:
    oneof = hasattr(proto, "WhichOneof") and "type" in proto.DESCRIPTOR.oneofs_by_name
    kind = proto.WhichOneof("type") if oneof else None
    body = getattr(proto, kind) if kind else proto
    out = {"type": kind or type(proto).__name__, "proto": MessageToDict(body, preserving_proto_field_name=True)}
    p = out["proto"]
    p.pop("deferred_file_id", None)  # a fresh random id on every run
    if "spec" in p:  # a vega-lite chart: spec as JSON, datasets as tables
        p["spec"] = json.loads(p["spec"])
        p["datasets"] = [{"name": d.name, "rows": _arrow(d.data.data)} for d in body.datasets]
    if "data" in p and hasattr(body, "data") and isinstance(body.data, bytes) and body.data:
        p["data"] = _arrow(body.data)  # a dataframe
    return out


def _walk(node) -> dict:
    children = getattr(node, "children", None)
    if children is not None:
        return {"block": type(node).__name__, "children": [_walk(children[k]) for k in sorted(children)]}
    return _element(node.proto)


def dump(app: str, page: str, lang: str, params: dict[str, str]) -> dict:
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    at.run()
    return {
        "exceptions": [e.value for e in at.exception],
        "main": _walk(at.main),
        "sidebar": _walk(at.sidebar),
        "query": {k: at.query_params[k] for k in sorted(at.query_params)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--app", default=str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for n, (page, params) in enumerate(LINKS):
        for lang in LANGS:
            found = dump(args.app, page, lang, params)
            name = f"{n:02d}-{page}-{lang}.json"
            text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True)
            # A widget's id hashes the page script's path too: another checkout's ids differ in that alone.
            text = re.sub(r"\$\$ID-[0-9a-f]{32}-", "$$ID-", text)
            (args.out / name).write_text(text + "\n")
            print(name, "exceptions:", len(found["exceptions"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
