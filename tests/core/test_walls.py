"""The walls between domain packages, read from the imports of marketplace/ (every import,
at the top of a module or inside a function): forbidden edges and cycles fail the suite."""
import ast
from collections import defaultdict
from pathlib import Path

import marketplace

ROOT = Path(marketplace.__file__).parent

# Who must never import whom (one domain reacts to another through signals instead).
FORBIDDEN = {
    "catalog": {"orders", "payments", "valuechain", "distributors"},
    "producers": {"payments", "orders", "valuechain"},
    "orders": {"payments", "valuechain"},
    "payments": {"valuechain"},
    "search": {"orders", "payments", "valuechain"},
    "accounts": {"valuechain", "distributors", "producers", "portal", "orders", "payments"},
}
# Wiring, not domains: the app factory, the table registry, demo data and the site's pages
# may import any domain; nothing imports them back.
COMPOSITION = {"__init__", "models", "demo", "catalogues"}


def _domain_of(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return parts[0]


def _imported_domains(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "marketplace":
                names = [f"marketplace.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "marketplace" and len(parts) > 1:
                yield parts[1], node.lineno


def _packages():
    return {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def import_graph():
    """{domain: {imported domain: [(file, line), …]}} between packages and shared modules."""
    graph = defaultdict(lambda: defaultdict(list))
    for path in ROOT.rglob("*.py"):
        source = _domain_of(path)
        for target, line in _imported_domains(path):
            if target != source:
                graph[source][target].append(f"{path.relative_to(ROOT.parent)}:{line}")
    return graph


def test_no_forbidden_edge():
    graph = import_graph()
    found = [
        f"{source} → {target} ({', '.join(graph[source][target])})"
        for source, targets in FORBIDDEN.items()
        for target in sorted(targets & set(graph[source]))
    ]
    assert found == []


def test_shared_modules_import_no_domain():
    """Top-level modules (money, clock, forms, unitofwork, statemachine…) serve every domain,
    so they import none, else a domain would import its neighbours through them."""
    graph = import_graph()
    packages = _packages()
    found = [
        f"{module} → {target} ({', '.join(graph[module][target])})"
        for module in graph
        if module not in packages and module not in COMPOSITION
        for target in sorted(set(graph[module]) & packages)
    ]
    assert found == []


def test_nothing_imports_the_wiring():
    graph = import_graph()
    found = [
        f"{source} → {target} ({', '.join(graph[source][target])})"
        for source in graph
        for target in sorted(set(graph[source]) & (COMPOSITION - {"models"}))
        if source not in COMPOSITION
    ]
    assert found == []


def test_no_cycle_between_domain_packages():
    graph = import_graph()
    packages = _packages() - COMPOSITION
    edges = {p: set(graph[p]) & packages for p in packages}
    cycles = []
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                cycles.append(" → ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for package in sorted(packages):
        if package not in state:
            visit(package, [package])
    assert cycles == [], "\n".join(f"{c}: {', '.join(graph[c.split(' → ')[0]][c.split(' → ')[1]])}" for c in cycles)
