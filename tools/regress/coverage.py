#!/usr/bin/env python3
"""Which parameter values an output tree of run.sh covers: distinct values of every parameter over all points.csv,
the (rule, kernel) and (model, hidden, arch) combinations, and the result files written.
Usage: python3 tools/regress/coverage.py OUTDIR"""
import csv
import glob
import os
import sys
from collections import Counter

root = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
rows = []
for p in sorted(glob.glob(os.path.join(root, "*", "points.csv"))):
    with open(p, newline="") as f:
        rows += list(csv.DictReader(f))
print(f"{len(rows)} points.csv rows in {len(glob.glob(os.path.join(root, '*', 'points.csv')))} cases")
for col in ["model", "hidden", "arch", "task", "rule", "copies", "kernel", "schedule", "granularity", "sampler", "routing",
            "stop", "coupling", "kappa", "schedule_beta", "reinforcement", "reinforcement_step", "n"]:
    c = Counter(r[col] for r in rows)
    print(f"  {col:19} " + ", ".join(f"{v} ({k})" for v, k in sorted(c.items())))
lifted = Counter((r["rule"], "mcover" if r["kernel"] != "identity" else "identity") for r in rows)
print("  rule x lift        " + ", ".join(f"{a}/{b} ({k})" for (a, b), k in sorted(lifted.items())))
shapes = Counter((r["model"], r["hidden"], r["arch"], r["granularity"]) for r in rows if r["model"] == "committee")
print("  committee shapes   " + ", ".join(f"K={h} {a} {g} ({k})" for (_, h, a, g), k in sorted(shapes.items())))
files = Counter(os.path.basename(p) for p in glob.glob(os.path.join(root, "[!_]*", "*")) if not os.path.isdir(p))
print("  files              " + ", ".join(f"{f} ({k})" for f, k in sorted(files.items())))
