"""Reference values for AnalysisTests (centrality, structure and community measures), computed with networkx.

Every measure face-network computes on a SocialGraph is computed here by networkx on the same graphs:
Zachary's karate club (unweighted and with its 'weight' attribute), Les Misérables (weighted), a graph of several
components with random weights, a synthetic co-appearance graph (people drawn into photos, weight = photos shared)
and the co-appearance graph face-network found in ../shared/data/group-photos (committed as an edge list in
Tests/AnalysisTests/group_photos_edges.json, so this script needs no photos).

Lengths for weighted shortest paths: 'weight' (networkx reads the weight as a length) and 'distance' = 1/weight
(face-network's Distance.inverseWeight: more photos shared, a shorter tie).

    python3 -m venv .cache/bench/venv-networkx && .cache/bench/venv-networkx/bin/pip install networkx==3.6.1 scipy==1.17.1 numpy==2.4.6
    .cache/bench/venv-networkx/bin/python Tests/Reference/centrality_reference.py > Tests/AnalysisTests/centrality_reference.json
"""
import json
import math
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def with_ids(G, first_id):
    """Relabels nodes to integer person ids first_id, first_id + 1, … in G's node order."""
    return nx.relabel_nodes(G, {v: first_id + i for i, v in enumerate(G.nodes)})


def karate(weighted):
    G = nx.karate_club_graph()
    if not weighted:
        for _, _, d in G.edges(data=True):
            d["weight"] = 1
    return with_ids(G, 1)


def les_miserables():
    G = nx.les_miserables_graph()
    return with_ids(G, 1000)


def several_components():
    rng = random.Random(6)
    parts = [nx.florentine_families_graph(), nx.path_graph(4), nx.complete_graph(3), nx.star_graph(3),
             nx.empty_graph(2), nx.cycle_graph(5)]
    G = nx.disjoint_union_all(parts)
    for _, _, d in G.edges(data=True):
        d["weight"] = rng.randint(1, 5)
    # Node ids not in edge order: the graph lists its nodes shuffled.
    order = list(G.nodes)
    rng.shuffle(order)
    H = nx.Graph()
    H.add_nodes_from(order)
    H.add_edges_from(G.edges(data=True))
    return with_ids(H, 500)


def synthetic_coappearance():
    """120 people in 6 circles; 400 photos of 2–6 people, mostly from one circle. Weight = photos shared."""
    rng = random.Random(20261129)
    people = list(range(120))
    circle = {p: p % 6 for p in people}
    members = {c: [p for p in people if circle[p] == c] for c in range(6)}
    G = nx.Graph()
    G.add_nodes_from(people)
    for _ in range(400):
        c = rng.randrange(6)
        size = rng.randint(2, 6)
        shown = set(rng.sample(members[c], size))
        if rng.random() < 0.3:
            shown.add(rng.choice(people))
        shown = sorted(shown)
        for i, a in enumerate(shown):
            for b in shown[i + 1:]:
                w = G.get_edge_data(a, b, {"weight": 0})["weight"]
                G.add_edge(a, b, weight=w + 1)
    return with_ids(G, 7000)


def group_photos():
    with open(os.path.join(HERE, "..", "AnalysisTests", "group_photos_edges.json")) as f:
        data = json.load(f)
    G = nx.Graph()
    G.add_nodes_from(data["nodes"])
    for a, b, w in data["edges"]:
        G.add_edge(a, b, weight=w)
    return G


def labels(G, communities):
    """A list of sets of nodes → the community index of each node, in G's node order."""
    of = {v: i for i, c in enumerate(communities) for v in c}
    return [of[v] for v in G.nodes]


def in_order(G, values):
    return [float(values[v]) for v in G.nodes]


def measures(G):
    for _, _, d in G.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    largest = G.subgraph(max(nx.connected_components(G), key=len))
    out = {
        "nodes": list(G.nodes),
        "edges": [[a, b, d["weight"]] for a, b, d in G.edges(data=True)],
        "degree": [float(d) for _, d in G.degree()],
        "degree_centrality": in_order(G, nx.degree_centrality(G)),
        "weighted_degree": [float(d) for _, d in G.degree(weight="weight")],
        "betweenness": in_order(G, nx.betweenness_centrality(G)),
        "betweenness_raw": in_order(G, nx.betweenness_centrality(G, normalized=False)),
        "betweenness_weight": in_order(G, nx.betweenness_centrality(G, weight="weight")),
        "betweenness_inverse_weight": in_order(G, nx.betweenness_centrality(G, weight="distance")),
        "closeness": in_order(G, nx.closeness_centrality(G)),
        "closeness_weight": in_order(G, nx.closeness_centrality(G, distance="weight")),
        "closeness_inverse_weight": in_order(G, nx.closeness_centrality(G, distance="distance")),
        "harmonic": in_order(G, nx.harmonic_centrality(G)),
        "harmonic_inverse_weight": in_order(G, nx.harmonic_centrality(G, distance="distance")),
        "eigenvector": in_order(G, nx.eigenvector_centrality(G, weight="weight", max_iter=1000)),
        "eigenvector_unweighted": in_order(G, nx.eigenvector_centrality(G, max_iter=1000)),
        "pagerank": in_order(G, nx.pagerank(G, alpha=0.85)),
        "pagerank_unweighted": in_order(G, nx.pagerank(G, alpha=0.85, weight=None)),
        "clustering": in_order(G, nx.clustering(G)),
        "clustering_weighted": in_order(G, nx.clustering(G, weight="weight")),
        "core_number": [nx.core_number(G)[v] for v in G.nodes],
        "components": labels(G, sorted(nx.connected_components(G), key=lambda c: (-len(c), min(
            list(G.nodes).index(v) for v in c)))),
        "density": nx.density(G),
        "largest_component_size": largest.number_of_nodes(),
        "diameter": nx.diameter(largest) if largest.number_of_nodes() > 1 else 0,
        "average_shortest_path_length": nx.average_shortest_path_length(largest),
        "diameter_inverse_weight": nx.diameter(largest, weight="distance"),
        "average_shortest_path_length_inverse_weight": nx.average_shortest_path_length(largest,
                                                                                       weight="distance"),
        "degree_assortativity": nx.degree_assortativity_coefficient(G),
    }
    # Modularity of given partitions, weighted and not, at two resolutions; and the modularity networkx's own
    # Louvain reaches, which face-network's Louvain should match or beat on these graphs.
    partitions = {
        "louvain": nx.community.louvain_communities(G, weight="weight", seed=1),
        "greedy": nx.community.greedy_modularity_communities(G, weight="weight"),
        "components": list(nx.connected_components(G)),
    }
    out["partitions"] = []
    for name, communities in partitions.items():
        for resolution in (1.0, 0.5):
            out["partitions"].append({
                "name": name,
                "resolution": resolution,
                "labels": labels(G, communities),
                "modularity": nx.community.modularity(G, communities, weight="weight", resolution=resolution),
                "modularity_unweighted": nx.community.modularity(G, communities, weight=None,
                                                                 resolution=resolution),
            })
    out["louvain_modularity"] = {
        str(resolution): max(
            nx.community.modularity(G, nx.community.louvain_communities(G, weight="weight", seed=seed,
                                                                        resolution=resolution),
                                    weight="weight", resolution=resolution) for seed in range(5))
        for resolution in (1.0, 0.5)}
    for key, value in list(out.items()):
        if isinstance(value, float) and math.isnan(value):
            out[key] = None
    return out


def planted(G, truth):
    """A graph with a clear community structure and its true partition (labels in node order)."""
    return {"nodes": list(G.nodes), "edges": [[a, b, 1] for a, b in G.edges()],
            "truth": [truth[v] for v in G.nodes]}


clear = {
    "ring_of_cliques": planted(nx.ring_of_cliques(8, 6), {v: v // 6 for v in range(48)}),
    "planted_partition": planted(nx.planted_partition_graph(5, 20, 0.7, 0.02, seed=6),
                                 {v: v // 20 for v in range(100)}),
    "caveman_pairs": planted(nx.relaxed_caveman_graph(6, 8, 0.05, seed=6), {v: v // 8 for v in range(48)}),
}
# Louvain on these graphs must find the planted partition itself; check that networkx does, so the test asks
# only what a correct Louvain delivers.
for name, case in clear.items():
    G = nx.Graph()
    G.add_nodes_from(case["nodes"])
    G.add_edges_from((a, b) for a, b, _ in case["edges"])
    found = nx.community.louvain_communities(G, seed=1)
    truth = {}
    for v, t in zip(case["nodes"], case["truth"]):
        truth.setdefault(t, set()).add(v)
    assert sorted(map(sorted, found)) == sorted(map(sorted, truth.values())), name

print(json.dumps({
    "networkx": nx.__version__,
    "graphs": {
        "karate": measures(karate(weighted=False)),
        "karate_weighted": measures(karate(weighted=True)),
        "les_miserables": measures(les_miserables()),
        "several_components": measures(several_components()),
        "synthetic_coappearance": measures(synthetic_coappearance()),
        "group_photos": measures(group_photos()),
    },
    "clear_communities": clear,
}, indent=1))
