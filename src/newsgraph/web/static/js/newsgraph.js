/* newsgraph: shared drawing code for the timeline (vis-timeline) and the network (cytoscape).
 * Everything from the store reaches the page as JSON from /api and is put into the DOM with
 * textContent or drawn on a canvas: never as HTML. */
"use strict";

window.Newsgraph = (function () {
  const COOPERATIVE = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"];
  const VERBAL_CONFLICT = ["REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"];

  function colourFor(type) {
    if (COOPERATIVE.includes(type)) return "#2e6fd8";
    if (VERBAL_CONFLICT.includes(type)) return "#e07b24";
    return "#d13b2f";
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setStatus(id, text) {
    const node = document.getElementById(id);
    if (node) node.textContent = text;
  }

  async function fetchJSON(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") query.set(key, value);
    }
    const response = await fetch(query.toString() ? path + "?" + query : path, {
      headers: { Accept: "application/json" },
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body;
  }

  /** The filters in the page's own query string, restricted to the names we know. */
  function pageFilters(names) {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const name of names) {
      const value = params.get(name);
      if (value) filters[name] = value;
    }
    return filters;
  }

  function librariesMissing(statusId) {
    const missing = [];
    if (statusId.includes("graph") && typeof window.cytoscape !== "function") missing.push("cytoscape");
    if (statusId.includes("timeline") && !(window.vis && window.vis.Timeline)) missing.push("vis-timeline");
    if (missing.length) {
      setStatus(statusId, "Cannot draw: " + missing.join(", ") +
        " not installed (run `npm ci --prefix web-assets`).");
      return true;
    }
    return false;
  }

  /** Draw a Network ({nodes, edges}) into container; returns the cytoscape instance. */
  function drawNetwork(container, network, options) {
    const focus = (options && options.focus) || null;
    const maxCount = Math.max(1, ...network.edges.map((e) => e.count || 1));
    const elements = [];
    for (const node of network.nodes) {
      elements.push({
        group: "nodes",
        data: {
          id: String(node.id),
          label: String(node.label || node.id),
          events: node.events || 0,
          focus: focus !== null && (String(node.id) === focus || String(node.label) === focus),
        },
      });
    }
    network.edges.forEach((edge, i) => {
      elements.push({
        group: "edges",
        data: {
          id: "e" + i,
          source: String(edge.source),
          target: String(edge.target),
          event: String(edge.event),
          count: edge.count || 1,
          width: 1.5 + 4.5 * Math.sqrt((edge.count || 1) / maxCount),
          colour: colourFor(edge.event),
        },
      });
    });
    const cy = window.cytoscape({
      container: container,
      elements: elements,
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-size": "mapData(events, 1, 30, 12, 18)",
            "min-zoomed-font-size": 7,
            "font-family": "system-ui, sans-serif",
            color: "#1d2330",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "background-color": "#5b7db8",
            width: "mapData(events, 0, 50, 18, 54)",
            height: "mapData(events, 0, 50, 18, 54)",
            "border-width": 2,
            "border-color": "#fff",
          },
        },
        { selector: "node[?focus]", style: { "background-color": "#d9480f" } },
        {
          selector: "edge",
          style: {
            width: "data(width)",
            "line-color": "data(colour)",
            "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            opacity: 0.75,
            label: "data(event)",
            "font-size": 8,
            color: "#667085",
            "text-rotation": "autorotate",
            "text-opacity": 0,
          },
        },
        { selector: "edge:selected, edge.hover", style: { "text-opacity": 1, opacity: 1 } },
      ],
      layout: {
        // a force layout tangles a handful of nodes; a circle shows them all clearly
        name: network.nodes.length > 8 ? "cose" : "circle",
        animate: false,
        randomize: true,
        nodeRepulsion: () => 12000,
        idealEdgeLength: () => 110,
        nodeOverlap: 20,
        componentSpacing: 80,
        padding: 30,
      },
    });
    // a handful of nodes would otherwise be blown up to fill the box
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    }
    cy.on("tap", "node", (evt) => {
      window.location.href = "/actor?q=" + encodeURIComponent(evt.target.id());
    });
    cy.on("mouseover", "edge", (evt) => evt.target.addClass("hover"));
    cy.on("mouseout", "edge", (evt) => evt.target.removeClass("hover"));
    return cy;
  }

  /** Draw timeline items (from /api/timeline) into container; returns the vis Timeline. */
  function drawTimeline(container, items, options) {
    const plover = COOPERATIVE.concat(VERBAL_CONFLICT, ["SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]);
    const rank = (type) => (plover.includes(type) ? plover.indexOf(type) : plover.length);
    const present = [...new Set(items.map((item) => item.group))];
    const groups = present.map((type) => {
      const label = el("span", "badge ev-" + String(type).toLowerCase().replace(/[^a-z]/g, ""), type);
      return { id: type, content: label, order: rank(type) };
    });
    const data = items.map((item) => ({
      id: item.id,
      group: item.group,
      start: item.start,
      end: item.end,
      type: item.type,
      className: "ev-" + String(item.event).toLowerCase().replace(/[^a-z]/g, ""),
      label: item.label,
      aux: item.aux,
    }));
    // open on where most items are (a stray date years away would squeeze the rest into a
    // sliver; it stays one scroll away), with a margin, never narrower than a fortnight
    const day = 86400000;
    const times = items.map((item) => Date.parse(item.start)).sort((a, b) => a - b);
    const first = times[Math.floor(times.length * 0.15)];
    const last = times[Math.max(0, Math.ceil(times.length * 0.95) - 1)];
    const pad = Math.max((last - first) * 0.08, 7 * day);
    const timeline = new window.vis.Timeline(container, new window.vis.DataSet(data), groups, {
      start: new Date(first - pad),
      end: new Date(last + pad * 2.5),
      zoomMin: day,
      stack: true,
      maxHeight: (options && options.maxHeight) || 480,
      minHeight: 160,
      verticalScroll: true,
      zoomKey: "",
      groupOrder: "order",
      orientation: "top",
      margin: { item: 4 },
      template: function (item) {
        const label = item.label.length > 48 ? item.label.slice(0, 47) + "…" : item.label;
        const node = el("span", "tl-item", label);
        if (item.aux && item.aux.length) node.appendChild(el("em", "tl-aux", " (" + item.aux.join(", ") + ")"));
        return node;
      },
    });
    return timeline;
  }

  return { colourFor, el, setStatus, fetchJSON, pageFilters, librariesMissing, drawNetwork, drawTimeline };
})();
