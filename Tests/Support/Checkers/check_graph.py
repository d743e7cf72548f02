#!/usr/bin/env python3
"""Checks a network export against what it should hold, reading it the way users' tools read it.

    check_graph.py graphml EXPECTED.json FILE.graphml   networkx.read_graphml
    check_graph.py gexf    EXPECTED.json FILE.gexf      networkx.read_gexf (and its timeline bounds)
    check_graph.py csv     EXPECTED.json DIR            csv.DictReader on DIR/nodes.csv and DIR/edges.csv
    check_graph.py svg     EXPECTED.json FILE.svg       ElementTree: every label as text, nothing that runs

EXPECTED.json (written by the Swift tests from the network itself, not from the writers):
    {"nodes": {"<id>": {"label": ..., "name": ... (absent when unnamed), "photos": int, ..., "community": int}},
     "edges": [{"source": "<id>", "target": "<id>", "weight": int, "first_taken_at": ... (absent when undated),
                "last_taken_at": ..., "photo_paths": [...]}],
     "dynamic": bool}
Prints "ok: ..." and exits 0, or prints every difference and exits 1.
"""
import csv
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

problems = []


def problem(text):
    if len(problems) < 50:
        problems.append(text)


def xml_clean(text):
    """What an XML 1.0 file can hold of a string: characters outside its Char production become U+FFFD."""
    def allowed(c):
        v = ord(c)
        return v in (0x9, 0xA, 0xD) or 0x20 <= v <= 0xD7FF or 0xE000 <= v <= 0xFFFD or v >= 0x10000
    return "".join(c if allowed(c) else "\ufffd" for c in text)


def same(expected, got):
    if isinstance(expected, float) or isinstance(got, float):
        try:
            return math.isclose(float(expected), float(got), rel_tol=1e-12, abs_tol=1e-15)
        except (TypeError, ValueError):
            return False
    return expected == got


def compare_attributes(what, expected, got, skip=()):
    for key, value in expected.items():
        if key in skip:
            continue
        if key not in got:
            problem("%s: %s missing (expected %r)" % (what, key, value))
        elif not same(value, got[key]):
            problem("%s: %s is %r, expected %r" % (what, key, got[key], value))


def cleaned(expected, clean):
    """`expected` with every string (and string in a list) passed through `clean`."""
    def one(v):
        if isinstance(v, str):
            return clean(v)
        if isinstance(v, list):
            return [one(x) for x in v]
        return v
    return {k: one(v) for k, v in expected.items()}


def check_networkx(expected, graph, fmt):
    if set(graph.nodes) != set(expected["nodes"]):
        problem("nodes differ: extra %s, missing %s" % (sorted(set(graph.nodes) - set(expected["nodes"]))[:5],
                                                        sorted(set(expected["nodes"]) - set(graph.nodes))[:5]))
    for node, attributes in expected["nodes"].items():
        if node not in graph.nodes:
            continue
        attributes = cleaned(attributes, xml_clean)
        got = dict(graph.nodes[node])
        if "name" not in attributes and "name" in got:
            problem("node %s: unnamed, but has name %r" % (node, got["name"]))
        compare_attributes("node " + node, attributes, got)
        if fmt == "gexf" and "first_taken_at" in attributes:
            bounds = (got.get("start"), got.get("end"))
            want = (attributes["first_taken_at"][:10], attributes["last_taken_at"][:10])
            if bounds != want:
                problem("node %s: start/end %s, expected %s" % (node, bounds, want))
    want_edges = {frozenset((e["source"], e["target"])): e for e in expected["edges"]}
    got_edges = {frozenset((a, b)): data for a, b, data in graph.edges(data=True)}
    if set(got_edges) != set(want_edges) or graph.number_of_edges() != len(expected["edges"]):
        problem("edges differ: %d read, %d expected" % (graph.number_of_edges(), len(expected["edges"])))
    for pair, edge in want_edges.items():
        got = got_edges.get(pair)
        if got is None:
            problem("edge %s-%s missing" % (edge["source"], edge["target"]))
            continue
        attributes = cleaned({k: v for k, v in edge.items() if k not in ("source", "target")}, xml_clean)
        paths = attributes.pop("photo_paths")
        compare_attributes("edge %s-%s" % (edge["source"], edge["target"]), attributes, got)
        try:
            if json.loads(got.get("photo_paths", "null")) != paths:
                problem("edge %s-%s: photo_paths %r, expected %r" % (edge["source"], edge["target"],
                                                                    got.get("photo_paths"), paths))
        except ValueError as error:
            problem("edge %s-%s: photo_paths is not JSON: %s" % (edge["source"], edge["target"], error))
        if fmt == "gexf" and "first_taken_at" in attributes:
            bounds = (got.get("start"), got.get("end"))
            want = (attributes["first_taken_at"][:10], attributes["last_taken_at"][:10])
            if bounds != want:
                problem("edge %s-%s: start/end %s, expected %s" % (edge["source"], edge["target"], bounds, want))


def check_graphml(expected, path):
    import networkx as nx
    graph = nx.read_graphml(path)
    if graph.is_directed():
        problem("the graph reads as directed")
    check_networkx(expected, graph, "graphml")
    return "%d nodes, %d edges read by networkx %s" % (graph.number_of_nodes(), graph.number_of_edges(), nx.__version__)


def check_gexf(expected, path):
    import networkx as nx
    graph = nx.read_gexf(path, version="1.3")
    mode = graph.graph.get("mode")
    if mode != ("dynamic" if expected["dynamic"] else "static"):
        problem("graph mode %r, expected %s" % (mode, "dynamic" if expected["dynamic"] else "static"))
    for node, data in graph.nodes(data=True):
        if "viz" not in data or "size" not in data["viz"] or "color" not in data["viz"]:
            problem("node %s has no viz size and colour" % node)
            break
    check_networkx(expected, graph, "gexf")
    return "%d nodes, %d edges read by networkx %s (%s)" % (graph.number_of_nodes(), graph.number_of_edges(),
                                                           nx.__version__, mode)


def typed(text, like):
    """A CSV field read back as the type of the expected value."""
    if isinstance(like, bool):
        return text
    if isinstance(like, (int, float)):
        # JSON does not keep 0.0 apart from 0: numbers compare by value.
        try:
            return int(text)
        except ValueError:
            return float(text)
    if isinstance(like, list):
        return json.loads(text)
    return text


def check_csv(expected, folder):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    seen = {row["person"]: row for row in nodes}
    if set(seen) != set(expected["nodes"]) or len(nodes) != len(expected["nodes"]):
        problem("nodes.csv: %d rows, people differ from the %d expected" % (len(nodes), len(expected["nodes"])))
    for node, attributes in expected["nodes"].items():
        row = seen.get(node)
        if row is None:
            continue
        if "name" not in attributes and row.get("name"):
            problem("nodes.csv %s: unnamed, but name is %r" % (node, row["name"]))
        got = {k: typed(row[k], attributes[k]) for k in attributes if row.get(k, "") != ""}
        compare_attributes("nodes.csv " + node, attributes, got)
    rows = {frozenset((r["source"], r["target"])): r for r in edges}
    if set(rows) != {frozenset((e["source"], e["target"])) for e in expected["edges"]} or len(edges) != len(expected["edges"]):
        problem("edges.csv: %d rows, edges differ from the %d expected" % (len(edges), len(expected["edges"])))
    for edge in expected["edges"]:
        row = rows.get(frozenset((edge["source"], edge["target"])))
        if row is None:
            continue
        attributes = {k: v for k, v in edge.items() if k not in ("source", "target")}
        for k in ("first_taken_at", "last_taken_at"):
            if k not in attributes and row.get(k):
                problem("edges.csv %s-%s: undated, but %s is %r" % (edge["source"], edge["target"], k, row[k]))
        got = {k: typed(row[k], attributes[k]) for k in attributes if row.get(k, "") != ""}
        compare_attributes("edges.csv %s-%s" % (edge["source"], edge["target"]), attributes, got)
    return "%d node rows, %d edge rows" % (len(nodes), len(edges))


def check_svg(expected, path):
    """Graphviz writes each line of a label as one <text>; labels must be there as plain text, and the drawing must
    hold nothing that runs: no <script>, no event attribute, no javascript: link, no <foreignObject>."""
    root = ET.parse(path).getroot()
    texts = set()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "embed", "object"):
            problem("svg: a <%s> element" % tag)
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problem("svg: event attribute %s=%r on <%s>" % (local, value, tag))
            if local == "href" and re.match(r"\s*(javascript|vbscript|data:text)", value, re.I):
                problem("svg: link %r on <%s>" % (value[:60], tag))
        if tag == "text" and element.text is not None:
            texts.add(element.text)
    # DOT labels lose control characters (XML forbids them); each line of the label is one text element.
    drop = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
    for node, attributes in expected["nodes"].items():
        for line in drop.sub("", attributes["label"].replace("\r", "")).split("\n"):
            if line.strip() and line not in texts:
                problem("svg: label line %r of node %s not found as text" % (line, node))
    return "%d text elements, nothing that runs" % len(texts)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("graphml", "gexf", "csv", "svg"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    fmt, expected_path, target = sys.argv[1:]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    summary = {"graphml": check_graphml, "gexf": check_gexf, "csv": check_csv, "svg": check_svg}[fmt](expected, target)
    if problems:
        print("%s: %d problems" % (fmt, len(problems)))
        for text in problems:
            print("  " + text)
        sys.exit(1)
    print("ok: %s: %s" % (fmt, summary))


if __name__ == "__main__":
    main()
