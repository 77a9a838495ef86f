#!/usr/bin/env python3
"""Plots of a fleetsim benchmark summary (the summary.csv `fleetsim report` writes).

usage: report_plots.py SUMMARY.csv OUT_DIR [THROUGHPUT.csv]

Writes into OUT_DIR, one panel per group (map or scenario) and one line per planner:
  success_rate.png  success rate vs agents (every group)
  runtime.png       median runtime of solved runs vs agents, log scale (one-shot groups)
  soc_ratio.png     median SOC / lower bound vs agents (one-shot groups)
  throughput.png    median throughput vs fleet size (lifelong groups)
The median plots shade the interquartile range over the solved runs (the spread across
seeds) where a point has several, and every point is labelled with the number of runs
behind it (solved runs for the medians, all runs for the success rate).
and, from THROUGHPUT.csv (errands per step per window, median and quartiles over runs),
one plot per lifelong instance (the file named in its `plot` column): throughput over time,
one line per planner, with the interquartile band when several runs are behind a line.
and, when OUT_DIR holds robustness.csv (runs made under delays), robustness.png: one panel
per instance, throughput (lifelong) or executed SOC / planned SOC (one-shot) against the
per-tick delay probability, one line per planner and execution policy.
plots.txt lists the files written. Exits 3 when matplotlib is missing, 2 on bad input.
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
        for key in ("runtime_s", "soc_over_lb", "throughput"):
            for q in ("q25", "q75"):
                row[f"{q}_{key}"] = number(row.get(f"{q}_{key}"))
        row["runs"] = int(row["runs"])
        row["solved"] = int(row["solved"])
    return rows


# The quartile columns behind each median metric.
SPREAD = {"median_runtime_s": "runtime_s", "median_soc_over_lb": "soc_over_lb",
          "median_throughput": "throughput"}


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
    spread = SPREAD.get(metric)
    count = "runs" if metric == "success_rate" else "solved"
    for i, (group, rows) in enumerate(sorted(groups.items())):
        ax = axes[i // cols][i % cols]
        for j, planner in enumerate(planners):
            points = sorted(((r["agents"], r[metric], r) for r in rows
                             if r["planner"] == planner and r[metric] is not None),
                            key=lambda p: p[0])
            if not points:
                continue
            xs = [p[0] for p in points]
            line, = ax.plot(xs, [p[1] for p in points],
                            marker=markers[j % len(markers)], label=planner)
            band = [p[2] for p in points if p[2][count] > 1 and spread
                    and p[2][f"q25_{spread}"] is not None]
            if band:
                ax.fill_between([r["agents"] for r in band], [r[f"q25_{spread}"] for r in band],
                                [r[f"q75_{spread}"] for r in band], color=line.get_color(),
                                alpha=0.2, linewidth=0)
            for x, y, r in points:
                ax.annotate(f"{r[count]}", (x, y), textcoords="offset points", xytext=(3, 3),
                            fontsize=6, color=line.get_color())
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
    fig.suptitle(title + ("\n(labels: runs behind each point)" if metric == "success_rate" else
                           "\n(median, interquartile band; labels: solved runs behind each point)"),
                 fontsize=10)
    legend_in = 0.4 + 0.09 * max(len(x) for x in labels)
    fig.set_figwidth(4.6 * cols + legend_in)
    fig.tight_layout(rect=(0, 0, 1 - legend_in / fig.get_figwidth(), 0.92))
    return fig


def throughput_figures(path, out_dir):
    """One PNG per instance from throughput.csv; returns the names written."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    instances = {}
    for row in rows:
        instances.setdefault(row["plot"], []).append(row)
    written = []
    markers = "osD^v<>ph*"
    for name, rows in sorted(instances.items()):
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        planners = sorted({r["planner"] for r in rows})
        for j, planner in enumerate(planners):
            points = sorted((int(r["window"]), r) for r in rows if r["planner"] == planner)
            mid = [(int(r["tick_start"]) + int(r["tick_end"])) / 2 for _, r in points]
            median = [float(r["median"]) for _, r in points]
            runs = max(int(r["runs"]) for _, r in points)
            label = f"{planner} ({runs} run{'s' if runs != 1 else ''})"
            line, = ax.plot(mid, median, label=label, linewidth=1.4,
                            marker=markers[j % len(markers)] if len(mid) <= 30 else None,
                            markersize=3)
            if runs > 1:
                ax.fill_between(mid, [float(r["q25"]) for _, r in points],
                                [float(r["q75"]) for _, r in points],
                                color=line.get_color(), alpha=0.2, linewidth=0)
        first = rows[0]
        window = int(first["tick_end"]) - int(first["tick_start"])
        ax.set_title(f"{first['group']}, {first['agents']} agents: throughput over time"
                     f"{' (median, interquartile band)' if any(int(r['runs']) > 1 for r in rows) else ''}",
                     fontsize=10)
        ax.set_xlabel("tick")
        ax.set_ylabel(f"errands per tick ({window}-tick windows)")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, frameon=False, loc="best")
        fig.tight_layout()
        fig.savefig(os.path.join(out_dir, name), dpi=110)
        plt.close(fig)
        written.append(name)
    return written


def robustness_figure(path, out_dir):
    """robustness.png from robustness.csv; returns the names written."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["median"] != ""]
    if not rows:
        return []
    panels = {}
    for row in rows:
        panels.setdefault((row["group"], int(row["agents"])), []).append(row)
    n = len(panels)
    cols = min(3, n)
    nrows = math.ceil(n / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(5.2 * cols, 3.8 * nrows), squeeze=False)
    markers = "osD^v<>ph*"
    for i, ((group, agents), panel) in enumerate(sorted(panels.items())):
        ax = axes[i // cols][i % cols]
        lines = sorted({(r["planner"], r["execution"]) for r in panel})
        for j, (planner, execution) in enumerate(lines):
            points = sorted((float(r["delay_prob"]), r) for r in panel
                            if r["planner"] == planner and r["execution"] == execution)
            xs = [p[0] for p in points]
            line, = ax.plot(xs, [float(p[1]["median"]) for p in points],
                            marker=markers[j % len(markers)], label=f"{planner}, {execution}",
                            linestyle="-" if execution == "adg" else "--")
            for x, r in points:
                if int(r["executed_violations"]) > 0:
                    ax.annotate("!", (x, float(r["median"])), color="red")
        lifelong = panel[0]["lifelong"] == "1"
        ax.set_title(f"{group}, {agents} agents", fontsize=10)
        ax.set_xlabel("delay probability per tick")
        ax.set_ylabel("errands per tick" if lifelong else "executed SOC / planned SOC")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7, frameon=False, loc="best")
    for k in range(n, nrows * cols):
        axes[k // cols][k % cols].axis("off")
    fig.suptitle("Robustness to delays (median over solved runs)", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.savefig(os.path.join(out_dir, "robustness.png"), dpi=110)
    plt.close(fig)
    return ["robustness.png"]


def main(argv):
    if len(argv) not in (3, 4):
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
    if len(argv) == 4:
        try:
            written += throughput_figures(argv[3], out_dir)
        except (OSError, KeyError, ValueError) as e:
            print(f"report_plots: cannot read {argv[3]}: {e}", file=sys.stderr)
            return 2
    robustness = os.path.join(out_dir, "robustness.csv")
    if os.path.exists(robustness):
        try:
            written += robustness_figure(robustness, out_dir)
        except (OSError, KeyError, ValueError) as e:
            print(f"report_plots: cannot read {robustness}: {e}", file=sys.stderr)
            return 2
    with open(os.path.join(out_dir, "plots.txt"), "w", encoding="utf-8") as f:
        f.write("".join(name + "\n" for name in written))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
