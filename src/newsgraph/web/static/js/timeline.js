/* The /timeline page: every event matching the filters, zoomable, one row per event type. */
"use strict";

(async function () {
  const N = window.Newsgraph;
  const box = document.getElementById("all-timeline");
  if (!box || N.librariesMissing("all-timeline-status")) return;
  const filters = N.pageFilters(["actor", "type", "since", "until"]);
  N.setStatus("all-timeline-status", "Loading…");
  try {
    const data = await N.fetchJSON("/api/timeline", filters);
    if (!data.items.length) {
      N.setStatus("all-timeline-status", "No dated events match these filters.");
      return;
    }
    const tl = N.drawTimeline(box, data.items, { maxHeight: 560 });
    window.newsgraphTimeline = tl;
    const byId = new Map(data.items.map((item) => [String(item.id), item]));
    tl.on("select", (props) => {
      const detail = document.getElementById("timeline-detail");
      detail.replaceChildren();
      const item = byId.get(String(props.items[0]));
      if (!item) return;
      const link = N.el("a", null, `${item.event}: ${item.label}`);
      link.href = "/events/" + encodeURIComponent(item.id);
      detail.append(link, N.el("span", null, ` · ${item.date} · ${item.reports} report(s)`));
    });
    N.setStatus("all-timeline-status",
      `${data.items.length} dated events` + (data.truncated ? " (the newest " + data.limit + "; narrow the dates to see older ones)" : "") +
      (data.undated ? `, ${data.undated} undated not shown` : "") + ".");
  } catch (err) {
    N.setStatus("all-timeline-status", "Timeline unavailable: " + err.message);
  }
})();
