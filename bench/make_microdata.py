#!/usr/bin/env python3
"""Writes N HTCDS-shaped case records over 8 attributes as CSV, skewed the way case data is (a few
   citizenships and forms dominate, many are rare), for the publication benchmark.
   bench/make_microdata.py 1000000 /tmp/records.csv"""
import csv, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(2010)
citizenship = ["KEN", "UGA", "TZA", "ETH", "SOM", "BDI", "RWA", "SSD", "NPL", "IND", "BGD", "PHL", "NGA", "GHA",
               "VNM", "MMR", "KHM", "THA", "UKR", "MDA", "ROU", "ALB", "BRA", "COL", "VEN", "HND", "GTM", "MEX",
               "HTI", "DOM", "SYR", "AFG", "PAK", "LKA", "IDN", "CHN", "LAO", "ERI", "SDN", "COD"]
exploitation_countries = citizenship[:20] + ["ARE", "SAU", "QAT", "KWT", "OMN", "DEU", "ITA", "ESP", "USA", "GBR"]
forms = ["SexualExploitation", "ForcedLabour", "DomesticServitude", "ForcedMarriage", "ForcedBegging",
         "ForcedCriminality", "OrganRemoval", "ChildSoldiers"]
industries = ["Agriculture", "Construction", "DomesticWork", "Fishing", "Manufacturing", "Mining", "Hospitality",
              "Begging", "Peddling", "Sexindustry", "Other", "Unknown"]


def skewed(choices, power=1.3):
    weights = [1 / (i + 1) ** power for i in range(len(choices))]
    return lambda: rng.choices(choices, weights)[0]


pick_citizenship, pick_country = skewed(citizenship), skewed(exploitation_countries, 1.1)
pick_form, pick_industry = skewed(forms, 1.6), skewed(industries, 0.8)
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["sex", "ageGroup", "citizenship", "countryOfExploitation", "year", "exploitation",
                "labourIndustry", "traffickingStatus"])
    for _ in range(n):
        form = pick_form()
        w.writerow([rng.choices(["Female", "Male", ""], [62, 35, 3])[0],
                    rng.choices(["0-11", "12-17", "18-25", "26-35", "36-50", "51+", ""], [5, 14, 30, 26, 16, 4, 5])[0],
                    pick_citizenship(), pick_country(), str(rng.choices(range(2010, 2025), range(5, 20))[0]), form,
                    pick_industry() if form in ("ForcedLabour", "DomesticServitude") else "",
                    rng.choices(["Confirmed", "Presumed", "Unknown"], [55, 35, 10])[0]])
