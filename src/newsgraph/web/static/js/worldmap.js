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
  const MAX_ZOOM = 512; // the closest view is about 80 km across: a town and its outskirts
  const ZOOM_STEP = 1.6;
  const DRAG_THRESHOLD = 4; // screen pixels a press must move to pan rather than click
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

  /** The tooltip: the event, its place and how far the place can be trusted ("level", in
   * words from the server), and its date. */
  function pointTitle(point) {
    const where = point.place + (point.level ? ` (${point.level})` : "") +
      (point.dateline ? " (dateline: where it was reported from)" : "");
    return `${point.event}: ${point.label} · ${where} · ${point.date || "undated"}`;
  }

  /** Offsets that fan out points drawn on the same spot (a city with many events) along a
   * sunflower spiral around it, so each stays visible and clickable; a lone point stays put.
   * The first point of a spot (its own places before datelines) keeps the centre. ``scale``
   * is map units per screen unit at the current zoom: spots are the points that share a
   * screen pixel, and the spiral keeps its on-screen size. */
  function spread(points, radius, scale) {
    const spots = new Map();
    for (const point of points) {
      const key = Math.round(x(point.lon) / scale) + "," + Math.round(y(point.lat) / scale);
      if (!spots.has(key)) spots.set(key, []);
      spots.get(key).push(point);
    }
    const offsets = new Map();
    const golden = Math.PI * (3 - Math.sqrt(5));
    for (const group of spots.values()) {
      group.sort((a, b) => Number(a.dateline) - Number(b.dateline));
      group.forEach((point, i) => {
        const distance = 1.1 * radius * scale * Math.sqrt(i);
        offsets.set(point, [distance * Math.cos(i * golden), distance * Math.sin(i * golden)]);
      });
    }
    return offsets;
  }

  /** The points as SVG links at the current zoom (radius and fan-out in screen units). */
  function pointLinks(points, radius, scale) {
    const group = svgEl("g", { class: "points" });
    const offsets = spread(points, radius, scale);
    // hollow (dateline) points first, so an event's own place is drawn on top
    const ordered = [...points].sort((a, b) => Number(b.dateline) - Number(a.dateline));
    for (const point of ordered) {
      const link = svgEl("a", { href: "/events/" + encodeURIComponent(point.id), class: "map-point" });
      const colour = colourFor(point.event);
      const [dx, dy] = offsets.get(point);
      link.appendChild(svgEl("circle", {
        cx: (x(point.lon) + dx).toFixed(3),
        cy: (y(point.lat) + dy).toFixed(3),
        r: (radius * scale).toFixed(3),
        fill: point.dateline ? "none" : colour,
        stroke: colour,
        "stroke-width": point.dateline ? 1.6 : 0.8,
        "data-event": point.event,
        class: point.dateline ? "dateline" : "located",
      }));
      link.firstChild.appendChild(svgEl("title", {}, pointTitle(point)));
      group.appendChild(link);
    }
    return group;
  }

  /** The near circle's radii in map units: ``km`` is wider in longitude away from the equator. */
  function nearRadii(near) {
    const ry = (near.km / KM_PER_DEGREE) * (H / 180);
    return [ry / Math.max(0.05, Math.cos((near.lat * Math.PI) / 180)), ry];
  }

  /** The view (viewBox x, y, width) that shows ``near``'s circle, or else every point, with a
   * margin; the whole world when the points are spread over it. */
  function initialView(points, near) {
    let box = null;
    if (near) {
      const [rx, ry] = nearRadii(near);
      box = [x(near.lon) - rx, y(near.lat) - ry, x(near.lon) + rx, y(near.lat) + ry];
    } else if (points.length) {
      const xs = points.map((p) => x(p.lon));
      const ys = points.map((p) => y(p.lat));
      box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }
    if (!box) return { x: 0, y: 0, w: W };
    const width = Math.max(box[2] - box[0], 2 * (box[3] - box[1]), W / 24) * 1.4;
    return clamp({ x: (box[0] + box[2] - width) / 2, y: (box[1] + box[3] - width / 2) / 2, w: width });
  }

  /** A view inside the world, between the whole world and MAX_ZOOM times closer. */
  function clamp(view) {
    const w = Math.min(W, Math.max(W / MAX_ZOOM, view.w));
    return {
      w: w,
      x: Math.min(W - w, Math.max(0, view.x)),
      y: Math.min(H - w / 2, Math.max(0, view.y)),
    };
  }

  /** Draw points ({id, event, lat, lon, place, precision, dateline, label, date}) on the
   * world, zoomed to the near circle or to the points. The wheel zooms about the pointer,
   * dragging pans, and the buttons zoom in, out and back to the whole world; points keep
   * their size on screen. */
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
      const [rx, ry] = nearRadii(near);
      svg.appendChild(svgEl("ellipse", { cx: x(near.lon), cy: y(near.lat), rx: rx, ry: ry, class: "near-area" }));
    }
    const radius = small ? 3.5 : 4.5;
    let view = initialView(points, near);
    let group = null;
    function render() {
      svg.setAttribute("viewBox", `${view.x.toFixed(3)} ${view.y.toFixed(3)} ${view.w.toFixed(3)} ${(view.w / 2).toFixed(3)}`);
      const fresh = pointLinks(points, radius, view.w / W);
      if (group) group.replaceWith(fresh); else svg.appendChild(fresh);
      group = fresh;
      container.dataset.zoom = (W / view.w).toFixed(2);
    }
    /** Zoom by ``factor`` about the map point (mx, my), which stays where it is on screen. */
    function zoom(factor, mx, my) {
      const w = Math.min(W, Math.max(W / MAX_ZOOM, view.w / factor));
      const k = w / view.w;
      view = clamp({ x: mx - (mx - view.x) * k, y: my - (my - view.y) * k, w: w });
      render();
    }
    function mapPoint(event) {
      const rect = svg.getBoundingClientRect();
      return [
        view.x + ((event.clientX - rect.left) / rect.width) * view.w,
        view.y + ((event.clientY - rect.top) / rect.height) * (view.w / 2),
      ];
    }
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [mx, my] = mapPoint(event);
      zoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, mx, my);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, view: view, moved: false };
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!drag.moved) svg.setPointerCapture(event.pointerId);
      drag.moved = true;
      const perPixel = drag.view.w / svg.getBoundingClientRect().width;
      view = clamp({ x: drag.view.x - dx * perPixel, y: drag.view.y - dy * perPixel, w: drag.view.w });
      render();
    });
    const endDrag = () => {
      if (drag && drag.moved) svg.classList.add("dragged");
      drag = null;
    };
    svg.addEventListener("pointerup", endDrag);
    svg.addEventListener("pointercancel", endDrag);
    // a drag that ends on a point is a pan, not a click on its link
    svg.addEventListener("click", (event) => {
      if (svg.classList.contains("dragged")) event.preventDefault();
      svg.classList.remove("dragged");
    }, true);
    const controls = N.el("div", "map-controls");
    for (const [label, title, act] of [
      ["+", "Zoom in", () => zoom(ZOOM_STEP, view.x + view.w / 2, view.y + view.w / 4)],
      ["−", "Zoom out", () => zoom(1 / ZOOM_STEP, view.x + view.w / 2, view.y + view.w / 4)],
      ["World", "Show the whole world", () => { view = { x: 0, y: 0, w: W }; render(); }],
    ]) {
      const button = N.el("button", "map-control", label);
      button.type = "button";
      button.title = title;
      button.setAttribute("aria-label", title);
      button.addEventListener("click", act);
      controls.appendChild(button);
    }
    render();
    container.replaceChildren(svg, controls);
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
