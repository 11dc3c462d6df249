"""GraphML of the actor network (networkx), for Gephi: nodes are actors (codes, or names
when uncoded), one directed edge per pair with its event count and a count per type."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, TextIO

import networkx as nx

if TYPE_CHECKING:
    from newsgraph.store import Store


def network_graph(store: Store) -> nx.DiGraph:
    network = store.network()
    graph = nx.DiGraph(name="newsgraph actor network")
    for node in network["nodes"]:
        graph.add_node(node["id"], label=node["label"], events=node["events"])
    for edge in network["edges"]:
        source, target = edge["source"], edge["target"]
        if not graph.has_edge(source, target):
            graph.add_edge(source, target, weight=0, reports=0, types="")
        data = graph.edges[source, target]
        data["weight"] += edge["count"]
        data["reports"] += edge["reports"]
        data[f"count_{edge['event']}"] = edge["count"]
        data["types"] = ";".join(filter(None, [data["types"], f"{edge['event']}:{edge['count']}"]))
    return graph


def write_graphml(store: Store, out: TextIO) -> int:
    graph = network_graph(store)
    # every edge needs every type attribute for Gephi to read it as a number column
    types = sorted({k for _, _, d in graph.edges(data=True) for k in d if k.startswith("count_")})
    for _, _, data in graph.edges(data=True):
        for key in types:
            data.setdefault(key, 0)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    out.write(buffer.getvalue().decode("utf-8"))
    return graph.number_of_nodes() + graph.number_of_edges()
