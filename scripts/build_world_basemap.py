"""Build the library map's self-hosted basemap: country outlines as a compact GeoJSON.

The source is `countries-110m.json` of the npm package world-atlas (Natural Earth 1:110m
Admin 0 countries, public domain data; the package is ISC-licensed), a TopoJSON file. This
script decodes its arcs (no Node.js library needed), rounds the coordinates, drops points
that rounding made identical and the names (the map never shows them), and writes a
GeoJSON FeatureCollection that Leaflet draws as it is. Run once when updating the data;
the result is committed, nothing is downloaded at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_basemap.py package/countries-110m.json

Writes practices/static/practices/vendor/world-atlas/countries-110m.geo.json by default
(second argument to change it).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "practices" / "static" / "practices" / "vendor" / "world-atlas" / "countries-110m.geo.json"
# 0.01 degree is about 1 km, finer than the 1:110m data itself (its grid is 0.0036 x 0.0017).
DECIMALS = 2


def decode_arcs(topology):
    """Absolute [lng, lat] points of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (scale_x, scale_y), (translate_x, translate_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * scale_x + translate_x, DECIMALS), round(y * scale_y + translate_y, DECIMALS)))
        arcs.append(points)
    return arcs


def ring(indexes, arcs):
    """A closed ring from arc indexes (a negative index ~i means arc i reversed)."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for point in arc[1:] if points else arc:  # consecutive arcs share their end point
            if not points or points[-1] != point:
                points.append(list(point))
    return points if len(points) >= 4 else None


def polygon(rings, arcs):
    result = [r for r in (ring(indexes, arcs) for indexes in rings) if r]
    return result or None


def geometry(source, arcs):
    if source["type"] == "Polygon":
        rings = polygon(source["arcs"], arcs)
        return {"type": "Polygon", "coordinates": rings} if rings else None
    if source["type"] == "MultiPolygon":
        polygons = [p for p in (polygon(rings, arcs) for rings in source["arcs"]) if p]
        return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None
    return None


def build(topology):
    arcs = decode_arcs(topology)
    features = []
    for source in topology["objects"]["countries"]["geometries"]:
        shape = geometry(source, arcs)
        if shape:
            features.append({"type": "Feature", "properties": {}, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    topology = json.loads(Path(argv[1]).read_text())
    output = Path(argv[2]) if len(argv) > 2 else OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(build(topology), separators=(",", ":")) + "\n")
    print(f"{output}: {output.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv)
