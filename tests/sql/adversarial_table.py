#!/usr/bin/env python3
"""adversarial_table.py SEED ROWS OUT.csv: a small observation table built to
hit the corners where two engines could disagree: a few assets seen many
times a day at the same instants (ties in `latest`), empty cells in every
column that may be empty, agent ids shared by several assets, rows before
and after the term, times on every hour. Deterministic for a seed."""
import csv
import random
import sys

seed, rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
pick = rng.choice

assets = [f"a{i}" for i in range(8)]
agents = ["ag-1", "ag-2", "ag-3", "ag-4"]
types = ["host", "vm", "container_node", "other", ""]
sources = ["agent", "scanner", "cloud_connector", "runtime_sensor", "flexscan"]
statuses = ["active", "enabled", "inactive", "disabled", "decommissioned", "terminated", ""]
clouds = ["aws", "azure", "gcp", "oci", ""]
systems = ["windows", "linux", "mac", ""]
tags = ["", "prod", "test", "prod;test", "web"]
modules = ["", "PM", "EDR;PM", "VM;PC", "FIM"]


def instant(day, hour=None):
    hour = pick([0, 1, 5, 12, 22, 23]) if hour is None else hour
    if hour == 0 and rng.random() < 0.5:
        return f"2026-01-{day:02d}"  # a date alone: midnight
    return f"2026-01-{day:02d}T{hour:02d}:{pick(['00', '30'])}Z"


def maybe_time():
    return "" if rng.random() < 0.3 else instant(pick(range(1, 11)))


with open(out, "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["observed_at", "asset_id", "asset_type", "source", "agent_id", "instance_id", "cloud",
                     "status", "open_ports", "vulns", "findings", "modules", "ot_class", "last_event_at", "os",
                     "os_name", "tags", "activated_at"])
    for _ in range(rows):
        # Each day sees its own number of assets, odd or even, so that counts
        # halved meet rounding ties.
        day = pick(range(1, 16))
        source = pick(sources)
        writer.writerow([
            instant(day), pick(assets[: 1 + (day * 5 + seed) % len(assets)]), pick(types), source,
            pick(agents) if source == "agent" or rng.random() < 0.2 else "",
            pick(["", "i-1", "i-2"]), pick(clouds), pick(statuses), pick(["", "0", "3"]), pick(["", "0", "1"]),
            pick(["", "0", "2"]), pick(modules), pick(["", "basic", "enriched", "vulnerable"]), maybe_time(),
            pick(systems), pick(["", "Windows Server 2012 R2"]), pick(tags), maybe_time(),
        ])
