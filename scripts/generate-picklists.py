#!/usr/bin/env python3
"""Regenerates Sources/PalermoCore/Resources/htcds-picklists.json from the HTCDS 2.0 files in
../shared/data/htcds: the XLSForm's `choices` sheet, and the Tier 2 / Tier 3 labour subdivisions
that only the field definitions list. Codes are trimmed (the XLSForm has `DebtBondage `)."""
import json, re, sys, zipfile, xml.etree.ElementTree as ET
from pathlib import Path

root = Path(__file__).resolve().parent.parent
htcds = root.parent / "shared" / "data" / "htcds"
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

def sheet_rows(path, sheet_file):
    z = zipfile.ZipFile(path)
    strings = ["".join(t.text or "" for t in si.iter(M + "t"))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(M + "si")]
    for row in ET.fromstring(z.read(sheet_file)).iter(M + "row"):
        vals = []
        for c in row.findall(M + "c"):
            v = c.find(M + "v")
            vals.append(strings[int(v.text)] if c.get("t") == "s" and v is not None else (v.text if v is not None else ""))
        yield vals

def camel(label):
    words = re.sub(r"[^0-9A-Za-z ]+", " ", label).split()
    return "".join(w[:1].upper() + w[1:] for w in words)

lists = {}
for vals in list(sheet_rows(htcds / "htcds_xlsform.xlsx", "xl/worksheets/sheet2.xml"))[1:]:
    if len(vals) < 3 or not vals[0]:
        continue
    name, code, label = vals[0].strip(), vals[1].strip(), vals[2].strip()
    if name == "citizenship":
        continue  # countries come from countries.csv (ISO 3166-1 alpha-3 with M49 regions)
    lists.setdefault(name, []).append({"code": code, "label": label})

tier2, tier3 = [], []
section, tier1, parent = None, None, None
for line in (htcds / "Field Definitions.md").read_text().splitlines():
    if line.startswith("## "):
        section = line[3:].strip()
    elif line.startswith("### "):
        tier1 = line[4:].strip()
    elif line.startswith("#### "):
        parent = line[5:].strip()
    elif line.startswith("| ") and not line.startswith("| Field") and "TIER" in (section or ""):
        label = line.split("|")[1].strip()
        if "TIER 2" in section:
            tier2.append({"code": camel(label), "label": label, "parent": tier1})
        elif "TIER 3" in section:
            tier3.append({"code": camel(label), "label": label, "parent": parent})
lists["labourindustrytier2"] = tier2
lists["labourindustrytier3"] = tier3
lists["riskLevel"] = [{"code": c, "label": c} for c in ("Low", "Medium", "High")]
# Palermo's age group, for a person whose birth date is not known (UNODC reports children under 18).
# Palermo's support-plan services (the spl_ section HTCDS 2.0 describes without a list of its own).
lists["supporttype"] = [{"code": c, "label": l} for c, l in (
    ("Accommodation", "Accommodation"), ("HealthCare", "Health care"), ("Psychosocial", "Psychosocial support"),
    ("LegalAid", "Legal aid"), ("Education", "Education and training"), ("Employment", "Employment"),
    ("FinancialAssistance", "Financial assistance"), ("Repatriation", "Safe return"),
    ("Reintegration", "Reintegration"), ("Other", "Other"))]
lists["agegroup"] = [{"code": "Child", "label": "Child (under 18)"}, {"code": "Adult", "label": "Adult (18 or over)"}]

out = root / "Sources" / "PalermoCore" / "Resources" / "htcds-picklists.json"
out.write_text(json.dumps(lists, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
print(f"{out}: {', '.join(f'{k} {len(v)}' for k, v in sorted(lists.items()))}", file=sys.stderr)
