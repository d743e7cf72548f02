#!/usr/bin/env python3
"""Reference centralities and communities of Tests/QueryTests/HandGraph.swift's network, from networkx.

    python3 -m venv .cache/bench/venv-networkx && .cache/bench/venv-networkx/bin/pip install networkx==3.6.1
    .cache/bench/venv-networkx/bin/python Tests/Reference/query_hand_graph_reference.py

The values are written into StatementTests.testCentralitiesAndCommunities.
"""
import networkx as nx

G = nx.Graph()
G.add_nodes_from(range(1, 9))
for a, b, w in [(1, 2, 2), (1, 3, 1), (2, 3, 1), (2, 4, 1), (3, 4, 1), (4, 5, 1), (5, 6, 1), (7, 8, 1)]:
    G.add_edge(a, b, weight=w)
measures = {
    "betweenness": nx.betweenness_centrality(G),
    "closeness": nx.closeness_centrality(G),
    "harmonic closeness": nx.harmonic_centrality(G),
    "eigenvector": nx.eigenvector_centrality(G, weight="weight", max_iter=1000),
    "pagerank": nx.pagerank(G, alpha=0.85, weight="weight"),
}
for name, values in measures.items():
    print(name, sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
print("louvain", nx.community.louvain_communities(G, weight="weight", seed=1))
