/* The /network page: the actor graph for the filters in the query string. */
"use strict";

(async function () {
  const N = window.Newsgraph;
  const box = document.getElementById("network-graph");
  if (!box || N.librariesMissing("network-graph-status")) {
    N.setStatus("network-status", "Cannot draw: cytoscape is not installed (run `npm ci --prefix web-assets`).");
    return;
  }
  const filters = N.pageFilters(["actor", "type", "since", "until", "min_count"]);
  N.setStatus("network-status", "Loading…");
  try {
    const network = await N.fetchJSON("/api/network", filters);
    if (!network.nodes.length) {
      N.setStatus("network-status", "No events match these filters.");
      return;
    }
    window.newsgraphGraph = N.drawNetwork(box, network, { focus: filters.actor || null });
    N.setStatus("network-status", `${network.nodes.length} actors, ${network.edges.length} links.`);
  } catch (err) {
    N.setStatus("network-status", "Network unavailable: " + err.message);
  }
})();
