/* newsgraph: events as points on an offline world map (SVG, equirectangular projection).
 * The outline is world-atlas's countries-110m TopoJSON, unpacked by topojson-client, both
 * served from /vendor/. Every element is built with createElementNS / setAttribute /
 * textContent; nothing from the store is ever parsed as HTML.
 * Any element with a data-worldmap attribute becomes a map: data-actor="X" shows that actor's
 * events, otherwise the page's own filters (actor, type, since, until, near, km, placed) apply. */
"use strict";

window.NewsgraphMap = (function () {
  const N = window.Newsgraph;
  const SVG = "http://www.w3.org/2000/svg";
  const W = 960;
  const H = 480;
  const KM_PER_DEGREE = 111.195;
  const FILTERS = ["actor", "type", "since", "until", "near", "km", "placed"];
  // PLOVER types: blues/greens for cooperation, oranges for verbal conflict, reds/purples for
  // material conflict (the same three families as the network's edge colours)
  const COLOURS = {
    AGREE: "#1f5fbf", CONSULT: "#3a86ff", SUPPORT: "#0096a6", CONCEDE: "#5fa8e8",
    COOPERATE: "#2a9d8f", AID: "#4caf72", RETREAT: "#7fb8d8",
    REQUEST: "#f4a261", ACCUSE: "#e76f51", REJECT: "#c98a0b", THREATEN: "#ff7f11",
    PROTEST: "#b8860b",
    SANCTION: "#9d4edd", MOBILIZE: "#6a2fb0", COERCE: "#b5179e", ASSAULT: "#d00000",
  };
  let worldRequest = null;

  function colourFor(type) {
    return COLOURS[type] || "#667085";
  }

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function x(lon) { return ((lon + 180) / 360) * W; }
  function y(lat) { return ((90 - lat) / 180) * H; }

  function world() {
    if (!worldRequest) {
      worldRequest = fetch("/vendor/countries-110m.json").then((response) => {
        if (!response.ok) throw new Error("world outline not installed (run `npm ci --prefix web-assets`)");
        return response.json();
      });
    }
    return worldRequest;
  }

  /** One ring as path data. Longitudes are unwrapped so a ring across the antimeridian stays
   * one shape; the part beyond +-180 is drawn again on the other side. */
  function ringPaths(ring) {
    const lons = [];
    let previous = null;
    for (const [lon] of ring) {
      let value = lon;
      if (previous !== null) {
        while (value - previous > 180) value -= 360;
        while (value - previous < -180) value += 360;
      }
      lons.push(value);
      previous = value;
    }
    const draw = (shift) =>
      ring.map(([, lat], i) => (i ? "L" : "M") + x(lons[i] + shift).toFixed(1) + "," + y(lat).toFixed(1)).join("") + "Z";
    const paths = [draw(0)];
    if (Math.min(...lons) < -180) paths.push(draw(360));
    if (Math.max(...lons) > 180) paths.push(draw(-360));
    return paths;
  }

  function countries(topo) {
    const group = svgEl("g", { class: "countries" });
    const collection = window.topojson.feature(topo, topo.objects.countries);
    for (const feature of collection.features) {
      const geometry = feature.geometry;
      if (!geometry) continue;
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      const d = polygons.flatMap((polygon) => polygon.flatMap(ringPaths)).join("");
      const path = svgEl("path", { d: d, class: "country", "fill-rule": "evenodd" });
      path.appendChild(svgEl("title", {}, (feature.properties && feature.properties.name) || ""));
      group.appendChild(path);
    }
    return group;
  }

  function pointTitle(point) {
    const where = point.place + (point.dateline ? " (dateline: where it was reported from)" : "");
    return `${point.event}: ${point.label} · ${where} · ${point.date || "undated"}`;
  }

  /** Offsets that fan out points drawn on the same spot (a city with many events) along a
   * sunflower spiral around it, so each stays visible and clickable; a lone point stays put.
   * The first point of a spot (its own places before datelines) keeps the centre. */
  function spread(points, radius) {
    const spots = new Map();
    for (const point of points) {
      const key = Math.round(x(point.lon)) + "," + Math.round(y(point.lat));
      if (!spots.has(key)) spots.set(key, []);
      spots.get(key).push(point);
    }
    const offsets = new Map();
    const golden = Math.PI * (3 - Math.sqrt(5));
    for (const group of spots.values()) {
      group.sort((a, b) => Number(a.dateline) - Number(b.dateline));
      group.forEach((point, i) => {
        const distance = 1.1 * radius * Math.sqrt(i);
        offsets.set(point, [distance * Math.cos(i * golden), distance * Math.sin(i * golden)]);
      });
    }
    return offsets;
  }

  /** Draw points ({id, event, lat, lon, place, dateline, label, date}) on the world. */
  function draw(container, topo, points, options) {
    const small = Boolean(options && options.small);
    const svg = svgEl("svg", {
      viewBox: `0 0 ${W} ${H}`,
      class: "worldmap-svg",
      role: "img",
      "aria-label": `World map with ${points.length} events`,
    });
    svg.appendChild(svgEl("rect", { x: 0, y: 0, width: W, height: H, class: "ocean" }));
    svg.appendChild(countries(topo));
    const near = options && options.near;
    if (near) {
      const ry = (near.km / KM_PER_DEGREE) * (H / 180);
      const rx = ry / Math.max(0.05, Math.cos((near.lat * Math.PI) / 180));
      svg.appendChild(svgEl("ellipse", { cx: x(near.lon), cy: y(near.lat), rx: rx, ry: ry, class: "near-area" }));
    }
    const group = svgEl("g", { class: "points" });
    const radius = small ? 3.5 : 4.5;
    const offsets = spread(points, radius);
    // hollow (dateline) points first, so an event's own place is drawn on top
    const ordered = [...points].sort((a, b) => Number(b.dateline) - Number(a.dateline));
    for (const point of ordered) {
      const link = svgEl("a", { href: "/events/" + encodeURIComponent(point.id), class: "map-point" });
      const colour = colourFor(point.event);
      const [dx, dy] = offsets.get(point);
      link.appendChild(svgEl("circle", {
        cx: (x(point.lon) + dx).toFixed(2),
        cy: (y(point.lat) + dy).toFixed(2),
        r: radius,
        fill: point.dateline ? "none" : colour,
        stroke: colour,
        "stroke-width": point.dateline ? 1.6 : 0.8,
        "data-event": point.event,
        class: point.dateline ? "dateline" : "located",
      }));
      link.firstChild.appendChild(svgEl("title", {}, pointTitle(point)));
      group.appendChild(link);
    }
    svg.appendChild(group);
    container.replaceChildren(svg);
    return svg;
  }

  function legend(container, points) {
    container.replaceChildren();
    const types = [...new Set(points.map((p) => p.event))];
    const order = Object.keys(COLOURS);
    types.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    for (const type of types) {
      const item = N.el("span", "map-legend-item");
      const dot = N.el("i", "map-dot");
      dot.style.backgroundColor = colourFor(type);
      item.append(dot, document.createTextNode(type));
      container.appendChild(item);
    }
    if (points.some((p) => p.dateline)) {
      const item = N.el("span", "map-legend-item");
      item.append(N.el("i", "map-dot hollow"), document.createTextNode("dateline only"));
      container.appendChild(item);
    }
  }

  async function init(box) {
    const statusId = box.dataset.status;
    if (!(window.topojson && typeof window.topojson.feature === "function")) {
      N.setStatus(statusId, "Cannot draw: topojson-client not installed (run `npm ci --prefix web-assets`).");
      return;
    }
    const params = box.dataset.actor !== undefined ? { actor: box.dataset.actor } : N.pageFilters(FILTERS);
    try {
      const [topo, data] = await Promise.all([world(), N.fetchJSON("/api/map", params)]);
      draw(box, topo, data.points, { small: box.classList.contains("small"), near: data.near });
      const legendBox = box.dataset.legend && document.getElementById(box.dataset.legend);
      if (legendBox) legend(legendBox, data.points);
      const hollow = data.dateline ? ` (${data.dateline} only by their dateline, drawn hollow)` : "";
      const scope = data.truncated ? `the newest ${data.events} events` : `${data.events} events`;
      N.setStatus(statusId, data.points.length
        ? `${data.points.length} of ${scope} have a place${hollow}. Click a point to open its event.`
        : `None of ${scope} has a place with coordinates.`);
      box.dataset.points = String(data.points.length);
    } catch (err) {
      N.setStatus(statusId, "Map unavailable: " + err.message);
      box.dataset.points = "error";
    }
  }

  document.querySelectorAll("[data-worldmap]").forEach(init);
  return { draw, colourFor };
})();
