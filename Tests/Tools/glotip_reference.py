#!/usr/bin/env python3
"""An independent reading of UNODC's GLOTIP XLSX, with nothing but the Python standard library, to check
three of Palermo's figures. It follows the definitions in the README (section "Patterns and flows"):
- a duplicate key keeps one cell; copies that disagree give the range from the smallest to the largest;
- `<5` is the range 0..4; "1,173" is 1173;
- rows without a region (groups of countries) are left out;
- a country's cell is the published one, or the sum of the published parts: for the total over sex,
  first the sum over age of the sex-total cells, then the sum over sex of each sex's (age-resolved) cell;
- a country's figure (the one definition of coverage) is its published total, else the first of these sums
  that covers the whole: over age (children and adults present), over sex (female and male present, each
  complete), over the three forms of exploitation (all present); else, of the partial sums (those, and for
  detected victims the citizenship categories), the one with the largest lower bound, marked partial: a
  lower bound whose upper end is open.

Usage: glotip_reference.py FILE.xlsx  -> prints JSON.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_rows(path):
    with zipfile.ZipFile(path) as z:
        shared = ["".join(t.text or "" for t in si.iter(M + "t")) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si")]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(M + "row"):
        cells = {}
        for c in row.iter(M + "c"):
            col = "".join(ch for ch in c.get("r") if ch.isalpha())
            v = c.find(M + "v")
            text = "" if v is None else v.text or ""
            cells[col] = shared[int(text)] if c.get("t") == "s" else text
        rows.append([cells.get(col, "").strip() for col in "ABCDEFGHIJKLM"])
    return rows[0], rows[1:]


def value(text):
    if text == "<5":
        return (0, 4)
    n = int(text.replace(",", ""))
    return (n, n)


def main(path):
    header, rows = read_rows(path)
    col = {name: i for i, name in enumerate(header)}
    cells = {}
    regions = {}
    for r in rows:
        if not r[col["Region"]]:
            continue
        area = r[col["Iso3_code"]] or r[col["Country"]]
        regions[area] = r[col["Region"]]
        key = (area, r[col["Indicator"]], r[col["Dimension"]], r[col["Category"]], r[col["Sex"]], r[col["Age"]], int(r[col["Year"]]))
        lo, hi = value(r[col["txtVALUE"]])
        if key in cells:
            plo, phi = cells[key]
            cells[key] = (min(plo, lo), max(phi, hi))
        else:
            cells[key] = (lo, hi)

    def add(a, b):
        return (a[0] + b[0], a[1] + b[1])

    def total_of(parts):
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        out = (0, 0)
        for p in parts:
            out = add(out, p)
        return out

    def resolve(area, year, sex="Total", age="Total", indicator="Detected trafficking victims",
                dimension="Total", category="Total"):
        def direct(s, a):
            return cells.get((area, indicator, dimension, category, s, a, year))

        def by_age(s):
            c = direct(s, age)
            if c is not None or age != "Total":
                return c
            return total_of([direct(s, a) for a in ("0 to 17 years", "18 years or over", "Unknown")])

        c = by_age(sex)
        if c is not None or sex != "Total":
            return c
        return total_of([by_age(s) for s in ("Female", "Male", "Other", "Unknown")])

    forms = ("Sexual exploitation", "Forced labour", "Other forms of exploitation")
    citizenship_categories = {}
    for (area, indicator, dimension, category, sex, age, year) in cells:
        if dimension == "by citizenship" and indicator == "Detected trafficking victims":
            citizenship_categories.setdefault((area, year), set()).add(category)

    def figure(area, year, indicator="Detected trafficking victims"):
        """(low, high, complete) or None."""
        def direct(s, a):
            return cells.get((area, indicator, "Total", "Total", s, a, year))

        total = direct("Total", "Total")
        if total is not None:
            return (total[0], total[1], True)

        def by_age(s):
            c = direct(s, "Total")
            if c is not None:
                return (c[0], c[1], True)
            parts = {a: direct(s, a) for a in ("0 to 17 years", "18 years or over", "Unknown")}
            present = [v for v in parts.values() if v is not None]
            if not present:
                return None
            lo, hi = total_of(present)
            return (lo, hi, parts["0 to 17 years"] is not None and parts["18 years or over"] is not None)

        def summed(parts, needed):
            present = {k: v for k, v in parts.items() if v is not None}
            if not present:
                return None
            lo = sum(v[0] for v in present.values())
            hi = sum(v[1] for v in present.values())
            return (lo, hi, all(k in present and present[k][2] for k in needed))

        candidates = [by_age("Total")]
        candidates.append(summed({s: by_age(s) for s in ("Female", "Male", "Other", "Unknown")}, ("Female", "Male")))
        form_values = {}
        for f in forms:
            v = resolve(area, year, indicator=indicator, dimension="by form of exploitation", category=f)
            form_values[f] = None if v is None else (v[0], v[1], True)
        candidates.append(summed(form_values, forms))
        if indicator == "Detected trafficking victims":
            values = [resolve(area, year, dimension="by citizenship", category=c)
                      for c in sorted(citizenship_categories.get((area, year), ()))]
            values = [v for v in values if v is not None]
            candidates.append((sum(v[0] for v in values), sum(v[1] for v in values), False) if values else None)
        candidates = [c for c in candidates if c is not None]
        for c in candidates:
            if c[2]:
                return c
        best = None
        for c in candidates:
            if best is None or c[0] > best[0]:
                best = c
        return best

    def covered(indicator, areas, year):
        lo = hi = complete = partial = 0
        for area in areas:
            f = figure(area, year, indicator)
            if f is None:
                continue
            lo += f[0]
            hi += f[1]
            if f[2]:
                complete += 1
            else:
                partial += 1
        return {"low": lo, "high": None if partial else hi, "countries": complete + partial, "partial": partial}

    europe = covered("Detected trafficking victims", [a for a, r in regions.items() if r == "Europe"], 2018)

    justice = {}
    for indicator, slug in (("Persons brought into formal contact", "formal-contact"),
                            ("Persons prosecuted", "prosecuted"), ("Persons convicted", "convicted")):
        for region in sorted(set(regions.values())):
            members = [a for a, r in regions.items() if r == region]
            for year in range(2016, 2023):
                c = covered(indicator, members, year)
                if c["countries"]:
                    justice["%s|%s|%d" % (slug, region, year)] = c

    f, m, o = (0, 0), (0, 0), (0, 0)
    for area, region in regions.items():
        if region != "Americas":
            continue
        fv, mv = resolve(area, 2020, sex="Female"), resolve(area, 2020, sex="Male")
        if fv is None and mv is None:
            continue
        f = add(f, fv or (0, 0))
        m = add(m, mv or (0, 0))
        o = add(o, resolve(area, 2020, sex="Other") or (0, 0))
    mid = lambda x: (x[0] + x[1]) / 2
    share = {
        "point": mid(f) / (mid(f) + mid(m) + mid(o)),
        "low": f[0] / (f[0] + m[1] + o[1]),
        "high": f[1] / (f[1] + m[0] + o[0]),
    }

    reporting_2019 = covered("Detected trafficking victims", list(regions), 2019)["countries"]
    guyana = figure("GUY", 2017, "Persons prosecuted")

    print(json.dumps({
        "europe_2018_victims": europe,
        "justice_by_region": justice,
        "guyana_2017_prosecuted": {"low": guyana[0], "complete": guyana[2]},
        "americas_2020_female_share": share,
        "countries_reporting_victims_2019": reporting_2019,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
