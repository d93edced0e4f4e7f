#!/usr/bin/env python3
"""The mean absolute error of 1-, 2- and 3-attribute combination counts between a sensitive CSV and a synthetic
   one (an empty value is no value), over every combination in either: one yardstick for Palermo and pac-synth.
   bench/combination_error.py sensitive.csv synthetic.csv"""
import csv, sys
from collections import Counter
from itertools import combinations


def counts(path):
    result = [Counter(), Counter(), Counter()]
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        for row in reader:
            items = [(a, v) for a, v in zip(header, row) if v != ""]
            for length in (1, 2, 3):
                result[length - 1].update(combinations(items, length))
    return result


sensitive, synthetic = counts(sys.argv[1]), counts(sys.argv[2])
errors = []
for length in (1, 2, 3):
    a, b = sensitive[length - 1], synthetic[length - 1]
    keys = set(a) | set(b)
    errors.append(sum(abs(a[k] - b[k]) for k in keys) / max(1, len(keys)))
print(" ".join(f"{e:.2f}" for e in errors))
