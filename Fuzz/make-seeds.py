#!/usr/bin/env python3
"""Extracts seed plans for the fuzzer into Fuzz/corpus/ (committed; small):

  - every ```yaml block of docs/*.md (the rule catalogue's failing and passing examples and the
    language reference's snippets),
  - every multi-line string literal in Tests/**/*.swift that looks like a plan or fragment
    (the test fixtures are written inline).

plans/*.yaml are not copied: Fuzz/run.sh passes plans/ to libFuzzer as a read-only seed folder.
Re-run after the docs or tests change; file names are content hashes, so re-running is idempotent.
"""
import hashlib
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Fuzz" / "corpus"
out.mkdir(exist_ok=True)
seeds = set()

for md in sorted((root / "docs").glob("*.md")):
    for block in re.findall(r"```yaml\n(.*?)```", md.read_text(encoding="utf-8"), re.S):
        seeds.add(block.replace("↓", ""))

for swift in sorted((root / "Tests").rglob("*.swift")):
    text = swift.read_text(encoding="utf-8")
    for block in re.findall(r'"""\n(.*?)\n\s*"""', text, re.S):
        lines = block.split("\n")
        indent = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
        body = "\n".join(l[indent:] for l in lines) + "\n"
        if "\\(" in body or ":" not in body:
            continue  # interpolated or not YAML-like
        body = body.replace("\\\\", "\\").replace('\\"', '"').replace("↓", "")
        seeds.add(body)

for seed in sorted(seeds):
    data = seed.encode("utf-8")
    if len(data) > 16384:
        continue
    (out / (hashlib.sha1(data).hexdigest()[:16] + ".yaml")).write_bytes(data)
print(f"{len(seeds)} seeds in {out.relative_to(root)}")
