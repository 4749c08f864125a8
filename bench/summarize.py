#!/usr/bin/env python3
"""Turns the benchmark results into bench/results/summary.md: costs over no agent, ratios to the
pool's own leak detection and to the floor agent, the targets, memory per lease and per pool, bytes
allocated per lease and start-up time.

  summarize.py --results DIR [--merge RAW.json ...]

With --merge, first concatenates JMH's per-run JSON files into DIR/jmh.json (still JMH's format)
and notes the machine in DIR/environment.json. Error margins are JMH's 99.9% confidence
half-widths; a difference's margin is the root sum of squares of the two.
"""
import argparse
import datetime
import json
import math
import os
import platform
import statistics

LEASE = "io.poolscope.bench.LeaseBenchmark.getConnectionClose"
QUERY = "io.poolscope.bench.QueryBenchmark.getConnectionSelect1Close"
CONFIGS = ["NO_AGENT", "STACKS_OFF", "STACKS_AUTO", "STACKS_FULL", "POOL_LEAK_DETECTION", "FLOOR_AGENT"]
LABELS = {
    "NO_AGENT": "no agent",
    "STACKS_OFF": "agent, stacks=off",
    "STACKS_AUTO": "agent, default (stacks=auto)",
    "STACKS_FULL": "agent, stacks=full",
    "POOL_LEAK_DETECTION": "HikariCP leakDetectionThreshold, no agent",
    "FLOOR_AGENT": "floor agent, level=lease (not poolscope)",
}
# Targets on getConnection + close: the most stacks=off may add (ns), and the most stacks=auto and
# stacks=full may cost as a share of the pool's own leak detection, by thread count.
OFF_EXTRA_NS = {1: 80, 4: 50}
AUTO_SHARE = {1: 0.10, 4: 0.10}
FULL_SHARE = {1: 0.90, 4: 0.75}
QUERY_H2_SHARE = 0.30
QUERY_PG_SHARE = 0.01
BYTES_PER_LEASE = 300
STARTUP_MS = 200


class Score:
    """A JMH score with its 99.9% half-width (0 when JMH could not compute one)."""

    def __init__(self, value, error):
        self.value = float(value)
        error = float(error) if error is not None else float("nan")  # JMH writes "NaN" with too few iterations
        self.error = 0.0 if math.isnan(error) else error

    def minus(self, other):
        return Score(self.value - other.value, math.hypot(self.error, other.error))

    def low(self):
        return self.value - self.error

    def high(self):
        return self.value + self.error

    def text(self, digits=0, sign=False):
        fmt = "{:+,.%df}" % digits if sign else "{:,.%df}" % digits
        return fmt.format(self.value) + (" ± " + ("{:,.%df}" % digits).format(self.error) if self.error else "")


def ratio(part, whole):
    """part / whole with the widest range the margins allow (None where whole may be 0)."""
    value = part.value / whole.value if whole.value else float("nan")
    if whole.low() <= 0 or not (part.error or whole.error):
        return value, None
    bounds = [part.low() / whole.low(), part.low() / whole.high(), part.high() / whole.low(), part.high() / whole.high()]
    return value, (min(bounds), max(bounds))


def percent(value_range, digits=0):
    value, bounds = value_range
    fmt = "{:.%df}%%" % digits
    text = fmt.format(value * 100)
    if bounds:
        text += (" (" + fmt + " to " + fmt + ")").format(bounds[0] * 100, bounds[1] * 100)
    return text


def load(path):
    with open(path) as f:
        return json.load(f)


def merge(raw_files, results):
    merged = []
    for path in sorted(raw_files):
        merged.extend(load(path))
    with open(os.path.join(results, "jmh.json"), "w") as out:
        json.dump(merged, out, indent=2)
        out.write("\n")
    with open(os.path.join(results, "environment.json"), "w") as out:
        json.dump(environment(), out, indent=2)
        out.write("\n")


def environment():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        memory_kb = int(f.readline().split()[1])
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memoryGiB": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
    }


class Runs:
    """The JMH results, looked up by benchmark, database, configuration, threads and depth."""

    def __init__(self, entries):
        self.entries = entries
        self.by_key = {}
        for e in entries:
            p = e["params"]
            if p.get("pool", "hikari") != "hikari":
                continue  # the other pools have a table of their own (pool_table)
            key = (e["benchmark"], p["database"], p["config"], e["threads"], int(p["depth"]))
            self.by_key[key] = e

    def get(self, benchmark, database, config, threads, depth):
        return self.by_key.get((benchmark, database, config, threads, depth))

    def time(self, *key):
        e = self.get(*key)
        return Score(e["primaryMetric"]["score"], e["primaryMetric"]["scoreError"]) if e else None

    def bytes(self, *key):
        e = self.get(*key)
        if not e or "gc.alloc.rate.norm" not in e["secondaryMetrics"]:
            return None
        m = e["secondaryMetrics"]["gc.alloc.rate.norm"]
        return Score(m["score"], m["scoreError"])

    def values(self, index, benchmark, database):
        return sorted({k[index] for k in self.by_key if k[0] == benchmark and k[1] == database})


POOL_DEPTH = 60


def pool_table(entries, lines):
    """Per pool library, getConnection + close at one depth, 1 thread: no agent, the pool's own leak
    detection, stacks=off and the default, against the targets set by HikariCP's leak detection."""
    by_pool = {}
    for e in entries:
        p = e["params"]
        if e["benchmark"] == LEASE and p["database"] == "H2" and int(p["depth"]) == POOL_DEPTH and e["threads"] == 1:
            by_pool.setdefault(p.get("pool", "hikari"), {})[p["config"]] = Score(e["primaryMetric"]["score"], e["primaryMetric"]["scoreError"])
    if len(by_pool) < 2:
        return
    hikari = by_pool.get("hikari", {})
    hikari_leak = hikari["POOL_LEAK_DETECTION"].minus(hikari["NO_AGENT"]) if "POOL_LEAK_DETECTION" in hikari and "NO_AGENT" in hikari else None
    lines.append("## Every pool: getConnection + close, H2, depth %d, 1 thread\n" % POOL_DEPTH)
    if hikari_leak:
        lines.append("Targets: stacks=off adds at most +100 ns; the default adds at most 10%% of what HikariCP's own leak detection adds to HikariCP (%s ns, so ≤ %.0f ns).\n" % (
            hikari_leak.text(sign=True), hikari_leak.value * 0.10))
    lines.append("| pool | no agent ns/op | own leak detection extra ns | stacks=off extra ns | target | default extra ns | target |")
    lines.append("|---|---|---|---|---|---|---|")
    for pool in sorted(by_pool, key=lambda name: (name != "hikari", name)):
        r = by_pool[pool]
        base = r.get("NO_AGENT")
        if not base:
            continue
        def extra(config):
            return r[config].minus(base) if config in r else None
        leak, off, auto = extra("POOL_LEAK_DETECTION"), extra("STACKS_OFF"), extra("STACKS_AUTO")
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            pool, base.text(), leak.text(sign=True) if leak else "none",
            off.text(sign=True) if off else "", verdict(off.value <= 100) if off else "",
            auto.text(sign=True) if auto else "", verdict(auto.value <= hikari_leak.value * 0.10) if auto and hikari_leak else ""))
    lines.append("")


def lease_tables(runs, lines):
    for threads in runs.values(3, LEASE, "H2"):
        lines.append("#### getConnection + close, H2, %d thread%s\n" % (threads, "" if threads == 1 else "s"))
        lines.append("| depth | configuration | ns/op | extra ns over no agent | B/op | extra B/op |")
        lines.append("|---:|---|---:|---:|---:|---:|")
        for depth in runs.values(4, LEASE, "H2"):
            base_t = runs.time(LEASE, "H2", "NO_AGENT", threads, depth)
            base_b = runs.bytes(LEASE, "H2", "NO_AGENT", threads, depth)
            for config in CONFIGS:
                t = runs.time(LEASE, "H2", config, threads, depth)
                b = runs.bytes(LEASE, "H2", config, threads, depth)
                if t is None:
                    continue
                extra_t = t.minus(base_t).text(sign=True) if base_t and config != "NO_AGENT" else ""
                extra_b = b.minus(base_b).text(sign=True) if b and base_b and config != "NO_AGENT" else ""
                lines.append("| %d | %s | %s | %s | %s | %s |" % (
                    depth, LABELS[config], t.text(), extra_t, b.text() if b else "", extra_b))
        lines.append("")


def share_table(runs, lines):
    lines.append("#### Extra cost as a share of HikariCP's own leak detection (getConnection + close, H2)\n")
    lines.append("Share = (configuration − no agent) / (leakDetectionThreshold − no agent); in brackets the range the margins allow.\n")
    lines.append("| threads | depth | leak detection extra ns | default (stacks=auto) | target | stacks=full | target |")
    lines.append("|---:|---:|---:|---:|---:|---:|---:|")
    for threads in runs.values(3, LEASE, "H2"):
        for depth in runs.values(4, LEASE, "H2"):
            base = runs.time(LEASE, "H2", "NO_AGENT", threads, depth)
            leak = runs.time(LEASE, "H2", "POOL_LEAK_DETECTION", threads, depth)
            auto = runs.time(LEASE, "H2", "STACKS_AUTO", threads, depth)
            full = runs.time(LEASE, "H2", "STACKS_FULL", threads, depth)
            if not (base and leak and auto and full):
                continue
            leak_extra = leak.minus(base)
            lines.append("| %d | %d | %s | %s | ≤ %d%% | %s | ≤ %d%% |" % (
                threads, depth, leak_extra.text(sign=True),
                percent(ratio(auto.minus(base), leak_extra)), AUTO_SHARE.get(threads, 0.10) * 100,
                percent(ratio(full.minus(base), leak_extra)), FULL_SHARE.get(threads, 0.75) * 100))
    lines.append("")


def floor_table(runs, lines):
    """poolscope's stacks=off next to the floor agent, which keeps the same per-lease record and no more."""
    rows = []
    for threads in runs.values(3, LEASE, "H2"):
        for depth in runs.values(4, LEASE, "H2"):
            base = runs.time(LEASE, "H2", "NO_AGENT", threads, depth)
            off = runs.time(LEASE, "H2", "STACKS_OFF", threads, depth)
            floor = runs.time(LEASE, "H2", "FLOOR_AGENT", threads, depth)
            if base and off and floor:
                rows.append((threads, depth, base, off, floor))
    if not rows:
        return
    lines.append("#### stacks=off against the floor agent (getConnection + close, H2)\n")
    lines.append("The floor agent (shared/floor-agent, `level=lease,lease=slot`) hooks the same two HikariCP methods and keeps a "
                 "live-lease record per physical connection (holder, acquire time, wait), per-pool counters and a wait histogram: "
                 "the least a `-javaagent` can do for what `stacks=off` keeps. Ratio = stacks=off extra / floor extra; in brackets "
                 "the range the margins allow (none where the floor's extra may be 0 or less).\n")
    lines.append("| threads | depth | floor agent extra ns | stacks=off extra ns | stacks=off extra / floor extra | floor agent extra B/op | stacks=off extra B/op |")
    lines.append("|---:|---:|---:|---:|---:|---:|---:|")
    for threads, depth, base, off, floor in rows:
        base_b = runs.bytes(LEASE, "H2", "NO_AGENT", threads, depth)
        off_b = runs.bytes(LEASE, "H2", "STACKS_OFF", threads, depth)
        floor_b = runs.bytes(LEASE, "H2", "FLOOR_AGENT", threads, depth)
        floor_extra, off_extra = floor.minus(base), off.minus(base)
        value, bounds = ratio(off_extra, floor_extra)
        text = "%.2f×" % value if not math.isnan(value) else "n/a"
        if bounds:
            text += " (%.2f× to %.2f×)" % bounds
        lines.append("| %d | %d | %s | %s | %s | %s | %s |" % (
            threads, depth, floor_extra.text(sign=True), off_extra.text(sign=True), text,
            floor_b.minus(base_b).text(sign=True) if floor_b and base_b else "",
            off_b.minus(base_b).text(sign=True) if off_b and base_b else ""))
    lines.append("")


def query_table(runs, lines):
    for database in ("H2", "POSTGRES"):
        if not runs.values(3, QUERY, database):
            continue
        lines.append("#### getConnection + SELECT 1 + close, %s, depth 60\n" % ("H2 in memory" if database == "H2" else "PostgreSQL on 127.0.0.1"))
        lines.append("| threads | configuration | ns/op | extra ns over no agent | extra | B/op |")
        lines.append("|---:|---|---:|---:|---:|---:|")
        for threads in runs.values(3, QUERY, database):
            base = runs.time(QUERY, database, "NO_AGENT", threads, 60)
            for config in CONFIGS:
                t = runs.time(QUERY, database, config, threads, 60)
                b = runs.bytes(QUERY, database, config, threads, 60)
                if t is None:
                    continue
                extra = t.minus(base) if base and config != "NO_AGENT" else None
                lines.append("| %d | %s | %s | %s | %s | %s |" % (
                    threads, LABELS[config], t.text(), extra.text(sign=True) if extra else "",
                    percent(ratio(extra, base), 1) if extra else "", b.text() if b else ""))
        lines.append("")


def lease_memory(memory):
    """The memory cases of leases never returned (memory.json before the thread cases had no "case")."""
    return [m for m in memory if m.get("case", "leases") == "leases"]


def thread_memory(memory):
    return [m for m in memory if m.get("case") == "threads"]


def memory_table(memory, lines):
    memory = lease_memory(memory)
    if not memory:
        return
    lines.append("#### Memory kept for leases never returned\n")
    lines.append("Heap in use after full GCs, before and after the leases (the connection objects themselves excluded).\n")
    lines.append("| agent options | leases | tracked | untracked (counted only) | call sites | stacks kept | distinct stacks stored | heap kept | per tracked lease |")
    lines.append("|---|---:|---:|---:|---:|---|---:|---:|---:|")
    for m in memory:
        stacks = "none" if "stacks=off" in m["options"] else ("interned" if m["interned"] else "raw (not yet interned)")
        lines.append("| %s | {:,} | {:,} | {:,} | %d | %s | %d | %s | %.0f B |".format(m["leases"], m["tracked"], m["untracked"]) % (
            m["options"], m["callSites"], stacks, m["callSitesStored"], mib(m["bytes"]), m["bytesPerTrackedLease"]))
    lines.append("")


def thread_memory_table(memory, lines):
    rows = thread_memory(memory)
    if not rows:
        return
    lines.append("#### Memory per pool, leases from many threads\n")
    lines.append(("One pool of %d connections; every thread takes and returns a connection as many times as shown, all threads "
                  "at once (most of them wait inside an open acquire). Heap in use after full GCs: *while alive*, the threads "
                  "parked after their leases against the same threads parked before them, after a rehearsal (the same takes and "
                  "returns, unreported); *after they ended*, once the recording's housekeeping ran, against the heap before any "
                  "thread was made. Both include the pool's own record; the last column is the growth after they ended over the "
                  "1-thread case of the same kind and options, per thread. A parked virtual thread's stack is on the heap: the "
                  "virtual threads' *while alive* figure includes whatever their own stacks grew or shrank by, which depends on "
                  "where each thread happened to wait; only their *after they ended* figure is the recording's alone.\n") % rows[0]["connections"])
    lines.append("| agent options | threads | kind | leases per thread | JDK | heap kept while alive | per thread | heap kept after they ended | growth over 1 thread, per thread |")
    lines.append("|---|---:|---|---:|---|---:|---:|---:|---:|")
    for m in rows:
        one = next((o for o in rows if o["options"] == m["options"] and o["threadKind"] == m["threadKind"] and o["threads"] == 1), None)
        growth = ""
        if one and m["threads"] > 1:
            growth = "%+.1f B" % ((m["bytesAfterEnd"] - one["bytesAfterEnd"]) / (m["threads"] - 1))
        lines.append("| %s | {:,} | %s | %d | %s | %s | %.1f B | %s | %s |".format(m["threads"]) % (
            m["options"], m["threadKind"], m["cyclesPerThread"], m.get("jdk", ""), kib(m["bytesWhileAlive"]),
            m["bytesPerThreadWhileAlive"], kib(m["bytesAfterEnd"]), growth))
    lines.append("")


def allocation_table(allocation, lines):
    lines.append("#### Bytes allocated per acquire + release, stacks=off, recorder alone\n")
    lines.append("The recorder driven directly (no pool, no JDBC), as HikariCP's advice reports a lease; "
                 "`ThreadMXBean.getThreadAllocatedBytes` of the one thread around its cycles, after a warm-up. "
                 "A steady-state sample is a round of {:,} cycles; a new thread's sample is one lease, on each of {:,} threads.\n".format(
                     next((a["cyclesPerSample"] for a in allocation if a["cyclesPerSample"] > 1), 0),
                     next((a["samples"] for a in allocation if a["cyclesPerSample"] == 1), 0)))
    lines.append("| case | samples | bytes per cycle: min | median | max | samples that allocated | JDK |")
    lines.append("|---|---:|---:|---:|---:|---:|---|")
    for a in allocation:
        lines.append("| %s | %d | %s | %s | %s | %d | %s |" % (
            a["label"], a["samples"], bytes_text(a["minBytesPerCycle"]), bytes_text(a["medianBytesPerCycle"]),
            bytes_text(a["maxBytesPerCycle"]), a["samplesAllocating"], a.get("jdk", "")))
    lines.append("")


def bytes_text(n):
    return "{:,.0f}".format(n) if n == int(n) or n >= 100 else "%.3f" % n


def mib(n):
    return "%.2f MiB" % (n / 1024 / 1024)


def kib(n):
    return "{:,.1f} KiB".format(n / 1024)


def startup_stats(startup):
    result = {}
    for name, values in startup["millis"].items():
        q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
        result[name] = {"median": statistics.median(values), "min": min(values), "max": max(values), "q1": q[0], "q3": q[2]}
    return result


def startup_table(startup, lines):
    stats = startup_stats(startup)
    lines.append("#### Start-up: whole test-app process, %d interleaved runs each\n" % startup["runs"])
    lines.append("`%s`, and the same with `-javaagent:<agent jar>` (default options).\n" % startup["commandWithout"].replace(os.getcwd() + "/", ""))
    lines.append("| | median | quartiles | min – max |")
    lines.append("|---|---:|---:|---:|")
    for name, label in (("noAgent", "without agent"), ("agent", "with agent")):
        s = stats[name]
        lines.append("| %s | %.0f ms | %.0f – %.0f ms | %.0f – %.0f ms |" % (label, s["median"], s["q1"], s["q3"], s["min"], s["max"]))
    lines.append("| difference of medians | %+.0f ms | | |" % (stats["agent"]["median"] - stats["noAgent"]["median"]))
    lines.append("")
    warnings = startup["agentOnlyWarnings"]
    lines.append("JVM warnings printed with the agent and not without: " + ("none." if not warnings else "; ".join("`%s`" % w for w in warnings)))
    lines.append("")


def verdict(ok):
    return "met" if ok else "**missed**"


def targets(runs, memory, allocation, startup, lines):
    lines.append("#### Targets\n")
    lines.append("| target | measured | |")
    lines.append("|---|---|---|")
    depths = runs.values(4, LEASE, "H2")
    try:
        for threads in runs.values(3, LEASE, "H2"):
            extras = [(d, runs.time(LEASE, "H2", "STACKS_OFF", threads, d).minus(runs.time(LEASE, "H2", "NO_AGENT", threads, d))) for d in depths]
            limit = OFF_EXTRA_NS.get(threads, 50)
            lines.append("| stacks=off ≤ +%d ns per cycle, %d thread%s | %s | %s |" % (
                limit, threads, "" if threads == 1 else "s", ", ".join("%s ns (depth %d)" % (e.text(sign=True), d) for d, e in extras),
                verdict(all(e.value <= limit for _, e in extras))))
        for threads in runs.values(3, LEASE, "H2"):
            extras = [runs.bytes(LEASE, "H2", "STACKS_OFF", threads, d).minus(runs.bytes(LEASE, "H2", "NO_AGENT", threads, d)) for d in depths]
            lines.append("| stacks=off allocates nothing extra, %d thread%s | %s B/op | %s |" % (
                threads, "" if threads == 1 else "s", " / ".join(e.text(sign=True) for e in extras), verdict(all(e.value < 1 for e in extras))))
        for name, config, shares in (("default (stacks=auto)", "STACKS_AUTO", AUTO_SHARE), ("stacks=full", "STACKS_FULL", FULL_SHARE)):
            for threads in runs.values(3, LEASE, "H2"):
                values = []
                for d in depths:
                    base = runs.time(LEASE, "H2", "NO_AGENT", threads, d)
                    values.append(ratio(runs.time(LEASE, "H2", config, threads, d).minus(base),
                                        runs.time(LEASE, "H2", "POOL_LEAK_DETECTION", threads, d).minus(base))[0])
                limit = shares.get(threads, 0.75)
                lines.append("| %s ≤ %d%% of HikariCP leak detection's extra cost, %d thread%s | %s (depths %s) | %s |" % (
                    name, limit * 100, threads, "" if threads == 1 else "s", " / ".join("%.0f%%" % (v * 100) for v in values),
                    "/".join(str(d) for d in depths), verdict(all(v <= limit for v in values))))
    except (AttributeError, TypeError):
        # a partial run (BENCH_CONFIGS, BENCH_THREADS) lacks a configuration these targets compare
        lines.append("| getConnection + close targets | not all configurations measured in this run | |")
    for database, limit in (("H2", QUERY_H2_SHARE), ("POSTGRES", QUERY_PG_SHARE)):
        for threads in runs.values(3, QUERY, database):
            base = runs.time(QUERY, database, "NO_AGENT", threads, 60)
            auto = runs.time(QUERY, database, "STACKS_AUTO", threads, 60)
            if base and auto:
                value = ratio(auto.minus(base), base)
                lines.append("| SELECT 1 on %s, default mode ≤ +%s, %d thread%s | %s | %s |" % (
                    database, ("%g%%" % (limit * 100)), threads, "" if threads == 1 else "s", percent(value, 1), verdict(value[0] <= limit)))
    if memory:
        memory = lease_memory(memory)
    if memory:
        per_lease = [m["bytesPerTrackedLease"] for m in memory if m["tracked"] == m["leases"] and not ("stacks=full" in m["options"] and not m["interned"])]
        lines.append("| ≤ %d B per live lease beside its stack | %s B | %s |" % (
            BYTES_PER_LEASE, " / ".join("%.0f" % v for v in per_lease), verdict(all(0 < v <= BYTES_PER_LEASE for v in per_lease))))
        one_site = [m for m in memory if m["interned"] and m["callSites"] == 1]
        lines.append("| identical stacks stored once | %s | %s |" % (
            ", ".join("%s leases from 1 call site → %d stored" % ("{:,}".format(m["leases"]), m["callSitesStored"]) for m in one_site[:1]),
            verdict(all(m["callSitesStored"] == 1 for m in one_site))))
        capped = [m for m in memory if m["untracked"] > 0]
        lines.append("| 100,000+ leases never returned: memory bounded | %s | %s |" % (
            ", ".join("%s: %s leases → %s" % (m["options"], "{:,}".format(m["leases"]), mib(m["bytes"])) for m in capped),
            verdict(all(0 < m["bytes"] and m["tracked"] <= 10000 for m in capped))))
    for case, name in (("two-pools", "one thread alternating between two pools"), ("new-thread-first", "a new thread's first lease")):
        a = next((a for a in allocation or [] if a["case"] == case), None)
        if a:
            lines.append("| stacks=off recorder allocates nothing per acquire + release: %s | %s B (max of %d samples) | %s |" % (
                name, bytes_text(a["maxBytesPerCycle"]), a["samples"], verdict(a["maxBytesPerCycle"] < 1)))
    if startup:
        stats = startup_stats(startup)
        delta = stats["agent"]["median"] - stats["noAgent"]["median"]
        lines.append("| start-up ≤ +%d ms | %+.0f ms (median of %d) | %s |" % (STARTUP_MS, delta, startup["runs"], verdict(delta <= STARTUP_MS)))
    lines.append("")


def header(entries, results, lines):
    first = entries[0]
    env_path = os.path.join(results, "environment.json")
    env = load(env_path) if os.path.exists(env_path) else environment()
    lines.append("# poolscope benchmark results\n")
    lines.append("- Date: %s; machine: %s, %s cores, %s GiB; %s" % (env["date"], env["cpu"], env["cores"], env["memoryGiB"], env["os"]))
    lines.append("- JDK: %s %s; JMH %s; HikariCP 7.1.0 with H2 in memory, pool of 8" % (first["vmName"], first["vmVersion"], first["jmhVersion"]))
    lines.append("- JMH: average time per cycle, %d fork(s), %d × %s warm-up, %d × %s measurement, `-prof gc`; fork JVM args `%s` (plus `-javaagent` per configuration)" % (
        first["forks"], first["warmupIterations"], first["warmupTime"], first["measurementIterations"], first["measurementTime"],
        " ".join(a for a in first["jvmArgs"] if not a.startswith("-javaagent"))))
    pg_forks = sorted({e["forks"] for e in entries if e["params"]["database"] == "POSTGRES"})
    if pg_forks:
        lines.append("- PostgreSQL runs: %s fork(s) each, same iterations" % "/".join(str(f) for f in pg_forks))
    lines.append("- ± is JMH's 99.9% confidence half-width; for a difference, the root sum of squares of both")
    lines.append("")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", default="bench/results")
    parser.add_argument("--merge", nargs="*", default=[])
    args = parser.parse_args()
    if args.merge:
        merge(args.merge, args.results)

    entries = load(os.path.join(args.results, "jmh.json"))
    runs = Runs(entries)
    memory_path = os.path.join(args.results, "memory.json")
    startup_path = os.path.join(args.results, "startup.json")
    allocation_path = os.path.join(args.results, "allocation.json")
    memory = load(memory_path) if os.path.exists(memory_path) else None
    allocation = load(allocation_path) if os.path.exists(allocation_path) else None
    startup = load(startup_path) if os.path.exists(startup_path) else None

    lines = []
    header(entries, args.results, lines)
    targets(runs, memory, allocation, startup, lines)
    lease_tables(runs, lines)
    floor_table(runs, lines)
    share_table(runs, lines)
    query_table(runs, lines)
    pool_table(entries, lines)
    if memory:
        memory_table(memory, lines)
        thread_memory_table(memory, lines)
    if allocation:
        allocation_table(allocation, lines)
    if startup:
        startup_table(startup, lines)
    with open(os.path.join(args.results, "summary.md"), "w") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    main()
