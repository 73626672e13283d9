#!/usr/bin/env python3
"""Times the calls of one request shape for bench/run.sh, the APIs alternating call by call (and which one goes
first alternating too), each API over one kept-alive HTTPS connection, as a client that lists page after page
does: without it every call would also pay a TLS handshake, which is most of a cheap search's time and the same
for both APIs (docs/benchmarks.md).

  measure.py <out> <label> <warmup> <calls> <budget seconds> <api>=<url> [<api>=<url> ...]

Writes, per API, <out>/<label>.<api>[.warmup].times ("code seconds bytes" per call), and the last answer's body
and headers (.body, .headers), like the curl calls of bench/run.sh; prints the APIs whose budget ran out.
"""
import base64
import http.client
import os
import ssl
import sys
import time
import urllib.parse

out, label, warmup, calls, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
apis = [a.split('=', 1) for a in sys.argv[6:]]
user = os.environ.get('AUTH', 'admin:adminpwd')
authorization = 'Basic ' + base64.b64encode(user.encode()).decode()
context = ssl._create_unverified_context()
connections = {}


def call(api, url):
    """One GET over the API's connection; a connection the server closed meanwhile is opened again, untimed."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path + ('?' + parts.query if parts.query else '')
    for attempt in (1, 2):
        connection = connections.get(api)
        if connection is None:
            connection = connections[api] = http.client.HTTPSConnection(parts.hostname, parts.port, context=context,
                                                                        timeout=900)
            connection.connect()
        start = time.perf_counter()
        try:
            connection.request('GET', target, headers={'Authorization': authorization})
            response = connection.getresponse()
            body = response.read()
            return response.status, time.perf_counter() - start, body, response
        except (http.client.RemoteDisconnected, http.client.CannotSendRequest, ConnectionError):
            connection.close()
            connections.pop(api, None)
            if attempt == 2:
                return 0, time.perf_counter() - start, b'', None


spent = {api: 0.0 for api, _ in apis}
for i in range(1, warmup + calls + 1):
    order = apis if i % 2 else list(reversed(apis))
    for api, url in order:
        warming = i <= warmup
        # A shape whose calls take seconds spends them in the database, not in code still to be compiled: its warm-up
        # ends after a quarter of the budget, so that the rest is left for timed calls.
        if spent[api] >= (budget / 4 if warming else budget):
            continue
        name = os.path.join(out, f"{label}.{api}" + ('.warmup' if warming else ''))
        status, seconds, body, response = call(api, url)
        with open(name + '.times', 'a') as times:
            times.write(f"{status:03d} {seconds:.6f} {len(body)}\n")
        with open(name + '.body', 'wb') as f:
            f.write(body)
        with open(name + '.headers', 'w') as f:
            if response is not None:
                f.write(f"HTTP/1.1 {response.status} {response.reason}\r\n")
                f.writelines(f"{k}: {v}\r\n" for k, v in response.getheaders())
        spent[api] += seconds
        if spent[api] >= budget:
            print(f"{api}: query budget of {budget:g}s used up after call {i}")
