#!/usr/bin/env python3
"""Writes N synthetic HTCDS cases as CSV (invented names; every row passes Palermo's rules).
   bench/make_cases.py 100000 /tmp/cases.csv"""
import csv, random, sys
from datetime import date, timedelta

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(2010)
given = ["Amani", "Baraka", "Chiku", "Dalila", "Eshe", "Faraji", "Grace", "Halima", "Imani", "Jabari", "Kamau", "Lulu"]
family = ["Otieno", "Wanjiru", "Mutua", "Achieng", "Kiptoo", "Nalubega", "Okello", "Mensah", "Bekele", "Omondi"]
countries = ["KEN", "UGA", "TZA", "ETH", "SOM", "BDI", "RWA", "SSD"]
exploitation = ["SexualExploitation", "ForcedLabour", "ForcedMarriage", "ForcedBegging"]
columns = ["prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_Citizenship",
           "prs_MobilePhone", "cas_IdentificationDate", "cas_IncomingReferralDate", "cas_Status",
           "vic_TypeOfExploitation", "vic_LocationOfExploitation", "cas_ReasonForIncomingReferral"]
today = date(2026, 11, 1)
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(columns)
    for i in range(n):
        identified = today - timedelta(days=rng.randint(1, 5 * 365))
        born = identified - timedelta(days=rng.randint(8 * 365, 55 * 365))
        w.writerow([rng.choice(given), rng.choice(family) + str(i), born.isoformat(),
                    rng.choice(["Feminine", "Masculine"]), rng.choice(countries),
                    f"+254 7{rng.randint(10, 99)} {rng.randint(100000, 999999)}", identified.isoformat(),
                    identified.isoformat(), rng.choice(["Active", "FollowUp"]), rng.choice(exploitation),
                    rng.choice(countries), "Identified during outreach; needs shelter and counselling"])
