#!/usr/bin/env python3
"""Submissions side by side (bench/run.sh): the same trivial job submitted through batch-rest and through Liberty's
own batch REST API, on the same server, in runs that alternate between the two APIs.

Each run: CLIENTS threads, each with one keep-alive HTTPS connection, submit sleepyBatchlet (sleepSeconds=0,
logLines=0) as fast as the answers come back for SECONDS; a submission counts when it is answered 201. Then the run
waits until every job it submitted is final, and reports submissions/s, the submit latency, the jobs COMPLETED per
second from the start of the run until the last one was final, and the server's CPU time (user + system, from
/proc/<pid>/stat) over that span divided by the jobs completed. A run's jobs that make no progress for a minute are
reported as not final. Before the runs, one job is submitted through each API on its own (the first inserts after
a start allocate Derby's identity ranges, which a burst of concurrent first inserts can make fail), then the two
APIs get the same load as the runs in alternating loads of WARMUP_STEP seconds until neither API's rate still rises
(at most WARMUP seconds per API; reported apart from the runs, see warm_up); then the warm-up's entries in
Liberty's job-log folder of the day are set aside (see set_aside). The runs go batch-rest, Liberty, Liberty,
batch-rest, ... so that neither API always runs on a server that has just done the other's work.

Each API's jobs are logged once, by its own product's job log. The bench server has Liberty's batchManagement-1.0
for Liberty's API, and with it Liberty's job logging, which logs every job of the server, batch-rest's too; a
batch-rest server does not have it (batch-rest replaces that feature and writes its own job logs). So with
--liberty-joblog-dropin the script turns Liberty's job logging on for Liberty's loads and off for batch-rest's, by
writing that configuration drop-in and waiting until the server has applied it (--messages: its messages.log).

Writes submissions.tsv (one row per run) and submissions.<api>.latencies (ms, one per submission) into the results
folder; prints one line per run.
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
ACTIVE = "SUBMITTED,JMS_QUEUED,JMS_CONSUMED,DISPATCHED"
TICKS = os.sysconf("SC_CLK_TCK")
PLATEAU = 0.05  # the warm-up ends when neither API's rate rose by more than this (warm_up)


def submitter(root, auth, stop_at, latencies, ids, errors, limit=None):
    parts = urllib.parse.urlsplit(root)
    context = ssl._create_unverified_context()  # the server's self-signed development certificate
    headers = {"Authorization": auth, "Content-Type": "application/json", "Accept": "application/json"}
    connection = None
    while time.monotonic() < stop_at and (limit is None or len(latencies) + len(errors) < limit):
        if connection is None:
            connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=120)
        started = time.monotonic()
        try:
            connection.request("POST", parts.path.rstrip("/") + "/jobinstances", BODY, headers)
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as e:
            errors.append(repr(e))
            connection.close()
            connection = None
            continue
        if response.status == 201:
            latencies.append(time.monotonic() - started)
            ids.append(json.loads(answer)["instanceId"])
        else:
            errors.append("%d %s" % (response.status, answer[:200].decode("utf-8", "replace")))
    if connection is not None:
        connection.close()


def count(root, auth, query):
    """Matches of a batch-rest search (X-Total-Count)."""
    parts = urllib.parse.urlsplit(root)
    connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=ssl._create_unverified_context(),
                                             timeout=120)
    try:
        connection.request("GET", parts.path.rstrip("/") + "/v4/jobinstances?pageSize=1&count=exact&" + query,
                           headers={"Authorization": auth})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError("search %s answered %d" % (query, response.status))
        return int(response.getheader("X-Total-Count"))
    finally:
        connection.close()


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, min(len(s), int(-(-p * len(s) // 100))) - 1)]


def load(root, auth, clients, seconds):
    latencies, ids, errors = [], [], []
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=submitter, args=(root, auth, stop_at, latencies, ids, errors))
               for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, ids, errors


def wait_final(br, auth, ids, patience=60):
    """Waits until every instance of the id range is final; returns how many are not, once their number has not
    changed for <patience> seconds."""
    if not ids:
        return 0
    query = "jobInstanceId=%d:%d&instanceState=%s" % (min(ids), max(ids), ACTIVE)
    last, since = None, time.monotonic()
    while True:
        active = count(br, auth, query)
        if active == 0:
            return 0
        if active != last:
            last, since = active, time.monotonic()
        elif time.monotonic() - since > patience:
            return active
        time.sleep(0.25)


class LibertyJobLogging:
    """Liberty's job logging on (Liberty's API) or off (batch-rest), through a configuration drop-in."""

    APPLIED = ("CWWKG0017I", "CWWKG0018I")  # the configuration was updated / did not need to be

    def __init__(self, dropin, messages):
        self.dropin, self.messages, self.enabled = dropin, messages, None

    def set(self, enabled):
        if self.dropin is None or enabled == self.enabled:
            return
        start = os.path.getsize(self.messages)
        with open(self.dropin, "w") as f:
            f.write('<server><batchJobLogging enabled="%s"/></server>\n' % ("true" if enabled else "false"))
        deadline = time.monotonic() + 60
        while not self.applied_since(start):
            if time.monotonic() > deadline:
                raise SystemExit("the server did not apply %s within 60 s" % self.dropin)
            time.sleep(0.2)
        self.enabled = enabled

    def applied_since(self, offset):
        """Whether messages.log says a configuration was applied after byte offset (from its start if it rolled over)."""
        with open(self.messages, "rb") as f:
            f.seek(offset if os.path.getsize(self.messages) >= offset else 0)
            return any(code.encode() in line for line in f for code in self.APPLIED)

    def remove(self):
        if self.dropin is not None and os.path.exists(self.dropin):
            os.remove(self.dropin)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--br", required=True, help="batch-rest's API root")
    parser.add_argument("--lib", required=True, help="Liberty's API root")
    parser.add_argument("--user", default="admin:adminpwd")
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=240, help="the most seconds of warm-up load per API")
    parser.add_argument("--warmup-step", type=float, default=10, help="seconds of each warm-up load")
    parser.add_argument("--out", required=True)
    parser.add_argument("--liberty-joblog-dropin", help="configuration drop-in that turns Liberty's job logging on "
                        "for Liberty's loads and off for batch-rest's")
    parser.add_argument("--messages", help="the server's messages.log (with --liberty-joblog-dropin)")
    parser.add_argument("--liberty-joblog-day-folder", help="Liberty's job-log folder of the day for the submitted "
                        "job, whose entries from the warm-up are set aside")
    args = parser.parse_args()
    joblog = LibertyJobLogging(args.liberty_joblog_dropin, args.messages)
    try:
        measure(args, joblog)
    finally:
        joblog.remove()


def warm_up(args, auth, roots, joblog):
    """Loads of WARMUP_STEP seconds, alternating between the APIs, until neither API's rate still rises (at_plateau).
    On this 2-core machine the JIT compiles for minutes under this load, and an API whose own code is compiled later
    than the runtime's, which both share, would otherwise be measured while it is still compiled (docs/benchmarks.md,
    "Submissions at the plateau"). At most WARMUP seconds of load per API; each load's rate goes to
    submissions.warmup.tsv and the output."""
    if args.warmup <= 0:
        return
    rates = {api: [] for api in roots}
    with open(os.path.join(args.out, "submissions.warmup.tsv"), "w") as tsv:
        tsv.write("api\tload\tseconds\tsubmitted\tsubmissions_per_s\n")
        while True:
            for api in roots:
                joblog.set(api == "liberty")
                latencies, ids, _ = load(roots[api], auth, args.clients, args.warmup_step)
                wait_final(args.br, auth, ids)
                rates[api].append(len(latencies) / args.warmup_step)
                tsv.write("%s\t%d\t%s\t%d\t%.1f\n" % (api, len(rates[api]), args.warmup_step, len(latencies),
                                                      rates[api][-1]))
                tsv.flush()
            plateau = all(at_plateau(r) for r in rates.values())
            spent = len(rates["batch-rest"]) * args.warmup_step
            if plateau or spent + args.warmup_step > args.warmup:
                print("warm-up: %d loads of %g s per API, %s; submissions/s per load: %s" % (
                    len(rates["batch-rest"]), args.warmup_step,
                    "both at their plateau" if plateau else "no plateau within %g s" % args.warmup,
                    "; ".join("%s %s" % (api, " ".join("%.1f" % r for r in rates[api])) for api in rates)),
                    flush=True)
                return


def at_plateau(rates):
    """The mean of the last three loads at most PLATEAU above the mean of the three before: one load's dip (10 s
    loads vary by 10-15 %) must not end the warm-up while the JIT is still at work."""
    return len(rates) >= 6 and sum(rates[-3:]) <= (1 + PLATEAU) * sum(rates[-6:-3])


def day_entries(day_folder):
    return set(os.listdir(day_folder)) if day_folder and os.path.isdir(day_folder) else set()


def set_aside(day_folder, before):
    """Moves what the warm-up's jobs added to Liberty's job-log folder of the day (for the job the bench submits) into
    a folder beside it, so that Liberty's runs start with the entries it held before the warm-up, as they did when
    the warm-up was 30 s. Liberty's job logging lists that folder before each job it logs, so its cost per job grows
    with the day's jobs (docs/benchmarks.md, "Submissions with each API's own job log"); the warm-up's jobs must not
    make Liberty's runs slower than its own warm-up was. The entries of earlier jobs (the seeding's) stay."""
    added = sorted(day_entries(day_folder) - before)
    if not added:
        return
    aside = day_folder + ".warm-up"
    os.makedirs(aside, exist_ok=True)
    for entry in added:
        os.rename(os.path.join(day_folder, entry), os.path.join(aside, entry))
    print("the warm-up's %d entries of Liberty's job-log folder of the day moved to %s (%d left)"
          % (len(added), aside, len(before)), flush=True)


def measure(args, joblog):
    auth = "Basic " + base64.b64encode(args.user.encode()).decode()
    roots = {"batch-rest": args.br, "liberty": args.lib}

    for api in ("batch-rest", "liberty"):
        joblog.set(api == "liberty")
        ids, errors = [], []
        submitter(roots[api], auth, time.monotonic() + 120, [], ids, errors, limit=1)
        if errors or wait_final(args.br, auth, ids):
            raise SystemExit("the first %s submission failed: %s" % (api, errors[:1] or "its job did not end"))
    before_warm_up = day_entries(args.liberty_joblog_day_folder)
    warm_up(args, auth, roots, joblog)
    set_aside(args.liberty_joblog_day_folder, before_warm_up)

    columns = ["api", "run", "seconds", "submitted", "errors", "submissions_per_s", "p50_ms", "p95_ms", "jobs",
               "completed", "not_final", "final_after_s", "completed_per_s", "cpu_s", "cpu_s_per_job", "first_error"]
    with open(os.path.join(args.out, "submissions.tsv"), "w") as tsv:
        tsv.write("\t".join(columns) + "\n")
        for run in range(1, args.runs + 1):
            order = ("batch-rest", "liberty") if run % 2 else ("liberty", "batch-rest")
            for api in order:
                joblog.set(api == "liberty")
                cpu0, start = cpu_seconds(args.pid), time.monotonic()
                latencies, ids, errors = load(roots[api], auth, args.clients, args.seconds)
                not_final = wait_final(args.br, auth, ids)
                final_after, cpu = time.monotonic() - start, cpu_seconds(args.pid) - cpu0
                completed = count(args.br, auth, "jobInstanceId=%d:%d&instanceState=COMPLETED" % (min(ids), max(ids))) \
                    if ids else 0
                row = {"api": api, "run": run, "seconds": args.seconds, "submitted": len(latencies),
                       "errors": len(errors), "submissions_per_s": len(latencies) / args.seconds,
                       "p50_ms": 1000 * percentile(latencies, 50), "p95_ms": 1000 * percentile(latencies, 95),
                       "jobs": len(ids), "completed": completed, "not_final": not_final, "final_after_s": final_after,
                       "completed_per_s": completed / final_after, "cpu_s": cpu,
                       "cpu_s_per_job": cpu / completed if completed else float("nan"),
                       "first_error": (errors[0] if errors else "").replace("\t", " ").replace("\n", " ")}
                tsv.write("\t".join(str(row[c]) for c in columns) + "\n")
                tsv.flush()
                with open(os.path.join(args.out, "submissions.%s.latencies" % api), "a") as f:
                    f.writelines("%.1f\n" % (1000 * latency) for latency in latencies)
                print("%s run %d: %d submitted (%.1f/s, p50 %.0f ms, p95 %.0f ms), %d errors, %d of %d COMPLETED "
                      "(%.1f/s end to end, %d not final after %.1f s), %.3f CPU s per job"
                      % (api, run, len(latencies), row["submissions_per_s"], row["p50_ms"], row["p95_ms"],
                         len(errors), completed, len(ids), row["completed_per_s"], not_final, final_after,
                         row["cpu_s_per_job"]), flush=True)


if __name__ == "__main__":
    main()
