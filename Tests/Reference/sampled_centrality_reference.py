"""Reference values for the sampled path measures (report --sources K), from networkx 3.6.1.

For three graphs of centrality_reference.json (read from it, so both files describe the same graphs), with the
sources every third node in node order (positions 0, 3, 6, …):
- networkx's own betweenness_centrality(G, k=len(sources)), normalised and not, handed exactly those sources (its
  `seed` is asked for `sample(nodes, k)`; a generator answering with the chosen nodes stands in for the random one);
- the Eppstein–Wang estimates of closeness and harmonic closeness (Sources/Analysis/Graph/Closeness.swift), written
  here from networkx's single-source shortest path lengths, an independent computation of the same formulas.

    .cache/venv-networkx/bin/python Tests/Reference/sampled_centrality_reference.py \
        > Tests/AnalysisTests/sampled_centrality_reference.json
"""
import json
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


class ChosenSample(random.Random):
    """A random generator whose `sample` returns the nodes chosen in advance (networkx calls seed.sample)."""

    def __init__(self, chosen):
        super().__init__(0)
        self.chosen = chosen

    def sample(self, population, k, **_):
        assert k == len(self.chosen)
        return list(self.chosen)


def sampled(nodes, edges):
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_weighted_edges_from(edges)
    sources = [nodes[i] for i in range(0, len(nodes), 3)]
    n = len(nodes)
    out = {"source_positions": list(range(0, len(nodes), 3))}
    for key, normalized in (("betweenness", True), ("betweenness_raw", False)):
        values = nx.betweenness_centrality(G, k=len(sources), normalized=normalized, seed=ChosenSample(sources))
        out[key] = [float(values[v]) for v in nodes]
    reached = {v: 0 for v in nodes}
    total = {v: 0.0 for v in nodes}
    inverse = {v: 0.0 for v in nodes}
    for s in sources:
        for v, d in nx.single_source_shortest_path_length(G, s).items():
            if v != s:
                reached[v] += 1
                total[v] += d
                inverse[v] += 1 / d
    closeness, harmonic = [], []
    for u in nodes:
        others = len(sources) - (1 if u in sources else 0)
        closeness.append((reached[u] / total[u]) * (reached[u] / others) if total[u] > 0 else 0.0)
        harmonic.append((n - 1) / others * inverse[u])
    out["closeness"] = closeness
    out["harmonic"] = harmonic
    return out


with open(os.path.join(HERE, "..", "AnalysisTests", "centrality_reference.json")) as f:
    graphs = json.load(f)["graphs"]
print(json.dumps({
    "networkx": nx.__version__,
    "graphs": {name: sampled(graphs[name]["nodes"], graphs[name]["edges"])
               for name in ("karate", "les_miserables", "several_components")},
}, indent=1))
