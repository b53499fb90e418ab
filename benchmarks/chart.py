#!/usr/bin/env python3
"""Charts and tables from JMH's JSON output (issue 7). Python standard library only.

    python3 benchmarks/chart.py benchmarks/target/jmh.json \
        --svg docs/benchmarks.svg --markdown benchmarks/target/results.md

Writes an SVG bar chart (throughput per library, per database and operation, with the 99.9% error
bars JMH reports, and allocation per update from -prof gc) and prints a Markdown table with the
ratios to hand-written JDBC and to Hibernate, and whether the issue's goals are met. With
-prof dev.optilock.benchmarks.CpuTimeProfiler in the run, also the CPU time per operation.
"""
import argparse
import json
import statistics
import sys
from html import escape

LIBRARIES = [  # JMH class -> label, in display order
    ("JdbcBenchmark", "hand-written JDBC"),
    ("OptilockBenchmark", "optilock"),
    ("JooqBenchmark", "jOOQ"),
    ("SpringDataJdbcBenchmark", "Spring Data JDBC"),
    ("HibernateStatelessBenchmark", "Hibernate StatelessSession"),
    ("HibernateBenchmark", "Hibernate Session"),
]
COLOURS = {
    "JdbcBenchmark": "#7f7f7f",
    "OptilockBenchmark": "#1f77b4",
    "JooqBenchmark": "#2ca02c",
    "SpringDataJdbcBenchmark": "#9467bd",
    "HibernateStatelessBenchmark": "#ff9f4a",
    "HibernateBenchmark": "#d62728",
}
OPERATIONS = ["update", "insert", "findById"]
DATABASES = ["sqlite", "postgresql"]


def number(value):
    """A float, or None for what JMH writes as "NaN" (too few iterations for an error)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if value != value else value


def load(path):
    """{(db, operation, library class): result} from a JMH JSON file."""
    results = {}
    for entry in json.load(open(path)):
        *_, cls, method = entry["benchmark"].split(".")
        db = entry.get("params", {}).get("db", "?")
        primary = entry["primaryMetric"]
        raw = [v for fork in primary.get("rawData", []) for v in fork]
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        cpu = entry.get("secondaryMetrics", {}).get("cpu.time.per.op")
        results[(db, method, cls)] = {
            "score": primary["score"],
            "error": number(primary.get("scoreError")),
            "unit": primary["scoreUnit"],
            "median": statistics.median(raw) if raw else primary["score"],
            "alloc": number(alloc["score"]) if alloc else None,
            "alloc_error": number(alloc.get("scoreError")) if alloc else None,
            "cpu": number(cpu["score"]) if cpu else None,
            "cpu_error": number(cpu.get("scoreError")) if cpu else None,
            "jdk": entry.get("jdkVersion"),
            "vm": entry.get("vmName"),
        }
    return results


def fmt(value, digits=0):
    if value is None or value != value:
        return "n/a"
    return f"{value:,.{digits}f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def markdown(results):
    out = []
    out.append("| database | operation | library | ops/s (mean ± 99.9% error) | median of iterations | vs hand JDBC | optilock vs this | CPU µs/op | CPU vs hand JDBC | optilock CPU vs this | alloc B/op |")
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for db in DATABASES:
        for op in OPERATIONS:
            jdbc = results.get((db, op, "JdbcBenchmark"))
            opt = results.get((db, op, "OptilockBenchmark"))
            for cls, label in LIBRARIES:
                r = results.get((db, op, cls))
                if not r:
                    continue
                vs_jdbc = ratio(r["score"], jdbc["score"]) if jdbc else None
                opt_vs = ratio(opt["score"], r["score"]) if opt and cls != "OptilockBenchmark" else None
                cpu_vs_jdbc = ratio(r["cpu"], jdbc["cpu"]) if jdbc else None
                opt_cpu_vs = ratio(r["cpu"], opt["cpu"]) if opt and cls != "OptilockBenchmark" else None
                name = f"**{label}**" if cls == "OptilockBenchmark" else label
                out.append(
                    f"| {db} | {op} | {name} | {fmt(r['score'])} ± {fmt(r['error'])} | {fmt(r['median'])} | "
                    f"{fmt(vs_jdbc, 2)}x | {fmt(opt_vs, 2) + 'x' if opt_vs else '—'} | "
                    f"{fmt(r['cpu'], 1)} ± {fmt(r['cpu_error'], 1)} | {fmt(cpu_vs_jdbc, 2)}x | "
                    f"{fmt(opt_cpu_vs, 2) + 'x' if opt_cpu_vs else '—'} | {fmt(r['alloc'])} |"
                )
    return "\n".join(out)


def overhead(results):
    """The stub-driver benchmark: optilock's own cost per update over the same hand-written JDBC."""
    jdbc = results.get(("?", "jdbcUpdate", "OverheadBenchmark"))
    opt = results.get(("?", "optilockUpdate", "OverheadBenchmark"))
    if not jdbc or not opt:
        return ""
    def cpu_ns(r):
        return r["cpu"] * 1000 if r.get("cpu") is not None else None

    out = ["| stub driver (no database) | time per update | median of iterations | CPU ns/op | alloc B/op |",
           "|---|---:|---:|---:|---:|"]
    for label, r in [("hand-written JDBC", jdbc), ("optilock", opt)]:
        out.append(f"| {label} | {r['score']:.1f} ± {fmt(r['error'], 1)} {r['unit']} | "
                   f"{r['median']:.1f} {r['unit']} | {fmt(cpu_ns(r), 1)} | {fmt(r['alloc'])} |")
    cpu_diff = cpu_ns(opt) - cpu_ns(jdbc) if cpu_ns(opt) is not None and cpu_ns(jdbc) is not None else None
    out.append(f"| **optilock's overhead** | **{opt['score'] - jdbc['score']:+.1f} {opt['unit']}** | "
               f"{opt['median'] - jdbc['median']:+.1f} {opt['unit']} | "
               f"{'n/a' if cpu_diff is None else f'{cpu_diff:+.1f}'} | "
               f"{(opt['alloc'] or 0) - (jdbc['alloc'] or 0):+.0f} |")
    return "\n".join(out)


def goals(results):
    lines = []
    for db in DATABASES:
        opt = results.get((db, "update", "OptilockBenchmark"))
        jdbc = results.get((db, "update", "JdbcBenchmark"))
        if not opt or not jdbc:
            continue
        r = opt["score"] / jdbc["score"]
        lines.append(
            f"- {db}: optilock update throughput = {r:.2f}x hand-written JDBC "
            f"({'met' if r >= 0.9 else 'NOT met'}: goal >= 0.90x)"
        )
        if opt.get("cpu") and jdbc.get("cpu"):
            c = opt["cpu"] / jdbc["cpu"]
            lines.append(
                f"- {db}: optilock update CPU time = {c:.2f}x hand-written JDBC's "
                f"({'met' if c <= 1 / 0.9 else 'NOT met'}: goal <= 1.11x)"
            )
        for cls, label in [("HibernateBenchmark", "Hibernate Session"),
                           ("HibernateStatelessBenchmark", "Hibernate StatelessSession")]:
            h = results.get((db, "update", cls))
            if h:
                r = opt["score"] / h["score"]
                lines.append(
                    f"- {db}: optilock update throughput = {r:.2f}x {label}'s "
                    f"({'met' if r >= 2 else 'NOT met'}: goal >= 2x)"
                )
                if opt.get("cpu") and h.get("cpu"):
                    c = h["cpu"] / opt["cpu"]
                    lines.append(
                        f"- {db}: {label} spends {c:.2f}x optilock's CPU time per update "
                        f"({'met' if c >= 2 else 'NOT met'}: goal >= 2x)"
                    )
    return "\n".join(lines)


def svg(results, title, note=None):
    panels = [(db, op) for op in OPERATIONS for db in DATABASES]
    panels += [(db, "cpu") for db in DATABASES] + [(db, "alloc") for db in DATABASES]
    col_w, label_w, bar_h, gap, head = 470, 190, 18, 4, 40
    n = len(LIBRARIES)
    panel_h = head + n * (bar_h + gap) + 20
    width = 2 * col_w + 30
    top_y = 78 if note else 60
    height = top_y + (len(panels) // 2) * panel_h + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="28" text-anchor="middle" font-size="17" font-weight="bold">{escape(title)}</text>',
        f'<text x="{width / 2}" y="46" text-anchor="middle" fill="#555">throughput in ops/s, higher is better '
        f'(error bars: JMH 99.9% CI; label: ratio to hand-written JDBC); the last two rows: CPU time and bytes per update, lower is better</text>',
    ]
    if note:
        parts.append(f'<text x="{width / 2}" y="64" text-anchor="middle" fill="#a33">{escape(note)}</text>')
    for i, (db, op) in enumerate(panels):
        x0 = 15 + (i % 2) * col_w
        y0 = top_y + (i // 2) * panel_h
        alloc = op in ("alloc", "cpu")  # per-operation costs: no error bars, lower is better
        key_op = "update" if alloc else op
        rows = []
        for cls, label in LIBRARIES:
            r = results.get((db, key_op, cls))
            if r:
                v = r[op] if alloc else r["score"]
                e = 0 if alloc else r["error"] or 0
                rows.append((cls, label, v, e))
        heading = {"alloc": f"{db}: allocation per update (B/op)",
                   "cpu": f"{db}: CPU time of the calling thread per update (µs/op)"}.get(op, f"{db}: {op} (ops/s)")
        parts.append(f'<text x="{x0}" y="{y0 + 22}" font-size="14" font-weight="bold">{escape(heading)}</text>')
        values = [v + e for _, _, v, e in rows if v is not None]
        if not values:
            parts.append(f'<text x="{x0}" y="{y0 + 45}" fill="#999">no data</text>')
            continue
        top = max(values) * 1.18 or 1
        plot_w = col_w - label_w - 30
        jdbc = results.get((db, key_op, "JdbcBenchmark"))
        for j, (cls, label, v, e) in enumerate(rows):
            y = y0 + head + j * (bar_h + gap)
            parts.append(f'<text x="{x0 + label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">{escape(label)}</text>')
            if v is None:
                continue
            w = plot_w * v / top
            parts.append(
                f'<rect x="{x0 + label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{COLOURS[cls]}"/>'
            )
            if e and not alloc:
                lo = x0 + label_w + plot_w * max(v - e, 0) / top
                hi = x0 + label_w + plot_w * (v + e) / top
                cy = y + bar_h / 2
                parts.append(f'<line x1="{lo:.1f}" y1="{cy}" x2="{hi:.1f}" y2="{cy}" stroke="black"/>')
                parts.append(f'<line x1="{lo:.1f}" y1="{cy - 4}" x2="{lo:.1f}" y2="{cy + 4}" stroke="black"/>')
                parts.append(f'<line x1="{hi:.1f}" y1="{cy - 4}" x2="{hi:.1f}" y2="{cy + 4}" stroke="black"/>')
            text = f"{v:,.1f}" if op == "cpu" else f"{v:,.0f}"
            if jdbc and not alloc and jdbc["score"]:
                text += f"  ({v / jdbc['score']:.2f}x)"
            if jdbc and op == "cpu" and jdbc.get("cpu"):
                text += f"  ({v / jdbc['cpu']:.2f}x)"
            tx = x0 + label_w + max(w, plot_w * (v + e) / top if not alloc else w) + 4
            parts.append(f'<text x="{tx:.1f}" y="{y + bar_h - 5}" fill="#222">{escape(text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", help="JMH result file (-rf json -rff ...)")
    parser.add_argument("--svg", help="write the chart here")
    parser.add_argument("--markdown", help="also write the table and goals here")
    parser.add_argument("--note", help="a line under the subtitle, e.g. about the machine's load")
    parser.add_argument("--title", default="optilock vs hand-written JDBC, jOOQ, Spring Data JDBC and Hibernate")
    args = parser.parse_args()
    results = load(args.json)
    if not results:
        sys.exit(f"no results in {args.json}")
    table = markdown(results)
    goal_lines = goals(results)
    any_result = next(iter(results.values()))
    text = f"JDK {any_result['jdk']} ({any_result['vm']})\n\n{table}\n\nGoals (update):\n{goal_lines}\n"
    over = overhead(results)
    if over:
        text += f"\n{over}\n"

    print(text)
    if args.markdown:
        open(args.markdown, "w").write(text)
    if args.svg:
        open(args.svg, "w").write(svg(results, args.title, args.note))
        print(f"wrote {args.svg}")


if __name__ == "__main__":
    main()
