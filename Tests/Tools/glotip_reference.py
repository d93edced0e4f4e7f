#!/usr/bin/env python3
"""An independent reading of UNODC's GLOTIP XLSX, with nothing but the Python standard library, to check
three of Palermo's figures. It follows the definitions in the README (section "Patterns and flows"):
- a duplicate key keeps one cell; copies that disagree give the range from the smallest to the largest;
- `<5` is the range 0..4; "1,173" is 1173;
- rows without a region (groups of countries) are left out;
- a country's cell is the published one, or the sum of the published parts: for the total over sex,
  first the sum over age of the sex-total cells, then the sum over sex of each sex's (age-resolved) cell.

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

    def resolve(area, year, sex="Total", age="Total", indicator="Detected trafficking victims"):
        def direct(s, a):
            return cells.get((area, indicator, "Total", "Total", s, a, year))

        def by_age(s):
            c = direct(s, age)
            if c is not None or age != "Total":
                return c
            return total_of([direct(s, a) for a in ("0 to 17 years", "18 years or over", "Unknown")])

        c = by_age(sex)
        if c is not None or sex != "Total":
            return c
        return total_of([by_age(s) for s in ("Female", "Male", "Other", "Unknown")])

    europe = (0, 0)
    europe_countries = 0
    for area, region in regions.items():
        if region == "Europe":
            v = resolve(area, 2018)
            if v is not None:
                europe = add(europe, v)
                europe_countries += 1

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

    reporting_2019 = sum(1 for area in regions if resolve(area, 2019) is not None)

    print(json.dumps({
        "europe_2018_victims": {"low": europe[0], "high": europe[1], "countries": europe_countries},
        "americas_2020_female_share": share,
        "countries_reporting_victims_2019": reporting_2019,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
