#!/usr/bin/env python3
"""The crawl benchmark: every figure of issue #7 in one run, written to BENCHMARKS.md.

Usage: python3 Benchmarks/bench.py [--pages N] [--delay-ms 50] [--profile] [--no-write]
(`make bench`, or `make bench BENCH_PAGES=20000`). Needs nginx, wget2, gcc, libcurl and
libxml2 headers and a release build of oitcheck; `make bench` installs and builds them.

On one generated site (Benchmarks/gen_site.py) served by nginx on 127.0.0.1:8089 it runs:
  1. the C ceilings: parse_ceiling (libxml2 parse + text and link extraction, one core) and
     fetch_ceiling (libcurl multi, 8 connections, over every URL of the site);
  2. `oitcheck crawl` and `oitcheck audit` unthrottled (--concurrency 8 --per-host 8), a crawl
     capped at a quarter of the pages (or 5,000) for memory growth, and `oitcheck match` on
     the full snapshot;
  3. `wget2 --recursive --spider --max-threads=8`;
  4. the politeness run: oitcheck at its defaults against slow_server.py, which answers every
     request after --delay-ms and counts connections, repeats and disallowed requests.
CPU is user+sys of the process from wait4(2); peak RSS is its ru_maxrss. nginx's access log
tells how many requests each tool made for each resource. Other processes' CPU during each run
is taken from /proc/stat, since other builds share this machine.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
PORT, SLOW_PORT = 8089, 8091
BASE = f"http://127.0.0.1:{PORT}/"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def busy_jiffies():
    """Total non-idle CPU time of the machine so far, in seconds."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Run:
    """One measured command: wall, CPU, peak RSS, and the others' load meanwhile."""

    def __init__(self, name, argv, log, cwd=ROOT, env=None):
        self.name = name
        busy0, t0 = busy_jiffies(), time.monotonic()
        with open(log, "wb") as out:
            proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
        self.wall = time.monotonic() - t0
        self.cpu = usage.ru_utime + usage.ru_stime
        self.sys = usage.ru_stime
        self.rss_kb = usage.ru_maxrss
        self.exit = os.waitstatus_to_exitcode(status)
        self.others = max(0.0, (busy_jiffies() - busy0 - self.cpu) / self.wall)
        with open(log, "rb") as f:
            self.output = f.read().decode("utf-8", "replace")

    def line(self):
        return (f"{self.name}: exit {self.exit}, wall {self.wall:.2f} s, CPU {self.cpu:.2f} s "
                f"({self.sys:.2f} s sys), "
                f"peak RSS {self.rss_kb / 1024:.1f} MB, other load {self.others:.2f} cores")


class AccessLog:
    """Reads the lines nginx appended to its access log since the last call."""

    def __init__(self, path):
        self.path = path
        self.offset = os.path.getsize(path) if os.path.exists(path) else 0

    def since(self):
        time.sleep(0.2)
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        self.offset += len(data)
        requests = [line.split(" ", 2) for line in data.decode("latin-1").splitlines() if line]
        per = Counter((m if m == "HEAD" else "GET") + " " + u for m, u, _ in requests)
        return {
            "requests": len(requests),
            "heads": sum(1 for m, _, _ in requests if m == "HEAD"),
            "distinct": len({u for _, u, _ in requests}),
            "repeated": sum(1 for v in per.values() if v > 1),
            "disallowed": sum(1 for _, u, _ in requests if u.startswith("/admin/")),
            "not_found": len({u for _, u, s in requests if s == "404"}),
        }


def snapshot_counts(path):
    counts = Counter()
    with open(path, "rb") as f:
        next(f)  # header
        for line in f:
            record = json.loads(line)
            kind = record["type"]
            counts[kind] += 1
            if kind == "failure" and record.get("status") == 404:
                counts["broken"] += 1
            if kind == "skipped" and record.get("reason") == "robots":
                counts["robots_skipped"] += 1
    return counts


def ensure_site(work, pages):
    site = os.path.join(work, "site")
    manifest = os.path.join(work, "manifest.json")
    if not os.path.exists(manifest) or json.load(open(manifest))["pages"] != pages + 1:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        sh([sys.executable, os.path.join(BENCH, "gen_site.py"), site, str(pages)])
    return json.load(open(manifest))


def build(work):
    sh(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    bindir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout.strip()
    tools = {}
    for name, lib in (("parse_ceiling", "libxml-2.0"), ("fetch_ceiling", "libcurl")):
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", lib], check=True,
                               capture_output=True, text=True).stdout.split()
        exe = os.path.join(os.path.dirname(work), name)
        sh(["gcc", "-O2", "-Wall", "-o", exe, os.path.join(BENCH, name + ".c")] + flags)
        tools[name] = exe
    return os.path.join(bindir, "oitcheck"), tools


def start_nginx(work):
    pid = os.path.join(work, "nginx.pid")
    if os.path.exists(pid):  # a server left by an interrupted run would hold the port
        try:
            os.kill(int(open(pid).read()), signal.SIGTERM)
            time.sleep(0.5)
        except (ProcessLookupError, ValueError):
            pass
    for port in (PORT, SLOW_PORT):
        if port_open(port):
            sys.exit(f"bench: 127.0.0.1:{port} is already in use; stop what holds it")
    sh(["nginx", "-p", work, "-c", os.path.join(BENCH, "nginx.conf")])
    wait_for_port(PORT)
    return lambda: os.kill(int(open(pid).read()), signal.SIGTERM)


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for_port(port):
    """Connects without a request, so the servers' request counts stay exact."""
    for _ in range(100):
        if port_open(port):
            return
        time.sleep(0.1)
    sys.exit(f"bench: nothing listens on 127.0.0.1:{port}")


def keyvals(text):
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", text)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_PAGES", 5000)))
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--profile", action="store_true",
                        help="also record the unthrottled crawl with perf (bench-out/perf.data)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args()
    pages = args.pages
    work = os.path.join(ROOT, "bench-out", str(pages))
    manifest = ensure_site(work, pages)
    oitcheck, tools = build(work)
    load_before = open("/proc/loadavg").read().split()[:3]
    stop_nginx = start_nginx(work)
    access = AccessLog(os.path.join(work, "access.log"))
    runs, notes = {}, []
    budget = str(pages * 2)  # --max-pages: never the limit
    try:
        def run(name, argv, **kw):
            r = Run(name, argv, os.path.join(work, name + ".log"), **kw)
            print(r.line(), flush=True)
            runs[name] = r
            return r

        parse = run("parse-ceiling", [tools["parse_ceiling"], os.path.join(work, "urls.txt"),
                                      os.path.join(work, "site"), BASE[:-1]])
        fetch = run("fetch-ceiling", [tools["fetch_ceiling"], os.path.join(work, "urls.txt"), "8"])
        access.since()
        pc, fc = keyvals(parse.output), keyvals(fetch.output)
        print("  parse:", parse.output.strip(), "\n  fetch:", fetch.output.strip())

        fast_snap = os.path.join(work, "fast.jsonl")
        crawl = run("oitcheck-crawl", [oitcheck, "crawl", BASE, "--snapshot", fast_snap, "--quiet",
                                       "--max-pages", budget, "--concurrency", "8",
                                       "--per-host", "8"])
        crawl_log, crawl_snap = access.since(), snapshot_counts(fast_snap)
        # The anchor again, right after: other builds come and go on this machine, so the
        # ratio uses the mean of the measurements on both sides of the crawl.
        parse2 = run("parse-ceiling-again", [tools["parse_ceiling"],
                                             os.path.join(work, "urls.txt"),
                                             os.path.join(work, "site"), BASE[:-1]])
        pc2 = keyvals(parse2.output)
        small_pages = 5000 if pages > 5000 else pages // 4
        small = run("oitcheck-crawl-small", [oitcheck, "crawl", BASE, "--snapshot",
                                             os.path.join(work, "small.jsonl"), "--quiet",
                                             "--max-pages", str(small_pages), "--concurrency", "8",
                                             "--per-host", "8"])
        access.since()
        # A fresh history each time: with an earlier run recorded, the audit would be a
        # conditional re-crawl and measure something else.
        db = os.path.join(work, "history.sqlite")
        for leftover in [db, db + "-wal", db + "-shm"]:
            if os.path.exists(leftover):
                os.remove(leftover)
        audit = run("oitcheck-audit", [oitcheck, "audit", BASE, "--checklist", "2569",
                                       "--as-of", "2026-03-31", "--format", "json", "--output",
                                       os.path.join(work, "audit.json"), "--quiet", "--db", db,
                                       "--max-pages", budget, "--concurrency", "8",
                                       "--per-host", "8"])
        audit_log = access.since()
        match = run("oitcheck-match", [oitcheck, "match", "--snapshot", fast_snap, "--checklist",
                                       "2569", "--as-of", "2026-03-31", "--format", "json",
                                       "--output", os.path.join(work, "match.json")])
        wget = run("wget2", ["wget2", "--recursive", "--level=inf", "--spider", "--max-threads=8",
                             "--no-verbose", "-o", os.devnull, "-P", os.path.join(work, "wget"),
                             BASE])
        wget_log = access.since()
        if args.profile:
            perf_data = os.path.join(ROOT, "bench-out", "perf.data")
            run("perf-record", ["perf", "record", "-F", "999", "-g", "-o", perf_data, oitcheck,
                                "crawl", BASE, "--snapshot", os.path.join(work, "perf.jsonl"),
                                "--quiet", "--max-pages", budget, "--concurrency", "8",
                                "--per-host", "8"])
            access.since()
    finally:
        stop_nginx()

    stats_path = os.path.join(work, "slow-stats.json")
    slow = subprocess.Popen([sys.executable, os.path.join(BENCH, "slow_server.py"),
                             os.path.join(work, "site"), str(SLOW_PORT), str(args.delay_ms),
                             stats_path])
    wait_for_port(SLOW_PORT)
    try:
        polite_snap = os.path.join(work, "polite.jsonl")
        polite = run("oitcheck-polite", [oitcheck, "crawl", f"http://127.0.0.1:{SLOW_PORT}/",
                                         "--snapshot", polite_snap, "--quiet",
                                         "--max-pages", budget])
    finally:
        slow.send_signal(signal.SIGTERM)
        slow.wait()
    slow_stats = json.load(open(stats_path))
    polite_snap_counts = snapshot_counts(polite_snap)
    load_after = open("/proc/loadavg").read().split()[:3]

    # Figures and ratios.
    found = crawl_snap["page"]
    parse_ms = (pc["cpu_ms_per_page"] + pc2["cpu_ms_per_page"]) / 2
    parse_pps = 1000 / parse_ms
    crawl_ms = crawl.cpu * 1000 / found
    crawl_pps = found / crawl.wall
    floor = slow_stats["requests"] * args.delay_ms / 1000 / 2
    growth = (crawl.rss_kb - small.rss_kb) / max(1, found - small_pages)
    match_pages = found
    rows = [
        ("parse ceiling (C, libxml2, 1 core; pages per CPU second; mean of the runs before "
         "and after the crawl)", parse_pps, parse_ms, parse.rss_kb, parse.others),
        ("fetch ceiling (C, curl multi, 8 conn)", fc["pages_per_s"], fc["cpu_ms_per_page"],
         fetch.rss_kb, fetch.others),
        ("oitcheck crawl, 8 conn, 8/host", crawl_pps, crawl_ms, crawl.rss_kb, crawl.others),
        (f"oitcheck crawl, capped at {small_pages}", small_pages / small.wall,
         small.cpu * 1000 / small_pages, small.rss_kb, small.others),
        ("oitcheck audit, 8 conn, 8/host", found / audit.wall, audit.cpu * 1000 / found,
         audit.rss_kb, audit.others),
        (f"oitcheck match, {match_pages}-page snapshot", match_pages / match.wall,
         match.cpu * 1000 / match_pages, match.rss_kb, match.others),
        ("wget2 --spider, 8 threads", manifest["pages"] / wget.wall,
         wget.cpu * 1000 / manifest["pages"], wget.rss_kb, wget.others),
        (f"oitcheck polite (defaults, {args.delay_ms} ms/response)",
         polite_snap_counts["page"] / polite.wall, polite.cpu * 1000 / max(1, polite_snap_counts["page"]),
         polite.rss_kb, polite.others),
    ]
    checks = [
        ("crawl CPU/page ÷ parse ceiling CPU/page", crawl_ms / parse_ms, "≤ 1.3",
         crawl_ms / parse_ms <= 1.3),
        ("crawl pages/s ÷ (2 × parse ceiling pages/s)", crawl_pps / (2 * parse_pps), "≥ 0.8",
         crawl_pps / (2 * parse_pps) >= 0.8),
        ("crawl pages/s ÷ fetch ceiling pages/s", crawl_pps / fc["pages_per_s"], "(info)", None),
        ("crawl wall ÷ wget2 wall", crawl.wall / wget.wall, "(info)", None),
        ("polite wall ÷ floor (requests × delay / 2)", polite.wall / floor, "≤ 1.1",
         polite.wall / floor <= 1.1),
        ("polite: most connections open at once", slow_stats["max_connections"], "≤ 2",
         slow_stats["max_connections"] <= 2),
        ("polite: most requests answered at once", slow_stats["max_in_flight"], "≤ 2",
         slow_stats["max_in_flight"] <= 2),
        (f"crawl peak RSS, MB ({found} pages)", crawl.rss_kb / 1024, "≤ 64",
         crawl.rss_kb / 1024 <= 64),
        (f"RSS growth {small_pages}→{found} pages, KB/page", growth, "< 1", growth < 1),
        ("crawl: resources requested more than once", crawl_log["repeated"], "0",
         crawl_log["repeated"] == 0),
        ("polite: resources requested more than once", slow_stats["repeated_paths"], "0",
         slow_stats["repeated_paths"] == 0),
        ("crawl: HEAD requests (PDFs only)", crawl_log["heads"], f"≤ {manifest['pdfs'] + manifest['broken']}",
         crawl_log["heads"] <= manifest["pdfs"] + manifest["broken"]),
        ("crawl: pages found / site pages", f"{found}/{manifest['pages']}", "all",
         found == manifest["pages"]),
        ("crawl: broken links found / planted", f"{crawl_snap['broken']}/{manifest['broken']}",
         "all", crawl_snap["broken"] == manifest["broken"]),
        ("polite: pages found / site pages", f"{polite_snap_counts['page']}/{manifest['pages']}",
         "all", polite_snap_counts["page"] == manifest["pages"]),
        ("robots.txt violations (crawl, audit, polite)",
         crawl_log["disallowed"] + audit_log["disallowed"] + slow_stats["disallowed"], "0",
         crawl_log["disallowed"] + audit_log["disallowed"] + slow_stats["disallowed"] == 0),
        (f"match on {match_pages} pages, s", match.wall, "≤ 1" if pages >= 20000 else "(≤ 1 at 20,000)",
         match.wall <= 1 if pages >= 20000 else None),
    ]
    for name, r in runs.items():
        if r.exit not in (0, 2) and name != "wget2":
            notes.append(f"{name} exited {r.exit}: {r.output.strip()[-300:]}")
    extra = {
        "wget2 requests (HEAD)": f"{wget_log['requests']} ({wget_log['heads']})",
        "oitcheck crawl requests (HEAD)": f"{crawl_log['requests']} ({crawl_log['heads']})",
        "polite requests, busy seconds": f"{slow_stats['requests']}, {slow_stats['busy_seconds']}",
        "polite floor, s": f"{floor:.2f}",
        "fetch ceiling requests": f"{int(fc['requests'])} ({int(fc['http_errors'])} 404)",
        "parse ceiling CPU ms/page before, after the crawl":
            f"{pc['cpu_ms_per_page']:.3f}, {pc2['cpu_ms_per_page']:.3f}",
        "load average before → after": f"{' '.join(load_before)} → {' '.join(load_after)}",
    }
    table = render(pages, manifest, rows, checks, extra, notes, runs, args)
    print()
    print(table)
    if not args.no_write:
        write_section(os.path.join(ROOT, "BENCHMARKS.md"), pages, table)
    if args.profile:
        print("profile: perf report -i bench-out/perf.data --no-children --sort symbol "
              "| swift demangle --simplified | head -60")


PREAMBLE = """# Benchmarks

Written by `make bench` (Benchmarks/bench.py); each site size keeps its own section, replaced
by the next run of that size. Targets are those of issue #7.
"""


def write_section(path, pages, table):
    """Replaces this size's section of BENCHMARKS.md, keeping the others, atomically."""
    marker = f"<!-- bench:{pages} -->"
    sections = {}
    if os.path.exists(path):
        text = open(path).read()
        for part in re.split(r"(?=<!-- bench:\d+ -->)", text):
            found = re.match(r"<!-- bench:(\d+) -->", part)
            if found:
                sections[int(found.group(1))] = part.rstrip() + "\n"
    sections[pages] = marker + "\n" + table
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(PREAMBLE + "".join("\n" + sections[k] for k in sorted(sections)))
    os.replace(tmp, path)
    print(f"wrote {path}")


def fmt(v):
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(v)


def render(pages, manifest, rows, checks, extra, notes, runs, args):
    out = [f"## {pages:,} pages", "",
           f"Made by `make bench BENCH_PAGES={pages}` (`python3 Benchmarks/bench.py --pages {pages}`"
           f"{'' if args.delay_ms == 50 else f' --delay-ms {args.delay_ms}'}) on "
           f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores. "
           f"Site: {manifest['pages']} pages of about 30 KB, {manifest['pdfs']} PDFs, "
           f"{manifest['broken']} broken links, robots.txt, sitemap (Benchmarks/gen_site.py), "
           "served by nginx on loopback; the politeness run goes through Benchmarks/slow_server.py.",
           "",
           "CPU is user+sys of the process; pages/s is HTML pages over wall time. "
           "'Other load' is the CPU that other processes used meanwhile, in cores: this machine is "
           "shared with other builds, so wall-time figures are noisy and CPU per page is the "
           "stable one.", "",
           "| run | pages/s | CPU ms/page | peak RSS MB | other load |",
           "| --- | ---: | ---: | ---: | ---: |"]
    for name, pps, ms, rss, others in rows:
        out.append(f"| {name} | {pps:.0f} | {ms:.3f} | {rss / 1024:.1f} | {others:.2f} |")
    out += ["", "| check | measured | target | met |", "| --- | ---: | --- | --- |"]
    for name, value, target, ok in checks:
        out.append(f"| {name} | {fmt(value)} | {target} | "
                   f"{'' if ok is None else ('yes' if ok else '**no**')} |")
    out += ["", "| detail | value |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in extra.items()]
    out += ["", "Wall and CPU of each run:", ""]
    out += [f"- {r.line()}" for r in runs.values()]
    if notes:
        out += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
