/* Map view of the library's filtered results.
 *
 * The data comes from <script type="application/json" id="library-map-data"> (written by
 * Django's json_script); this file is the only code, so the page needs no inline script.
 * The background is our own by default: country outlines (Natural Earth 1:110m, a static
 * file of this site, fetched only by this script) drawn by Leaflet as a vector layer, so the
 * page loads nothing from another host. A deployment with its own tile server configures it
 * (data.tiles); its tiles then cover the outlines, which are fetched only if a tile fails.
 * Markers are HTML elements drawn above either: they show even when neither background
 * loads. Places close to each other are grouped into numbered clusters by
 * Leaflet.markercluster.
 */
(function () {
  "use strict";

  var container = document.getElementById("library-map");
  var source = document.getElementById("library-map-data");
  if (!container || !source || typeof window.L === "undefined") {
    return;
  }
  var data;
  try {
    data = JSON.parse(source.textContent);
  } catch (error) {
    return;
  }
  var places = data.places || [];
  if (!places.length) {
    container.hidden = true;
    return;
  }

  var L = window.L;
  // maxZoom on the map itself: without a tile layer (tiles off) markercluster needs it.
  var map = L.map(container, { scrollWheelZoom: false, worldCopyJump: true, keyboard: true, maxZoom: 18 });
  map.attributionControl.setPrefix(false);

  // The outlines live in their own pane, under the tiles' pane and the markers (see
  // library.css). Near-white land on the map's light blue sea, thin grey borders: the
  // markers (dark green, #0b5d4b) keep 7.2:1 on land, 6.3:1 on sea and 3:1 on a border
  // (WCAG 1.4.11 asks 3:1), and their numbers stay white on dark green (7.8:1).
  map.createPane("basemap");
  var basemapRequested = false;
  function drawBasemap() {
    if (basemapRequested) { return; }
    basemapRequested = true;
    if (!data.basemap || typeof window.fetch !== "function") {
      container.classList.add("tiles-unavailable");
      return;
    }
    window.fetch(data.basemap, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("basemap: HTTP " + response.status); }
        return response.json();
      })
      .then(function (world) {
        L.geoJSON(world, {
          pane: "basemap",
          interactive: false,
          attribution: "Natural Earth",
          style: { color: "#a7a293", weight: 0.8, opacity: 1, fillColor: "#f8f6f0", fillOpacity: 1 }
        }).addTo(map);
        container.classList.add("basemap-drawn");
      })
      .catch(function () {
        // No background at all: keep the markers, and say why the map looks empty.
        container.classList.add("tiles-unavailable");
      });
  }

  if (data.tiles) {
    var tiles = L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.attribution || "" });
    // A tile failed: draw our outlines under the tiles, so the holes show the countries.
    tiles.on("tileerror", drawBasemap);
    tiles.addTo(map);
  } else {
    drawBasemap();
  }

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text == null ? "" : String(text);
    return element.innerHTML;
  }

  function popupContent(place) {
    var html = "<strong>" + escapeHtml(place.name) + "</strong><ul class=\"map-popup-list\">";
    place.items.forEach(function (item) {
      html += "<li><a href=\"" + escapeHtml(item.url) + "\">" + escapeHtml(item.title) + "</a> <span class=\"meta\">(" +
        escapeHtml(item.kind) + ")</span></li>";
    });
    return html + "</ul>";
  }

  function placeIcon(count) {
    return L.divIcon({
      className: "place-marker",
      html: "<span>" + (count > 1 ? count : "") + "</span>",
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      popupAnchor: [0, -12]
    });
  }

  var group = typeof L.markerClusterGroup === "function"
    ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 })
    : L.featureGroup();
  var bounds = [];
  places.forEach(function (place) {
    var position = [place.lat, place.lng];
    var marker = L.marker(position, {
      icon: placeIcon(place.items.length),
      title: place.name + " (" + place.items.length + ")",
      alt: place.name,
      keyboard: true,
      riseOnHover: true
    });
    if (place.items.length === 1) {
      // A single item: the marker leads straight to it (Enter works too).
      marker.on("click", function () { window.location.href = place.items[0].url; });
      marker.on("keypress", function (event) {
        if (event.originalEvent && event.originalEvent.key === "Enter") {
          window.location.href = place.items[0].url;
        }
      });
    } else {
      marker.bindPopup(popupContent(place));
    }
    group.addLayer(marker);
    bounds.push(position);
  });
  group.addTo(map);
  // Tiles carry detail down to streets; 1:110m outlines only make sense at country scale.
  var closest = data.tiles ? 10 : 6;
  if (bounds.length === 1) {
    map.setView(bounds[0], Math.min(9, closest));
  } else {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: closest });
  }
})();
