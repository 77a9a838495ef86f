#!/usr/bin/env python3
"""Checks that a suite run in shards (through Slurm) gave what the same suite run locally gave.

usage: same_results.py LOCAL.jsonl LOCAL_SUMMARY.csv SHARDS_SUMMARY.csv SHARD.jsonl...

Runs: the same keys, each recorded once over all shards, with the same status and the same
plan costs and simulation outcomes. Report: the same summary.csv, but for the columns that
measure time or memory (they differ from one run to the next). Meant for suites of planners
whose plans do not depend on timing. Exit 0 when equal, 1 with the differences listed.
"""
import csv
import json
import sys

# What a run computed; timing and memory fields are left out.
OUTCOME_FIELDS = ("status", "soc", "soc_lb", "makespan", "makespan_lb", "ticks",
                  "errands_done", "executed_violations", "throughput_windows")
TIMING_COLUMNS = {"median_runtime_s", "median_planner_p99_s", "max_peak_memory_mb",
                  "q25_runtime_s", "q75_runtime_s"}


def runs(paths):
    """Every run record of the files, by key, with how often each key was recorded."""
    found, count = {}, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record.get("type") != "run":
                    continue
                found[record["key"]] = record
                count[record["key"]] = count.get(record["key"], 0) + 1
    return found, count


def summary(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: v for k, v in row.items() if k not in TIMING_COLUMNS}
                for row in csv.DictReader(f)]


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    local, _ = runs([argv[1]])
    sharded, count = runs(argv[4:])
    problems = []
    for key in sorted(set(local) - set(sharded)):
        problems.append(f"{key}: missing from the shards")
    for key in sorted(set(sharded) - set(local)):
        problems.append(f"{key}: in the shards only")
    for key in sorted(k for k, n in count.items() if n > 1):
        problems.append(f"{key}: recorded {count[key]} times in the shards")
    for key in sorted(set(local) & set(sharded)):
        for field in OUTCOME_FIELDS:
            if local[key].get(field) != sharded[key].get(field):
                problems.append(f"{key}: {field} {local[key].get(field)} locally, "
                                f"{sharded[key].get(field)} in the shards")
    local_rows, shard_rows = summary(argv[2]), summary(argv[3])
    if local_rows != shard_rows:
        problems.append(f"the report tables differ:\n  local:  {local_rows}\n  shards: {shard_rows}")
    for p in problems:
        print(p)
    if not problems:
        print(f"same results: {len(local)} runs, {len(local_rows)} report rows")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
