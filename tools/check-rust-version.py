#!/usr/bin/env python3
"""check-rust-version: the crate's rust-version is at least what every normal dependency
declares. Reads `cargo metadata --format-version 1` on stdin (run from the repository root):

    cargo metadata --format-version 1 --locked | python3 tools/check-rust-version.py

Exit 1 naming each dependency that needs a newer Rust than the crate says."""
import json
import sys


def version(v):
    return tuple(int(x) for x in v.split("."))


meta = json.load(sys.stdin)
packages = {p["id"]: p for p in meta["packages"]}
root = next(packages[i] for i in meta["workspace_members"])
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
ours = version(root["rust_version"])
# Normal dependencies, transitively: those a user of the crate builds.
seen, stack = set(), [root["id"]]
while stack:
    for dep in nodes[stack.pop()]["deps"]:
        normal = any(k["kind"] is None for k in dep["dep_kinds"])
        if normal and dep["pkg"] not in seen:
            seen.add(dep["pkg"])
            stack.append(dep["pkg"])
needs = sorted(
    (packages[i]["name"], packages[i]["version"], packages[i]["rust_version"])
    for i in seen
    if packages[i].get("rust_version")
)
late = [n for n in needs if version(n[2]) > ours]
for name, v, rust in late:
    print(f"{name} {v} needs Rust {rust}; {root['name']} says rust-version {root['rust_version']}")
if late:
    sys.exit(1)
top = max(needs, key=lambda n: version(n[2]), default=None)
print(
    f"rust-version {root['rust_version']}: every normal dependency ({len(seen)}) needs at most "
    + (f"{top[2]} ({top[0]} {top[1]})" if top else "nothing")
)
