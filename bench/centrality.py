"""bench/centrality's driver: face-network's analysis layer (graph-bench, release build) against networkx on the
same graphs in one run. See bench/centrality for the command; results go to BENCHMARKS.md by hand.

Graphs (Barabási–Albert, seed 6, integer weights 1–5 drawn with seed 6, written as edge lists):
  medium: 10,000 nodes, 99,900 edges — betweenness, hops and 1/weight
  large:  100,000 nodes, 999,900 edges — PageRank and eigenvector centrality (weighted)
  check:  1,000 nodes, 4,975 edges — every timed measure run in full by both, values compared
networkx's betweenness on `medium` takes most of an hour, so by default it runs from a random sample of
--sample sources (networkx's own k=…: the same single-source pass, k times) and its full time is that
time × n / k; --full runs it over every source instead.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

import networkx as nx


def build(n, m, seed=6):
    G = nx.barabasi_albert_graph(n, m, seed=seed)
    rng = random.Random(seed)
    for _, _, d in G.edges(data=True):
        d["weight"] = rng.randint(1, 5)
        d["distance"] = 1.0 / d["weight"]
    return G


def write(G, path):
    """The edge list, and the node order graph-bench will use (first appearance)."""
    order, seen = [], set()
    with open(path, "w") as f:
        for a, b, d in G.edges(data=True):
            f.write(f"{a} {b} {d['weight']}\n")
            for v in (a, b):
                if v not in seen:
                    seen.add(v)
                    order.append(v)
    return order


def ours(binary, path, measure, out=None):
    """graph-bench's timing of one measure: wall and CPU seconds of the measure alone, and of loading the graph."""
    command = [binary, path, measure] + (["--out", out] if out else [])
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def timed(function):
    """The value, wall seconds and CPU seconds of function() (networkx runs on one core)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = function()
    return value, time.perf_counter() - start, time.process_time() - cpu


def max_difference(out, order, reference):
    with open(out) as f:
        values = [float(line) for line in f if line.strip()]
    return max(abs(values[i] - reference[v]) for i, v in enumerate(order))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("work")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--only", default="betweenness,betweenness-weighted,pagerank,eigenvector",
                        help="comma-separated measures to time (the check graph always runs)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    os.makedirs(args.work, exist_ok=True)
    rows = []

    def row(what, graph, swift, networkx_seconds, networkx_cpu, note=""):
        # The machine may be shared: besides wall time, compare CPU time, which other processes disturb less.
        # Both sides time the measure alone (the graph already in memory); `cores` is how many cores
        # face-network kept busy on average while it ran.
        ratio = networkx_seconds / swift["seconds"]
        cpu_ratio = networkx_cpu / swift["cpu_seconds"]
        cores = swift["cpu_seconds"] / swift["seconds"]
        rows.append((what, graph, swift["seconds"], swift["cpu_seconds"], networkx_seconds, networkx_cpu, ratio,
                     cpu_ratio, cores, note))
        print(f"{what:22} {graph:7} face-network {swift['seconds']:8.3f} s (load {swift['load_seconds']:.3f} s, "
              f"CPU {swift['cpu_seconds']:.2f} s, {cores:.2f} cores busy)  networkx {networkx_seconds:9.2f} s "
              f"(CPU {networkx_cpu:.2f} s)  {ratio:7.1f}× wall, {cpu_ratio:7.1f}× CPU  {note}", flush=True)

    # Correctness on the check graph: both run every measure in full.
    G = build(1000, 5)
    path = os.path.join(args.work, "check.edges")
    order = write(G, path)
    out = os.path.join(args.work, "values")
    checks = [
        ("betweenness", lambda: nx.betweenness_centrality(G)),
        ("betweenness-weighted", lambda: nx.betweenness_centrality(G, weight="distance")),
        ("pagerank", lambda: nx.pagerank(G)),
        ("eigenvector", lambda: nx.eigenvector_centrality(G, weight="weight")),
    ]
    for measure, reference in checks:
        ours(args.binary, path, measure, out)
        print(f"check {measure:22} 1,000 nodes: largest difference from networkx "
              f"{max_difference(out, order, reference()):.2e}", flush=True)

    G = build(10_000, 10)
    path = os.path.join(args.work, "medium.edges")
    write(G, path)
    print(f"medium: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", flush=True)
    n = G.number_of_nodes()
    for measure, weight in [("betweenness", None), ("betweenness-weighted", "distance")]:
        if measure not in only:
            continue
        swift = ours(args.binary, path, measure)
        if args.full:
            _, seconds, cpu = timed(lambda: nx.betweenness_centrality(G, weight=weight))
            note = "networkx over every source"
        else:
            _, sampled, cpu = timed(lambda: nx.betweenness_centrality(G, k=args.sample, seed=6, weight=weight))
            seconds, cpu = sampled * n / args.sample, cpu * n / args.sample
            note = f"networkx from {args.sample} sources ({sampled:.1f} s) × {n}/{args.sample}"
        row(measure, "medium", swift, seconds, cpu, note)

    if not only & {"pagerank", "eigenvector"}:
        return table(rows)
    G = build(100_000, 10)
    path = os.path.join(args.work, "large.edges")
    order = write(G, path)
    print(f"large: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", flush=True)
    for measure, reference in [("pagerank", lambda: nx.pagerank(G)),
                               ("eigenvector", lambda: nx.eigenvector_centrality(G, weight="weight"))]:
        if measure not in only:
            continue
        swift = ours(args.binary, path, measure, out)
        values, seconds, cpu = timed(reference)
        row(measure, "large", swift, seconds, cpu,
            f"largest difference {max_difference(out, order, values):.1e}")

    table(rows)


def table(rows):
    print("\n| measure | graph | face-network (CPU) | networkx (CPU) | faster, wall | faster, CPU | cores busy | note |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for what, graph, ours_s, ours_cpu, theirs_s, theirs_cpu, ratio, cpu_ratio, cores, note in rows:
        print(f"| {what} | {graph} | {ours_s:.3f} s ({ours_cpu:.2f} s) | {theirs_s:.1f} s ({theirs_cpu:.1f} s) "
              f"| {ratio:.0f}× | {cpu_ratio:.0f}× | {cores:.2f} | {note} |")


if __name__ == "__main__":
    sys.exit(main())
