#!/usr/bin/env python3
"""Job event latency (docs/api.md, "Job events" and "Events of several servers"): SUBSCRIBERS clients subscribe to
the job event stream of one server, WARMUP_JOBS and then JOBS sleepyBatchlet jobs (sleepSeconds=0, one every 300 ms)
are submitted through another server, or the same one, and the script reports for the JOBS per event name how long
after the change each event arrived at each subscriber: the arrival time at the client minus the time the event
carries (startTime or endTime, taken by the server as the batch runtime reported the change; createTime, the instance
row's, for submitted, which includes the submission's own work). Client and servers must share a clock (one machine).

Every subscriber must receive every event of the submitted jobs, in the order the first subscriber received them;
a subscriber that missed one, or a job that did not complete, ends the script with status 1. With --pid, the
server's live heap (after a full GC, jcmd) is measured before the subscribers connect, while they are connected
after the jobs, and after they have gone. With --out, events.tsv (event, subscribers, events, p50, p95, max ms) and
events-memory.tsv (point, live heap MB) are written there.

  bench/event-latency.py --stream https://localhost:9451/ibm/api/batch/ --submit https://localhost:9452/ibm/api/batch/
  bench/event-latency.py --stream ROOT --submit ROOT --subscribers 200 --jobs 20 --pid PID --out DIR
"""
import argparse
import base64
import datetime
import http.client
import json
import os
import re
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

TIME_FIELDS = {"submitted": "createTime", "started": "startTime", "stepStarted": "startTime"}


def connection(root):
    url = urllib.parse.urlparse(root)
    return http.client.HTTPSConnection(url.hostname, url.port, context=ssl._create_unverified_context(),
                                       timeout=120), url.path


def read_events(root, auth, arrivals, connected, streams):
    stream, path = connection(root)
    streams.append(stream)
    stream.request("GET", path + "events?jobName=sleepyBatchlet",
                   headers={"Authorization": auth, "Accept": "text/event-stream"})
    response = stream.getresponse()
    if response.status != 200:
        raise SystemExit(f"the event stream answered {response.status}: {response.read()[:300]!r}")
    connected.release()
    name = None
    try:
        for raw in iter(response.fp.readline, b""):
            line = raw.decode().rstrip("\n")
            if line.startswith("event:"):
                name = line[len("event:"):].strip()
            elif line.startswith("data:"):
                arrivals.append((time.time(), name, json.loads(line[len("data:"):])))
    except (OSError, ValueError):
        pass  # the script closed the stream


def live_heap_mb(pid):
    """The server's used heap right after a full GC, in MB (jcmd GC.run, then GC.heap_info)."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    used = re.search(r" heap +total \d+K, used (\d+)K", info)
    return int(used.group(1)) // 1024 if used else None


def pct(values, p):
    return values[int(p * (len(values) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stream", required=True, help="API root whose event stream is read")
    parser.add_argument("--submit", required=True, help="API root the jobs are submitted through")
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--subscribers", type=int, default=1)
    parser.add_argument("--warmup-jobs", type=int, default=5,
                        help="jobs submitted and awaited before the measured ones, not measured: the first events "
                             "after a start time the JIT compiler rather than the server")
    parser.add_argument("--user", default="admin:adminpwd")
    parser.add_argument("--pid", type=int, help="the streaming server's process, to measure its live heap")
    parser.add_argument("--out", help="folder for events.tsv and events-memory.tsv")
    parser.add_argument("--release-wait", type=int, default=35,
                        help="seconds after the subscribers have gone before the last heap measurement (the server "
                             "releases a subscriber when a keep-alive, every 15 s by default, cannot be written); "
                             "0: no such measurement")
    args = parser.parse_args()
    auth = "Basic " + base64.b64encode(args.user.encode()).decode()
    memory = []

    def note_memory(point):
        if args.pid:
            memory.append((point, live_heap_mb(args.pid)))
            print(f"live heap {point}: {memory[-1][1]} MB")

    note_memory("before subscribing")
    connected = threading.Semaphore(0)
    subscribers = [[] for _ in range(args.subscribers)]
    streams = []
    for arrivals in subscribers:
        threading.Thread(target=read_events, args=(args.stream, auth, arrivals, connected, streams),
                         daemon=True).start()
    for _ in subscribers:
        if not connected.acquire(timeout=120):
            raise SystemExit("not every subscriber was connected within 120 s")
    time.sleep(2)
    submit, path = connection(args.submit)
    body = json.dumps({"applicationName": "batch-rest", "jobXMLName": "sleepyBatchlet",
                       "jobParameters": {"sleepSeconds": "0", "logLines": "1"}})

    def submit_jobs(count):
        submitted = set()
        for _ in range(count):
            submit.request("POST", path + "jobinstances", body=body,
                           headers={"Authorization": auth, "Content-Type": "application/json"})
            response = submit.getresponse()
            answer = response.read()
            if response.status != 201:
                raise SystemExit(f"a submission was answered {response.status}: {answer[:300]!r}")
            submitted.add(json.loads(answer)["instanceId"])
            time.sleep(0.3)
        time.sleep(5)
        return submitted

    submit_jobs(args.warmup_jobs)
    instances = submit_jobs(args.jobs)
    note_memory(f"with {args.subscribers} subscribers, after the jobs")

    def received(arrivals):
        return [(data.get("instanceId"), name, data.get("stepName"), data.get("executionId"))
                for _, name, data in list(arrivals) if data.get("instanceId") in instances]

    failures = []
    expected = received(subscribers[0])
    completed = {event[0] for event in expected if event[1] == "completed"}
    if completed != instances:
        failures.append(f"{len(instances) - len(completed)} of {len(instances)} jobs sent no completed event")
    missing = sum(1 for arrivals in subscribers if received(arrivals) != expected)
    if missing:
        failures.append(f"{missing} of {args.subscribers} subscribers did not receive the first one's "
                        f"{len(expected)} events in the same order")
    delays = {}
    for arrivals in subscribers:
        for arrived, name, data in list(arrivals):
            field = TIME_FIELDS.get(name, "endTime")
            if data.get("instanceId") in instances and field in data:
                changed = datetime.datetime.strptime(data[field], "%Y/%m/%d %H:%M:%S.%f %z").timestamp()
                delays.setdefault(name, []).append((arrived - changed) * 1000)
    # submitted carries the instance row's createTime, taken before the submission's own work (JobOperator.start),
    # so its delay is mostly the submission's; the delivery of changes is what the other events measure.
    rows = [("all but submitted", sorted(value for name, values in delays.items() if name != "submitted"
                                         for value in values))]
    rows += [(name, sorted(values)) for name, values in delays.items()]
    for name, values in rows:
        print(f"{name:17s} events {len(values):6d}  p50 {statistics.median(values):7.1f} ms  "
              f"p95 {pct(values, 0.95):7.1f} ms  max {values[-1]:7.1f} ms")
    if args.out:
        with open(os.path.join(args.out, "events.tsv"), "w") as out:
            out.write("event\tsubscribers\tevents\tp50_ms\tp95_ms\tmax_ms\n")
            for name, values in rows:
                out.write(f"{name}\t{args.subscribers}\t{len(values)}\t{statistics.median(values):.1f}\t"
                          f"{pct(values, 0.95):.1f}\t{values[-1]:.1f}\n")
    # A shutdown ends the readers' blocked reads (closing the connection under a reader would wait for it forever).
    for stream in streams:
        try:
            stream.sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError):
            pass
    if args.release_wait > 0:
        time.sleep(args.release_wait)
        note_memory("after the subscribers have gone")
    if args.out and memory:
        with open(os.path.join(args.out, "events-memory.tsv"), "w") as out:
            out.write("".join(f"{point}\t{mb}\n" for point, mb in memory))
    for failure in failures:
        print("FAILED: " + failure)
    return memory, failures


if __name__ == "__main__":
    measured_memory, failed = main()
    sys.exit(1 if failed else 0)
