"""Rebuild dashboard/assets/region.geojson from world-atlas TopoJSON (standard library only).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m tools.build_boundaries package/      # or: make boundaries ATLAS=package/

The six countries come from the 1:50m file (Kyrgyzstan and Tajikistan need the detail); the neighbours,
drawn in grey for context, from the 1:110m file. Coordinates are rounded to 0.01° (about 1 km).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# ISO 3166 numeric -> alpha-3, as world-atlas keys features by the numeric code.
OURS = {"410": "KOR", "398": "KAZ", "860": "UZB", "795": "TKM", "417": "KGZ", "762": "TJK"}
NEIGHBOURS = {
    "643": "RUS",
    "156": "CHN",
    "496": "MNG",
    "004": "AFG",
    "364": "IRN",
    "586": "PAK",
    "408": "PRK",
    "392": "JPN",
    "031": "AZE",
}
OUT = Path(__file__).resolve().parent.parent / "dashboard" / "assets" / "region.geojson"


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    decoded = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indices:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend([list(p) for p in (points if not ring else points[1:])])
    return ring


def features(path: Path, wanted: dict[str, str], role: str) -> list[dict]:
    topo = json.loads(path.read_text())
    arcs = _arcs(topo)
    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso3 = wanted.get(str(geometry.get("id")))
        if iso3 is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coordinates = [[_ring(ring, arcs) for ring in polygon] for polygon in polygons]
        out.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"iso3": iso3, "name": geometry["properties"]["name"], "role": role},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        )
    return out


def main(folder: str) -> None:
    base = Path(folder)
    collection = {
        "type": "FeatureCollection",
        "features": features(base / "countries-110m.json", NEIGHBOURS, "neighbour")
        + features(base / "countries-50m.json", OURS, "country"),
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")))
    print(f"{OUT}: {len(collection['features'])} features, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")
