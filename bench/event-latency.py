#!/usr/bin/env python3
"""Job event latency (docs/api.md, "Events of several servers"): subscribes to the job event stream of one server,
submits JOBS sleepyBatchlet jobs (sleepSeconds=0, one every 300 ms) through another server, or the same one, and
reports per event name how long after the change each event arrived: the arrival time at the client minus the time
the event carries (startTime or endTime, taken by the server as the batch runtime reported the change; createTime,
the instance row's, for submitted, which includes the submission's own work). Client and servers must share a clock
(one machine).

  bench/event-latency.py --stream https://localhost:9451/ibm/api/batch/ --submit https://localhost:9452/ibm/api/batch/
"""
import argparse
import base64
import datetime
import http.client
import json
import ssl
import statistics
import threading
import time
import urllib.parse

TIME_FIELDS = {"submitted": "createTime", "started": "startTime", "stepStarted": "startTime"}


def connection(root):
    url = urllib.parse.urlparse(root)
    return http.client.HTTPSConnection(url.hostname, url.port, context=ssl._create_unverified_context(),
                                       timeout=120), url.path


def read_events(root, auth, arrivals):
    stream, path = connection(root)
    stream.request("GET", path + "events?jobName=sleepyBatchlet",
                   headers={"Authorization": auth, "Accept": "text/event-stream"})
    response = stream.getresponse()
    name = None
    for raw in iter(response.fp.readline, b""):
        line = raw.decode().rstrip("\n")
        if line.startswith("event:"):
            name = line[len("event:"):].strip()
        elif line.startswith("data:"):
            arrivals.append((time.time(), name, json.loads(line[len("data:"):])))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stream", required=True, help="API root whose event stream is read")
    parser.add_argument("--submit", required=True, help="API root the jobs are submitted through")
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--user", default="admin:adminpwd")
    args = parser.parse_args()
    auth = "Basic " + base64.b64encode(args.user.encode()).decode()
    arrivals = []
    threading.Thread(target=read_events, args=(args.stream, auth, arrivals), daemon=True).start()
    time.sleep(2)
    submit, path = connection(args.submit)
    body = json.dumps({"applicationName": "batch-rest", "jobXMLName": "sleepyBatchlet",
                       "jobParameters": {"sleepSeconds": "0", "logLines": "1"}})
    instances = set()
    for _ in range(args.jobs):
        submit.request("POST", path + "jobinstances", body=body,
                       headers={"Authorization": auth, "Content-Type": "application/json"})
        instances.add(json.loads(submit.getresponse().read())["instanceId"])
        time.sleep(0.3)
    time.sleep(5)
    delays = {}
    for arrived, name, data in arrivals:
        field = TIME_FIELDS.get(name, "endTime")
        if data.get("instanceId") in instances and field in data:
            changed = datetime.datetime.strptime(data[field], "%Y/%m/%d %H:%M:%S.%f %z").timestamp()
            delays.setdefault(name, []).append((arrived - changed) * 1000)
    for name, values in delays.items():
        values.sort()
        print(f"{name:12s} events {len(values):4d}  p50 {statistics.median(values):7.1f} ms  "
              f"p95 {values[int(0.95 * (len(values) - 1))]:7.1f} ms  max {values[-1]:7.1f} ms")


if __name__ == "__main__":
    main()
