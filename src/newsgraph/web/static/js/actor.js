/* The actor page: its events on a timeline and its network neighbourhood. */
"use strict";

(function () {
  const N = window.Newsgraph;

  async function timeline() {
    const box = document.getElementById("actor-timeline");
    if (!box || N.librariesMissing("actor-timeline-status")) return;
    try {
      const data = await N.fetchJSON("/api/timeline", { actor: box.dataset.actor });
      if (!data.items.length) {
        N.setStatus("actor-timeline-status", "No dated events." + (data.undated ? ` ${data.undated} undated.` : ""));
        return;
      }
      const tl = N.drawTimeline(box, data.items, { maxHeight: 360 });
      tl.on("select", (props) => {
        if (props.items.length) window.location.href = "/events/" + encodeURIComponent(props.items[0]);
      });
      window.newsgraphTimeline = tl;
      N.setStatus("actor-timeline-status",
        `${data.items.length} dated events` + (data.truncated ? ` (the newest ${data.limit})` : "") +
        (data.undated ? `, ${data.undated} undated` : "") + ". Click one to open it.");
    } catch (err) {
      N.setStatus("actor-timeline-status", "Timeline unavailable: " + err.message);
    }
  }

  async function graph() {
    const box = document.getElementById("actor-graph");
    if (!box || N.librariesMissing("actor-graph-status")) return;
    try {
      const network = await N.fetchJSON("/api/network", { actor: box.dataset.actor });
      if (!network.nodes.length) {
        N.setStatus("actor-graph-status", "No interactions with other actors.");
        return;
      }
      window.newsgraphGraph = N.drawNetwork(box, network, { focus: box.dataset.actor });
      N.setStatus("actor-graph-status",
        `${network.nodes.length} actors, ${network.edges.length} links. Click a node to open that actor.`);
    } catch (err) {
      N.setStatus("actor-graph-status", "Network unavailable: " + err.message);
    }
  }

  timeline();
  graph();
})();
