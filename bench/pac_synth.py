#!/usr/bin/env python3
"""pac-synth (0.0.8, the Rust core of Microsoft's synthetic-data-showcase) on a CSV of records: its
   differentially private aggregate-seeded synthesizer, the only one the package ships, with the same reporting
   length and ε as Palermo's synthetic-dp. Writes the synthetic records as CSV.
   bench/pac_synth.py records.csv out.csv LENGTH EPSILON"""
import csv, sys, time
import pacsynth

source, out, length, epsilon = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
started = time.time()
with open(source, newline="") as f:
    raw = list(csv.reader(f))
dataset = pacsynth.Dataset(raw)
del raw
parameters = (pacsynth.DpAggregateSeededParametersBuilder().reporting_length(length).epsilon(epsilon)
              .delta(1e-6).use_synthetic_counts(True).build())
synthesizer = pacsynth.DpAggregateSeededSynthesizer(parameters)
synthesizer.fit(dataset)
synthetic = synthesizer.sample()
with open(out, "w", newline="") as f:
    csv.writer(f).writerows(synthetic)
print(f"pac-synth: {len(synthetic) - 1} records in {time.time() - started:.2f} s", file=sys.stderr)
