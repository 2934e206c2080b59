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


def unwrap(points):
    """The ring without jumps across the antimeridian (180 -> -180): longitudes may pass 180.

    TopoJSON is drawn on the sphere, where such a jump is a short step; a flat map (Leaflet)
    would draw it as a line across the whole world. A ring around the pole (Antarctica)
    cannot be unwrapped into a closed ring and is kept as it is."""
    result, shift = [list(points[0])], 0
    for (previous, _), (lng, lat) in zip(points, points[1:], strict=False):
        if lng - previous > 180:
            shift -= 360
        elif lng - previous < -180:
            shift += 360
        result.append([round(lng + shift, DECIMALS), lat])
    return result if result[0] == result[-1] else [list(point) for point in points]


def shifted(rings, by):
    return [[[round(lng + by, DECIMALS), lat] for lng, lat in r] for r in rings]


def polygons(rings, arcs):
    """One polygon, plus a copy on the other side of the world when it crosses the antimeridian
    (so Chukotka and Fiji show at both edges of the map)."""
    result = [unwrap(r) for r in (ring(indexes, arcs) for indexes in rings) if r]
    if not result:
        return []
    longitudes = [lng for lng, _ in result[0]]
    copies = [result]
    if max(longitudes) > 180:
        copies.append(shifted(result, -360))
    if min(longitudes) < -180:
        copies.append(shifted(result, 360))
    return copies


def geometry(source, arcs):
    groups = {"Polygon": [source.get("arcs")], "MultiPolygon": source.get("arcs")}.get(source["type"], [])
    shapes = [shape for rings in groups for shape in polygons(rings, arcs)]
    if not shapes:
        return None
    if len(shapes) == 1:
        return {"type": "Polygon", "coordinates": shapes[0]}
    return {"type": "MultiPolygon", "coordinates": shapes}


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
