#!/usr/bin/env python3
"""Regenerates Sources/PalermoCore/Resources/htcds-definitions.json from the HTCDS 2.0 field definitions
(../shared/data/htcds/Field Definitions.md): the definition of each picklist choice that the document
defines (methods of control, trafficking status, the three tiers of labour industries), found by code or by
label. The definitions are the standard's own English text; the case form shows them as such."""
import json, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent
source = root.parent / "shared" / "data" / "htcds" / "Field Definitions.md"
picklists = json.loads((root / "Sources/PalermoCore/Resources/htcds-picklists.json").read_text())
sections = {
    "Methods Of Control": "methodsofcontrol",
    "Trafficking Status": "traffickingstatus",
    "Labour Industry (TIER 1)": "forcedlabourindustry",
    "Labour Subdivisions (TIER 2)": "labourindustrytier2",
    "Labour Subdivisions (TIER 3)": "labourindustrytier3",
}


# The document's names where the XLSForm's codes differ.
aliases = {"Threats": "PhysicalThreats", "PsychoactiveSubstances": "PsychoactiveSubstance",
           "UsesChildren": "ThreatensChildrenFamily", "ThreatOfLawEnforcement": "ThreatsLawEnforcement"}


def key(text):
    return re.sub(r"[^0-9a-z]", "", text.lower())


out, current = {}, None
for line in source.read_text(encoding="utf-8").splitlines():
    if line.startswith("## "):
        current = sections.get(line[3:].strip())
        continue
    if current is None or not line.startswith("|") or set(line) <= set("|- "):
        continue
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    if len(cells) < 2 or cells[0] in ("Field Name", "Field Label"):
        continue
    name, definition = cells[0], " ".join(cells[1:]).strip()
    entries = picklists[current]
    short = name.replace("MethodsOfControl", "", 1)
    wanted = key(aliases.get(short, short))
    match = next((e for e in entries if key(e["code"]) == wanted or key(e["label"]) == wanted), None)
    if match is None:
        print(f"{current}: the standard's choices have no '{name}'; its definition is left out")
        continue
    out.setdefault(current, {})[match["code"]] = re.sub(r"\s+", " ", definition)

target = root / "Sources/PalermoCore/Resources/htcds-definitions.json"
target.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
print(f"{target}: {sum(len(v) for v in out.values())} definitions in {len(out)} picklists")
