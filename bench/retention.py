#!/usr/bin/env python3
"""Retention under load (bench/run.sh; README "Retention"): how fast a retention run purges while clients submit
jobs, and how much the submissions suffer from it.

The server must have retention rules that select the instances to purge (bench/run.sh writes them) and an interval
long enough that no scheduled run starts during the measurement. Then:
  1. GET retention: the rules must be in force, and nextRun.total is how many instances a run selects now;
  2. WARMUP seconds of CLIENTS submitting sleepyBatchlet (sleepSeconds=0, logLines=0) as fast as the answers come back,
     not reported; then IDLE seconds of the same, whose latencies are the idle figure;
  3. the same load again while POST retention/run purges (the request answers when the run is over): the purge
     rate is the run's purged instances over its duration, and the submissions' latencies meanwhile are the loaded
     figure.
Writes retention.tsv (one row of figures) and retention.<phase>.latencies (ms) into the results folder. Exits with
status 1 when retention was not in force, when the run failed to purge an instance it selected, or when a submission
was not answered 201.

  bench/retention.py --br https://localhost:9943/batch-rest --pid PID --out DIR
"""
import argparse
import base64
import http.client
import json
import os
import ssl
import threading
import time
import urllib.parse

BODY = json.dumps({"applicationName": "batch-rest", "moduleName": "batch-rest.war", "jobXMLName": "sleepyBatchlet",
                   "jobParameters": {"sleepSeconds": "0", "logLines": "0"}})
TICKS = os.sysconf("SC_CLK_TCK")


def connection(root, timeout=120):
    url = urllib.parse.urlsplit(root)
    context = ssl._create_unverified_context()  # the server's self-signed development certificate
    return http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=timeout), url.path.rstrip("/")


def call(root, auth, method, path, timeout=120):
    conn, base = connection(root, timeout)
    try:
        conn.request(method, base + "/" + path, headers={"Authorization": auth, "Accept": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def submitter(root, auth, stop, latencies, errors):
    """Submits over one kept-alive connection until stop is set; latencies in ms of the 201 answers."""
    conn, base = connection(root)
    headers = {"Authorization": auth, "Content-Type": "application/json", "Accept": "application/json"}
    while not stop.is_set():
        started = time.monotonic()
        try:
            conn.request("POST", base + "/jobinstances", body=BODY, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as e:
            errors.append(repr(e))
            conn.close()
            conn, base = connection(root)
            continue
        if response.status == 201:
            latencies.append((time.monotonic() - started) * 1000)
        else:
            errors.append(f"HTTP {response.status}: {body[:200]!r}")
    conn.close()


def load(root, auth, clients, work):
    """CLIENTS submitters while work() runs; returns work's result, the latencies and the errors."""
    stop = threading.Event()
    latencies, errors = [], []
    threads = [threading.Thread(target=submitter, args=(root, auth, stop, latencies, errors), daemon=True)
               for _ in range(clients)]
    for thread in threads:
        thread.start()
    try:
        result = work()
    finally:
        stop.set()
        for thread in threads:
            thread.join(180)
    return result, sorted(latencies), errors


def pct(values, p):
    return values[int(p * (len(values) - 1))] if values else float("nan")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--br", required=True, help="batch-rest's API root")
    parser.add_argument("--user", default="admin:adminpwd")
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--idle", type=float, default=20, help="seconds of submissions without retention")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    auth = "Basic " + base64.b64encode(args.user.encode()).decode()

    status, body = call(args.br, auth, "GET", "retention?pageSize=1")
    retention = json.loads(body) if status == 200 else {}
    if status != 200 or not retention.get("enabled"):
        print(f"FAILED: retention is not in force: HTTP {status} {body[:300]!r}")
        return 1
    selected = retention["nextRun"]["total"]
    print(f"retention selects {selected} instances ({retention['rules']}, batchSize {retention['batchSize']})")

    # One job alone first: the first inserts after a start allocate Derby's identity ranges, which a burst of
    # concurrent first inserts can make fail (as in bench/submissions.py).
    load(args.br, auth, 1, lambda: time.sleep(1))
    load(args.br, auth, args.clients, lambda: time.sleep(args.warmup))
    _, idle, idle_errors = load(args.br, auth, args.clients, lambda: time.sleep(args.idle))

    def run():
        cpu = cpu_seconds(args.pid)
        started = time.monotonic()
        answer = call(args.br, auth, "POST", "retention/run", timeout=3600)
        return answer, time.monotonic() - started, cpu_seconds(args.pid) - cpu

    ((status, body), seconds, cpu), loaded, loaded_errors = load(args.br, auth, args.clients, run)
    if status != 200:
        print(f"FAILED: POST retention/run answered HTTP {status}: {body[:300]!r}")
        return 1
    purged, failed = json.loads(body)["purged"], json.loads(body)["failed"]
    rate = purged / seconds if seconds else 0
    ratio = pct(loaded, 0.95) / pct(idle, 0.95) if idle else float("nan")
    row = {"clients": args.clients, "selected": selected, "purged": purged, "failed": failed,
           "seconds": f"{seconds:.1f}", "purged_per_s": f"{rate:.1f}", "cpu_s": f"{cpu:.1f}",
           "idle_submissions": len(idle), "idle_per_s": f"{len(idle) / args.idle:.1f}",
           "idle_p50_ms": f"{pct(idle, 0.5):.0f}", "idle_p95_ms": f"{pct(idle, 0.95):.0f}",
           "loaded_submissions": len(loaded), "loaded_per_s": f"{len(loaded) / seconds if seconds else 0:.1f}",
           "loaded_p50_ms": f"{pct(loaded, 0.5):.0f}", "loaded_p95_ms": f"{pct(loaded, 0.95):.0f}",
           "p95_ratio": f"{ratio:.2f}", "errors": len(idle_errors) + len(loaded_errors)}
    with open(os.path.join(args.out, "retention.tsv"), "w") as out:
        out.write("\t".join(row) + "\n" + "\t".join(str(value) for value in row.values()) + "\n")
    for phase, values in (("idle", idle), ("loaded", loaded)):
        with open(os.path.join(args.out, f"retention.{phase}.latencies"), "w") as out:
            out.write("".join(f"{value:.1f}\n" for value in values))
    print(f"retention purged {purged} of {selected} selected in {seconds:.1f} s: {rate:.0f} instances/s "
          f"({cpu:.1f} CPU s), {failed} failed")
    print(f"submissions by {args.clients} clients: idle {len(idle) / args.idle:.1f}/s p50 {pct(idle, 0.5):.0f} ms "
          f"p95 {pct(idle, 0.95):.0f} ms; during retention {row['loaded_per_s']}/s p50 {pct(loaded, 0.5):.0f} ms "
          f"p95 {pct(loaded, 0.95):.0f} ms ({ratio:.2f}x idle)")
    problems = []
    if failed or purged < selected:
        problems.append(f"retention purged {purged} of the {selected} instances it selected ({failed} failed)")
    for error in (idle_errors + loaded_errors)[:3]:
        problems.append(f"a submission failed: {error}")
    for problem in problems:
        print("FAILED: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
