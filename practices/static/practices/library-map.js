/* Map view of the library's filtered results.
 *
 * The data comes from <script type="application/json" id="library-map-data"> (written by
 * Django's json_script); this file is the only code, so the page needs no inline script.
 * Markers are HTML elements drawn by Leaflet above the tiles: they show even when the tile
 * server cannot be reached (or when no tile server is configured at all). Places close to
 * each other are grouped into numbered clusters by Leaflet.markercluster.
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

  if (data.tiles) {
    var tiles = L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.attribution || "" });
    tiles.on("tileerror", function () {
      // The background failed: keep the markers, and say why the map looks empty.
      container.classList.add("tiles-unavailable");
    });
    tiles.addTo(map);
  } else {
    container.classList.add("tiles-unavailable");
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
  if (bounds.length === 1) {
    map.setView(bounds[0], 9);
  } else {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
  }
})();
