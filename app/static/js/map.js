// The map of the local offer: every element with data-map-source becomes a Leaflet map
// whose markers come from the GeoJSON endpoint (same visibility as search). With
// data-map-list, the list of that id shows the same items in the same order; with
// data-map-form, that form's filters update the map and the list without a reload.
// Nothing asks for the browser's location: "near" is a town typed in the form.
(function () {
  "use strict";
  const BELGIUM = [50.6, 4.6];

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_match, name) {
      return values[name] === undefined ? "" : String(values[name]);
    });
  }

  function markerIcon(kind) {
    return L.divIcon({
      className: "map-marker map-kind-" + kind,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      popupAnchor: [0, -9],
    });
  }

  function describe(element, properties) {
    const parts = [properties.kind_label, properties.place];
    if (properties.distance_km !== null && properties.distance_km !== undefined) {
      parts.push(format(element.dataset.textKm, { km: properties.distance_km }));
    }
    return parts.filter(Boolean).join(" · ");
  }

  function popupContent(element, properties) {
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = properties.url;
    link.className = "map-popup-link";
    link.textContent = properties.title;
    const facts = document.createElement("div");
    facts.className = "small text-body-secondary";
    facts.textContent = describe(element, properties);
    box.append(link, facts);
    return box;
  }

  function listItem(element, feature, number) {
    const properties = feature.properties;
    const item = document.createElement("li");
    item.className = "list-group-item";
    item.dataset.key = feature.id;
    const rank = document.createElement("span");
    rank.className = "map-rank";
    rank.textContent = number + ".";
    const link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    const swatch = document.createElement("span");
    swatch.className = "map-swatch map-kind-" + properties.kind;
    swatch.setAttribute("aria-hidden", "true");
    const facts = document.createElement("span");
    facts.className = "small text-body-secondary";
    facts.textContent = describe(element, properties);
    item.append(rank, " ", link, " ", swatch, " ", facts);
    return item;
  }

  // The list shows a page of the markers at a time; "show more" adds the next page, so
  // that a phone is not handed hundreds of items at once. The server's page links no
  // longer fit the new filters: the button replaces them.
  function renderList(element, list, data) {
    list.replaceChildren();
    list.removeAttribute("start");
    const perPage = Number(list.dataset.perPage) || 50;
    const pages = document.getElementById("map-list-pages");
    if (pages) pages.replaceChildren();
    if (!data.features.length) {
      const empty = document.createElement("li");
      empty.className = "list-group-item";
      empty.textContent = element.dataset.textNone;
      list.append(empty);
    }
    let shown = 0;
    function more() {
      data.features.slice(shown, shown + perPage).forEach(function (feature, i) {
        list.append(listItem(element, feature, shown + i + 1));
      });
      shown = Math.min(shown + perPage, data.features.length);
      if (!pages) return;
      pages.replaceChildren();
      if (shown < data.features.length) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-outline-secondary btn-sm mt-2";
        button.id = "map-list-more";
        button.textContent = format(element.dataset.textMore, {
          count: Math.min(perPage, data.features.length - shown),
        });
        button.addEventListener("click", function () {
          const first = shown;
          more();
          const added = list.children[first];
          if (added) added.querySelector("a").focus();
        });
        pages.append(button);
      }
    }
    more();
    const count = document.getElementById("map-count");
    if (count) {
      count.textContent = data.truncated
        ? format(element.dataset.textCount, { shown: data.features.length, total: data.total })
        : String(data.total);
    }
  }

  function setUp(element) {
    const map = L.map(element, { keyboard: true }).setView(BELGIUM, 7);
    if (element.dataset.tileUrl) {
      // Tiles that cannot load (no network) leave the markers and the list working.
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution,
        maxZoom: 18,
      }).addTo(map);
    }
    const cluster = L.markerClusterGroup({ showCoverageOnHover: false });
    map.addLayer(cluster);
    const list = element.dataset.mapList
      ? document.getElementById(element.dataset.mapList)
      : null;
    const form = element.dataset.mapForm
      ? document.getElementById(element.dataset.mapForm)
      : null;
    let current = 0;

    function show(params, initial) {
      const asked = ++current;
      element.setAttribute("aria-busy", "true");
      fetch(element.dataset.mapSource + "?" + params, {
        headers: { Accept: "application/geo+json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (answer) {
          if (asked !== current) return; // a later filter has been asked for
          element.removeAttribute("aria-busy");
          cluster.clearLayers();
          if (!answer.ok) {
            if (list) {
              list.replaceChildren();
              const problem = document.createElement("li");
              problem.className = "list-group-item text-danger";
              problem.textContent = answer.data.message || element.dataset.textError;
              list.append(problem);
            }
            return;
          }
          const markers = answer.data.features.map(function (feature) {
            const coordinates = feature.geometry.coordinates;
            const marker = L.marker([coordinates[1], coordinates[0]], {
              icon: markerIcon(feature.properties.kind),
              title: feature.properties.title,
              alt: feature.properties.title,
              keyboard: true,
            });
            marker.bindPopup(popupContent(element, feature.properties));
            return marker;
          });
          cluster.addLayers(markers);
          if (markers.length) {
            map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 12 });
          }
          // The page came with the list of these very filters: it stays as served.
          if (list && !initial) renderList(element, list, answer.data);
          element.dataset.mapLoaded = String(markers.length);
        })
        .catch(function () {
          element.removeAttribute("aria-busy");
          element.dataset.mapLoaded = "error";
        });
    }

    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        const params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
          if (value !== "") params.append(name, value);
        });
        history.replaceState(null, "", form.action.split("?")[0] + "?" + params);
        show(params.toString());
      });
      form.querySelectorAll("input[type=checkbox], select").forEach(function (input) {
        input.addEventListener("change", function () {
          form.requestSubmit();
        });
      });
    }
    show(element.dataset.mapParams || "", true);
  }

  function start() {
    if (typeof L === "undefined") return; // Leaflet missing: the list still works
    document.querySelectorAll("[data-map-source]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
