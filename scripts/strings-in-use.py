#!/usr/bin/env python3
"""Lists the string keys the Swift sources ask for that en.json lacks (fixed keys only; keys built at run
time from a prefix, such as "age.<group>" or "picklist.<list>.<code>", are checked by LocalisationTests)."""
import json, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
english = json.loads((root / "Sources/PalermoReport/Wording/Strings/en.json").read_text())
pattern = re.compile(r'\bw\(\s*"([A-Za-z0-9_.]+)"|localizer\(\s*"([A-Za-z0-9_.]+)"|\)\(\s*"([A-Za-z0-9_.]+)"')
used = set()
for path in (root / "Sources").rglob("*.swift"):
    for match in pattern.finditer(path.read_text()):
        used.add(next(g for g in match.groups() if g))
missing = sorted(k for k in used if k not in english)
print("\n".join(missing))
sys.exit(1 if missing else 0)
