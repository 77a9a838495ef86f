#!/usr/bin/env python3
"""Plots of a fleetsim benchmark summary (the summary.csv `fleetsim report` writes).

usage: report_plots.py SUMMARY.csv OUT_DIR

Writes into OUT_DIR, one panel per group (map or scenario) and one line per planner:
  success_rate.png  success rate vs agents (every group)
  runtime.png       median runtime of solved runs vs agents, log scale (one-shot groups)
  soc_ratio.png     median SOC / lower bound vs agents (one-shot groups)
  throughput.png    median throughput vs fleet size (lifelong groups)
and plots.txt listing the files written. Exits 3 when matplotlib is missing, 2 on bad input.
"""

import csv
import math
import os
import sys

NO_MATPLOTLIB = 3

try:
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit(NO_MATPLOTLIB)


def number(text):
    return float(text) if text not in ("", None) else None


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["agents"] = int(row["agents"])
        row["lifelong"] = row["lifelong"] == "1"
        for key in ("success_rate", "median_runtime_s", "median_soc_over_lb", "median_throughput"):
            row[key] = number(row[key])
    return rows


def by_group(rows, keep):
    groups = {}
    for row in rows:
        if keep(row):
            groups.setdefault(row["group"], []).append(row)
    return groups


def figure(groups, metric, ylabel, xlabel, title, log_y=False):
    """One panel per group, one line per planner; None when there is nothing to draw."""
    groups = {g: rows for g, rows in groups.items()
              if any(r[metric] is not None for r in rows)}
    if not groups:
        return None
    n = len(groups)
    cols = min(3, n)
    nrows = math.ceil(n / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(4.6 * cols, 3.6 * nrows), squeeze=False)
    planners = sorted({r["planner"] for rows in groups.values() for r in rows})
    markers = "osD^v<>ph*"
    for i, (group, rows) in enumerate(sorted(groups.items())):
        ax = axes[i // cols][i % cols]
        for j, planner in enumerate(planners):
            points = sorted((r["agents"], r[metric]) for r in rows
                            if r["planner"] == planner and r[metric] is not None)
            if points:
                ax.plot([p[0] for p in points], [p[1] for p in points],
                        marker=markers[j % len(markers)], label=planner)
        ax.set_title(group, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if log_y:
            ax.set_yscale("log")
        ax.grid(True, alpha=0.3)
    for k in range(n, nrows * cols):
        axes[k // cols][k % cols].axis("off")
    handles, labels = [], []
    for ax in axes.flat:
        for h, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(h)
                labels.append(label)
    # The legend sits right of the panels, where it hides no axis label.
    fig.legend(handles, labels, loc="center right", frameon=False)
    fig.suptitle(title)
    legend_in = 0.4 + 0.09 * max(len(x) for x in labels)
    fig.set_figwidth(4.6 * cols + legend_in)
    fig.tight_layout(rect=(0, 0, 1 - legend_in / fig.get_figwidth(), 0.95))
    return fig


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    summary, out_dir = argv[1], argv[2]
    try:
        rows = read_rows(summary)
    except (OSError, KeyError, ValueError) as e:
        print(f"report_plots: cannot read {summary}: {e}", file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)
    every = by_group(rows, lambda r: True)
    one_shot = by_group(rows, lambda r: not r["lifelong"])
    lifelong = by_group(rows, lambda r: r["lifelong"])
    plots = [
        ("success_rate.png", every, "success_rate", "success rate", "agents",
         "Success rate vs agents", False),
        ("runtime.png", one_shot, "median_runtime_s", "median runtime (s)", "agents",
         "Runtime of solved runs vs agents", True),
        ("soc_ratio.png", one_shot, "median_soc_over_lb", "median SOC / LB", "agents",
         "Solution quality vs agents", False),
        ("throughput.png", lifelong, "median_throughput", "errands per tick", "fleet size",
         "Throughput vs fleet size", False),
    ]
    written = []
    for name, groups, metric, ylabel, xlabel, title, log_y in plots:
        fig = figure(groups, metric, ylabel, xlabel, title, log_y)
        if fig is None:
            continue
        if metric == "success_rate":
            for ax in fig.axes:
                if ax.get_title():
                    ax.set_ylim(-0.05, 1.05)
        fig.savefig(os.path.join(out_dir, name), dpi=110)
        plt.close(fig)
        written.append(name)
    with open(os.path.join(out_dir, "plots.txt"), "w", encoding="utf-8") as f:
        f.write("".join(name + "\n" for name in written))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
