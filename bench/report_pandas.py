#!/usr/bin/env python3
"""The patterns-and-flows tables computed with pandas, as the peer for bench/report.sh. Same definitions as
Palermo (README, "Patterns and flows"): duplicates span their range, <5 is 0..4, groups without a region are
left out, a missing total is the sum of its published parts, complete only when they cover the whole (else a
lower bound with an open upper end). Writes the same CSV tables (no charts).

  report_pandas.py xlsx FILE.xlsx FROM TO OUTDIR      # UNODC's published file
  report_pandas.py store palermo.sqlite FROM TO OUTDIR  # the statistics cells stored by palermo import glotip
  report_pandas.py cases palermo.sqlite FROM TO OUTDIR  # Palermo's case records (facet columns)
"""
import os
import sqlite3
import sys

import numpy as np
import pandas as pd

KEY = ["area", "indicator", "dimension", "category", "sex", "age", "year"]
SEX_PARTS = ["Female", "Male", "Other", "Unknown"]
AGE_PARTS = ["0 to 17 years", "18 years or over", "Unknown"]
FORMS = ["Sexual exploitation", "Forced labour", "Other forms of exploitation"]


def from_xlsx(path):
    df = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    df = df.rename(columns={"Iso3_code": "code", "Country": "country", "Region": "region", "Subregion": "subregion", "Indicator": "indicator",
                            "Dimension": "dimension", "Category": "category", "Sex": "sex", "Age": "age", "Year": "year", "txtVALUE": "value"})
    df["area"] = df["code"].where(df["code"] != "", df["country"])
    censored = df["value"] == "<5"
    number = pd.to_numeric(df["value"].str.replace(",", "", regex=False).where(~censored, "0"))
    df["low"] = number.where(~censored, 0).astype(int)
    df["high"] = number.where(~censored, 4).astype(int)
    df["year"] = df["year"].str.replace(".0", "", regex=False).astype(int)
    df["indicator"] = df["indicator"].map({"Detected trafficking victims": "detected-victims", "Persons brought into formal contact": "formal-contact",
                                           "Persons prosecuted": "prosecuted", "Persons convicted": "convicted",
                                           "Offences of trafficking in persons": "offences"})
    names = dict(zip(df["country"], df["code"]))
    df["category_area"] = df["category"].map(names)
    return df


def from_store(path):
    with sqlite3.connect(path) as db:
        return pd.read_sql("SELECT * FROM stat_observations WHERE dataset = 'GLOTIP'", db)


def from_cases(path):
    with sqlite3.connect(path) as db:
        cases = pd.read_sql("""SELECT o.country AS area, substr(c.identified_on, 1, 4) AS year, c.gender, c.age_group, c.citizenship, c.exploitation,
                                      c.linkage_key, c.identified_on, c.case_code
                               FROM cases c JOIN organisations o ON o.id = c.organisation_id""", db)
        countries = pd.read_csv(os.path.join(os.path.dirname(__file__), "..", "Sources", "PalermoCore", "Resources", "countries.csv"),
                                keep_default_na=False)
    # People, not records: one country's records with the same linkage key count once, the earliest identified.
    cases = cases.assign(undated=cases["identified_on"].isna()).sort_values(["undated", "identified_on", "case_code"])
    shared = cases["linkage_key"].notna() & cases.duplicated(["area", "linkage_key"])
    cases = cases[~shared]
    cases = cases[cases["year"].notna() & (cases["year"] != "")]
    cases["year"] = cases["year"].astype(int)
    cases["sex"] = cases["gender"].map({"Feminine": "Female", "Masculine": "Male", "TransgenderFeminine": "Other",
                                        "TransgenderMasculine": "Other", "NonConforming": "Other"}).fillna("Unknown")
    cases["age"] = cases["age_group"].map({"child": "0 to 17 years", "adult": "18 years or over"}).fillna("Unknown")
    first = cases["exploitation"].str.split(";").str[1].fillna("")
    cases["form"] = np.select([first == "SexualExploitation", first.isin(["ForcedLabour", "ChildLabour", "Servitude"]), first != ""],
                              ["Sexual exploitation", "Forced labour", "Other forms of exploitation"], default="")
    name = dict(zip(countries["alpha3"], countries["name"]))
    cases["citizenship_name"] = cases["citizenship"].map(name).fillna("Unknown")
    frames = []
    for dimension, category, breakdown, sub in [("Total", None, True, cases), ("by form of exploitation", "form", True, cases[cases["form"] != ""]),
                                                ("by citizenship", "citizenship_name", False, cases)]:
        cat = sub[category] if category else pd.Series("Total", index=sub.index)
        pairs = [("Total", "Total"), ("sex", "Total"), ("Total", "age"), ("sex", "age")] if breakdown else [("Total", "Total")]
        for s, a in pairs:
            g = pd.DataFrame({"area": sub["area"], "year": sub["year"], "category": cat,
                              "sex": sub["sex"] if s == "sex" else "Total", "age": sub["age"] if a == "age" else "Total"})
            counts = g.groupby(["area", "year", "category", "sex", "age"], sort=False).size().reset_index(name="low")
            counts["dimension"] = dimension
            frames.append(counts)
    df = pd.concat(frames, ignore_index=True)
    df["high"] = df["low"]
    df["indicator"] = "detected-victims"
    info = countries.set_index("alpha3")
    df["region"] = df["area"].map(info["region"]).fillna("")
    df["subregion"] = df["area"].map(info["subregion"]).fillna("")
    df["category_area"] = df["category"].map(dict(zip(countries["name"], countries["alpha3"])))
    return df


def resolve(cells, dimension):
    """Per (indicator, area, year, category): the total, and totals per sex, with the parts rule."""
    d = cells[cells["dimension"] == dimension]
    wide = d.pivot_table(index=["indicator", "area", "year", "category"], columns=["sex", "age"], values=["low", "high"], aggfunc="sum")

    def col(bound, s, a):
        key = (bound, s, a)
        return wide[key] if key in wide.columns else pd.Series(np.nan, index=wide.index)

    def by_age(bound, s):
        direct = col(bound, s, "Total")
        parts = pd.concat([col(bound, s, a) for a in AGE_PARTS], axis=1).sum(axis=1, min_count=1)
        return direct.fillna(parts)

    out = pd.DataFrame(index=wide.index)
    for bound in ["low", "high"]:
        out[f"{bound}_Total"] = by_age(bound, "Total").fillna(pd.concat([by_age(bound, s) for s in SEX_PARTS], axis=1).sum(axis=1, min_count=1))
        for s in ["Female", "Male", "Other"]:
            out[f"{bound}_{s}"] = by_age(bound, s)
    return out.reset_index()


def figures(cells):
    """Per (indicator, area, year): a country's figure, low, high and whether complete (README's definition):
    the published total; else the first complete sum over age, over sex, over the three forms; else the partial
    sum (those, and citizenship for detected victims) with the largest lower bound."""
    d = cells[(cells["dimension"] == "Total") & (cells["category"] == "Total")]
    wide = d.pivot_table(index=["indicator", "area", "year"], columns=["sex", "age"], values=["low", "high"], aggfunc="sum")

    def col(bound, s, a):
        key = (bound, s, a)
        return wide[key] if key in wide.columns else pd.Series(np.nan, index=wide.index)

    def by_age(s):
        direct_low, direct_high = col("low", s, "Total"), col("high", s, "Total")
        parts_low = pd.concat([col("low", s, a) for a in AGE_PARTS], axis=1).sum(axis=1, min_count=1)
        parts_high = pd.concat([col("high", s, a) for a in AGE_PARTS], axis=1).sum(axis=1, min_count=1)
        covers = col("low", s, AGE_PARTS[0]).notna() & col("low", s, AGE_PARTS[1]).notna()
        return direct_low.fillna(parts_low), direct_high.fillna(parts_high), direct_low.notna() | (parts_low.notna() & covers)

    candidates = []
    total_low, total_high = col("low", "Total", "Total"), col("high", "Total", "Total")
    candidates.append((total_low, total_high, total_low.notna()))
    candidates.append(by_age("Total"))
    sexes = {s: by_age(s) for s in SEX_PARTS}
    sex_low = pd.concat([v[0] for v in sexes.values()], axis=1).sum(axis=1, min_count=1)
    sex_high = pd.concat([v[1] for v in sexes.values()], axis=1).sum(axis=1, min_count=1)
    sex_complete = sexes["Female"][0].notna() & sexes["Female"][2] & sexes["Male"][0].notna() & sexes["Male"][2]
    candidates.append((sex_low, sex_high, sex_complete))
    frame = pd.DataFrame(index=wide.index)
    for i, (lo, hi, complete) in enumerate(candidates):
        frame[f"low{i}"], frame[f"high{i}"], frame[f"complete{i}"] = lo, hi, complete & lo.notna()

    forms = resolve(cells, "by form of exploitation")
    forms = forms[forms["category"].isin(FORMS) & forms["low_Total"].notna()]
    f = forms.groupby(["indicator", "area", "year"]).agg(low=("low_Total", "sum"), high=("high_Total", "sum"), n=("category", "nunique"))
    cit = resolve(cells, "by citizenship")
    cit = cit[(cit["indicator"] == "detected-victims") & cit["low_Total"].notna()]
    c = cit.groupby(["indicator", "area", "year"]).agg(low=("low_Total", "sum"), high=("high_Total", "sum"))
    frame = frame.join(f.rename(columns={"low": "low3", "high": "high3"}), how="outer").join(c.rename(columns={"low": "low4", "high": "high4"}), how="outer")
    frame["complete3"] = frame["n"] == len(FORMS)
    frame["complete4"] = False
    for i in range(5):
        frame[f"complete{i}"] = frame[f"complete{i}"].fillna(False).astype(bool) & frame[f"low{i}"].notna()
    low = pd.Series(np.nan, index=frame.index)
    high, complete = low.copy(), pd.Series(False, index=frame.index)
    for i in range(5):  # the first complete candidate
        take = low.isna() & frame[f"complete{i}"]
        low, high, complete = low.where(~take, frame[f"low{i}"]), high.where(~take, frame[f"high{i}"]), complete | take
    best_low = pd.Series(np.nan, index=frame.index)
    best_high = best_low.copy()
    for i in range(1, 5):  # else the partial sum with the largest lower bound, the first of equals
        better = frame[f"low{i}"].notna() & (best_low.isna() | (frame[f"low{i}"] > best_low))
        best_low, best_high = best_low.where(~better, frame[f"low{i}"]), best_high.where(~better, frame[f"high{i}"])
    low, high = low.fillna(best_low), high.fillna(best_high)
    out = pd.DataFrame({"low": low, "high": high, "complete": complete}).dropna(subset=["low"]).reset_index()
    return out


def tables(cells, first, last, out):
    cells = cells[(cells["region"] != "") & (cells["year"] >= first) & (cells["year"] <= last)]
    cells = cells.groupby(KEY + ["region", "subregion", "category_area"], dropna=False, sort=False).agg(low=("low", "min"), high=("high", "max")).reset_index()
    areas = cells.drop_duplicates("area").set_index("area")[["region", "subregion"]]
    totals = resolve(cells, "Total")
    totals = totals[totals["category"] == "Total"]
    years = pd.DataFrame({"year": range(first, last + 1)})

    figs = figures(cells)

    def indicator(name):
        t = figs[figs["indicator"] == name]
        return pd.DataFrame({"area": t["area"].values, "year": t["year"].values, "low": t["low"].values, "high": t["high"].values,
                             "complete": t["complete"].values})

    victims, formal, prosecuted, convicted = (indicator(n) for n in ("detected-victims", "formal-contact", "prosecuted", "convicted"))
    published = sorted(victims["year"].unique())
    counts = victims.groupby("area")["year"].nunique()
    panel = set(counts[counts == len(published)].index)

    def per_year(frame, prefix):
        g = frame.groupby("year").agg(n=("area", "size"), partial=("complete", lambda x: int((~x).sum())), low=("low", "sum"), high=("high", "sum")).reset_index()
        g["high"] = g["high"].astype(int).astype(str).where(g["partial"] == 0, "")
        return g.rename(columns={"n": f"countries_reporting_{prefix}", "partial": f"countries_reporting_partial_{prefix}",
                                 "low": f"{prefix}_low", "high": f"{prefix}_high"})

    trend = years
    for frame, prefix in ((victims, "victims"), (formal, "formal_contact"), (prosecuted, "prosecuted"), (convicted, "convicted")):
        t = per_year(frame, prefix)
        trend = trend.merge(t, how="left")
        for column in t.columns[1:3]:
            trend[column] = trend[column].fillna(0).astype(int)
        trend[f"{prefix}_low"] = trend[f"{prefix}_low"].astype("Int64").astype(str).replace("<NA>", "")
        trend[f"{prefix}_high"] = trend[f"{prefix}_high"].fillna("")
    p = victims[victims["area"].isin(panel)].groupby("year").agg(panel_victims_low=("low", "sum"), panel_victims_high=("high", "sum")).reset_index()
    trend["panel_countries"] = len(panel)
    trend = trend.merge(p, how="left")
    trend.to_csv(os.path.join(out, "trend.csv"), index=False)

    v = victims.join(areas, on="area")
    world = v.groupby("year")[["low", "high"]].sum()
    regions = []
    for keys in (["region"], ["region", "subregion"]):
        g = v.groupby(keys + ["year"]).agg(countries=("area", "size"), victims_low=("low", "sum"), victims_high=("high", "sum")).reset_index()
        mid = (g["victims_low"] + g["victims_high"]) / 2
        wmid = g["year"].map((world["low"] + world["high"]) / 2)
        g["share"] = (mid / wmid).round(4)
        regions.append(g)
    pd.concat(regions).fillna({"subregion": ""}).sort_values(["year", "region", "subregion"]).to_csv(os.path.join(out, "regions.csv"), index=False)

    t = totals[totals["indicator"] == "detected-victims"].join(areas, on="area")
    bysex = t[t["low_Female"].notna() | t["low_Male"].notna()].fillna(0)
    sex = bysex.groupby("year").agg(countries_by_sex=("area", "size"), female_low=("low_Female", "sum"), female_high=("high_Female", "sum"),
                                    male_low=("low_Male", "sum"), male_high=("high_Male", "sum"),
                                    other_low=("low_Other", "sum"), other_high=("high_Other", "sum")).reset_index()
    fm, mm, om = [(sex[f"{k}_low"] + sex[f"{k}_high"]) / 2 for k in ("female", "male", "other")]
    sex["female_share"] = (fm / (fm + mm + om)).round(4)
    sex.to_csv(os.path.join(out, "sex_age.csv"), index=False)

    forms = resolve(cells, "by form of exploitation")
    forms = forms[(forms["indicator"] == "detected-victims") & forms["category"].isin(FORMS) & forms["low_Total"].notna()]
    f = forms.groupby(["year", "category"]).agg(low=("low_Total", "sum"), high=("high_Total", "sum")).reset_index()
    f.to_csv(os.path.join(out, "forms.csv"), index=False)

    cit = resolve(cells, "by citizenship")
    cit = cit[(cit["indicator"] == "detected-victims") & cit["low_Total"].notna()].join(areas, on="area")
    category_area = cells[cells["dimension"] == "by citizenship"].drop_duplicates(["area", "category"]).set_index(["area", "category"])["category_area"]
    cit["category_area"] = [category_area.get((a, c)) for a, c in zip(cit["area"], cit["category"])]
    region_of = areas["region"].to_dict()
    countries = pd.read_csv(os.path.join(os.path.dirname(__file__), "..", "Sources", "PalermoCore", "Resources", "countries.csv"), keep_default_na=False)
    region_of.update({k: v for k, v in zip(countries["alpha3"], countries["region"]) if v})
    domestic = (cit["category_area"] == cit["area"]) | (cit["category"].str.lower() == "nationals")
    cit["origin"] = np.where(domestic, cit["region"], cit["category_area"].map(region_of).fillna("Unspecified"))
    flows = cit.groupby(["origin", "region"]).agg(countries=("area", "nunique"), victims_low=("low_Total", "sum"), victims_high=("high_Total", "sum")).reset_index()
    flows.rename(columns={"region": "destination"}).to_csv(os.path.join(out, "flows.csv"), index=False)

    both = prosecuted.merge(convicted, on=["area", "year"], suffixes=("_p", "_c")).join(areas, on="area")
    conv = both.groupby("region").agg(country_years=("area", "size"), prosecuted_low=("low_p", "sum"), prosecuted_high=("high_p", "sum"),
                                      convicted_low=("low_c", "sum"), convicted_high=("high_c", "sum")).reset_index()
    conv["ratio"] = ((conv["convicted_low"] + conv["convicted_high"]) / (conv["prosecuted_low"] + conv["prosecuted_high"])).round(4)
    conv.to_csv(os.path.join(out, "convictions.csv"), index=False)

    c = v.groupby(["area", "region", "subregion"]).agg(years=("year", "size"), victims_low=("low", "sum"), victims_high=("high", "sum")).reset_index()
    c.to_csv(os.path.join(out, "countries.csv"), index=False)
    with open(os.path.join(out, "index.html"), "w") as html:
        html.write("<!doctype html><meta charset=utf-8><title>Patterns and flows (pandas)</title>" + trend.to_html(index=False) + flows.to_html(index=False))


def main():
    kind, path, first, last, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    os.makedirs(out, exist_ok=True)
    cells = {"xlsx": from_xlsx, "store": from_store, "cases": from_cases}[kind](path)
    tables(cells, first, last, out)


if __name__ == "__main__":
    main()
