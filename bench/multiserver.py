#!/usr/bin/env python3
"""Submission throughput through the topology's load balancer (bench/multiserver.sh runs this).

THREADS client threads, each with one keep-alive HTTPS connection to nginx, submit trivial jobs
(sleepyBatchlet, sleepSeconds=0, logLines=0) as fast as the answers come back, for WARMUP seconds (not counted)
and then DURATION seconds. A submission counts when it is answered 201. Afterwards the script waits until every
instance in the job repository is final, which gives the end-to-end rate (submitted and run) as well.

Prints one line of key=value pairs.
"""
import argparse
import base64
import http.client
import json
import os
import ssl
import subprocess
import threading
import time
import urllib.parse

FINAL_STATES = "(4, 5, 6, 7)"  # INSTANCESTATE: FAILED, STOPPED, COMPLETED, ABANDONED
BODY = json.dumps({"applicationName": "batch-rest", "jobXMLName": "sleepyBatchlet",
                   "jobParameters": {"sleepSeconds": "0", "logLines": "0"}})


def submitter(url, stop_at, count_from, results, errors):
    parts = urllib.parse.urlsplit(url)
    context = ssl._create_unverified_context()  # the topology's self-signed development certificate
    auth = "Basic " + base64.b64encode(b"admin:adminpwd").decode()
    headers = {"Authorization": auth, "Content-Type": "application/json"}
    connection = None
    while True:
        now = time.monotonic()
        if now >= stop_at:
            break
        if connection is None:
            connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=60)
        started = time.monotonic()
        try:
            connection.request("POST", parts.path.rstrip("/") + "/jobinstances", BODY, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as e:
            errors.append(repr(e))
            connection.close()
            connection = None
            continue
        ended = time.monotonic()
        if started >= count_from:
            if status == 201:
                results.append(ended - started)
            else:
                errors.append(status)
    if connection is not None:
        connection.close()


def count(psql_url, where=""):
    """Instances in the job repository; 0 before Liberty has created its tables (at the first job)."""
    run = subprocess.run(["psql", psql_url, "-At", "-c", "SELECT COUNT(*) FROM jbatch.jobinstance " + where],
                         capture_output=True, text=True)
    if run.returncode != 0:
        if "does not exist" in run.stderr:
            return 0
        raise RuntimeError(run.stderr)
    return int(run.stdout.strip())


def unfinished(psql_url):
    return count(psql_url, "WHERE instancestate NOT IN " + FINAL_STATES)


def total(psql_url):
    return count(psql_url)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(1, int(round(p / 100.0 * len(sorted_values) + 0.5)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--psql", required=True, help="libpq URL of the job repository")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--duration", type=float, default=30)
    args = parser.parse_args()

    before = total(args.psql)
    start = time.monotonic()
    count_from = start + args.warmup
    stop_at = count_from + args.duration
    results, errors = [], []
    threads = [threading.Thread(target=submitter, args=(args.url, stop_at, count_from, results, errors))
               for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    submitted_end = time.monotonic()
    # Every job submitted (warm-up included) must run to the end: the end-to-end rate counts them all.
    while unfinished(args.psql) > 0:
        time.sleep(0.2)
    all_final = time.monotonic()
    jobs = total(args.psql) - before

    client = os.times()
    latencies = sorted(results)
    print("threads=%d measured_s=%.0f submitted=%d errors=%d submissions_per_s=%.1f p50_ms=%.0f p95_ms=%.0f "
          "jobs_total=%d all_final_after_s=%.1f end_to_end_jobs_per_s=%.1f cores_client=%.2f"
          % (args.threads, args.duration, len(results), len(errors), len(results) / args.duration,
             1000 * percentile(latencies, 50), 1000 * percentile(latencies, 95),
             jobs, all_final - start, jobs / (all_final - start),
             (client.user + client.system) / (all_final - start)))
    if errors:
        print("first errors: %s" % errors[:5])


if __name__ == "__main__":
    main()
