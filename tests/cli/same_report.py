#!/usr/bin/env python3
"""same_report.py NATIVE.csv DATABASE.csv: exit 0 when two `tally eval --format
csv` reports agree on every product, period and value. Only the provenance
columns that name the engine and the inputs' digests may differ (the database
report has no data file to digest)."""
import csv
import sys

PROVENANCE = {"engine", "rules_sha256", "data_sha256"}


def load(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        sys.exit(f"{path}: empty report")
    keep = [i for i, name in enumerate(rows[0]) if name not in PROVENANCE]
    return [rows[0][i] for i in keep], [[row[i] for i in keep] for row in rows[1:]]


header, native = load(sys.argv[1])
other_header, database = load(sys.argv[2])
if header != other_header:
    sys.exit(f"different columns:\n  {header}\n  {other_header}")
if len(native) != len(database):
    sys.exit(f"{len(native)} rows natively, {len(database)} from the database")
differences = 0
for native_row, database_row in zip(native, database):
    for name, mine, theirs in zip(header, native_row, database_row):
        if mine != theirs:
            differences += 1
            if differences <= 10:
                print(f"{native_row[0]} {native_row[3]}: {name} is {mine} natively, {theirs} in the database")
if differences:
    sys.exit(f"{differences} values differ")
if not native:
    sys.exit("no rows to compare")
