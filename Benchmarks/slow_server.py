#!/usr/bin/env python3
"""A static file server that answers every request after a fixed delay, and counts.

Usage: slow_server.py SITE_DIR PORT DELAY_MS STATS_JSON

Stands in for a slow municipal server in the politeness benchmark: each response waits
DELAY_MS before it is sent, so a crawler keeping two connections busy needs at least
requests x DELAY_MS / 2. HTTP/1.1 with keep-alive, GET and HEAD only, 127.0.0.1 only.
It counts what a polite crawler must get right and writes it to STATS_JSON on SIGTERM/SIGINT:
the most connections open at once, the most requests being answered at once, every request
per path (a path asked twice is a wasted slot), HEAD requests, and requests robots.txt
disallows (/admin/). The sitemap names 127.0.0.1:8089 (nginx); it is rewritten to this port.
"""
import asyncio
import json
import os
import signal
import sys
import time
from collections import Counter
from urllib.parse import unquote, urlsplit

root = os.path.realpath(sys.argv[1])
port = int(sys.argv[2])
delay = int(sys.argv[3]) / 1000
stats_path = sys.argv[4]

types = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf",
         ".xml": "application/xml", ".txt": "text/plain"}
stats = {"connections": 0, "max_connections": 0, "in_flight": 0, "max_in_flight": 0,
         "requests": 0, "heads": 0, "not_found": 0, "disallowed": 0}
per_path = Counter()
first_request = None
last_response = None


def resolve(target):
    path = unquote(urlsplit(target).path)
    full = os.path.realpath(os.path.join(root, path.lstrip("/")))
    if full != root and not full.startswith(root + os.sep):
        return None, path
    if os.path.isdir(full):
        full = os.path.join(full, "index.html")
    return (full if os.path.isfile(full) else None), path


async def answer(method, target, writer, keep_alive):
    global first_request, last_response
    now = time.monotonic()
    first_request = first_request or now
    stats["requests"] += 1
    stats["in_flight"] += 1
    stats["max_in_flight"] = max(stats["max_in_flight"], stats["in_flight"])
    try:
        full, path = resolve(target)
        per_path[(method if method == "HEAD" else "GET") + " " + path] += 1
        if method == "HEAD":
            stats["heads"] += 1
        if path.startswith("/admin/"):
            stats["disallowed"] += 1
        await asyncio.sleep(delay)
        if full is None:
            stats["not_found"] += 1
            status, body, ctype = "404 Not Found", b"not found\n", "text/plain"
        else:
            with open(full, "rb") as f:
                body = f.read()
            if path == "/sitemap.xml":
                body = body.replace(b"127.0.0.1:8089", b"127.0.0.1:%d" % port)
            status, ctype = "200 OK", types.get(os.path.splitext(full)[1], "application/octet-stream")
        head = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n").encode()
        writer.write(head if method == "HEAD" else head + body)
        await writer.drain()
        last_response = time.monotonic()
    finally:
        stats["in_flight"] -= 1


async def serve(reader, writer):
    stats["connections"] += 1
    stats["max_connections"] = max(stats["max_connections"], stats["connections"])
    try:
        while True:
            try:
                request = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                break
            lines = request.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            if len(parts) != 3 or parts[0] not in ("GET", "HEAD"):
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")
                break
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (line.partition(":") for line in lines[1:] if line)}
            keep_alive = headers.get("connection", "").lower() != "close"
            await answer(parts[0], parts[1], writer, keep_alive)
            if not keep_alive:
                break
    finally:
        stats["connections"] -= 1
        writer.close()


def write_stats():
    repeated = {k: v for k, v in per_path.items() if v > 1}
    out = dict(stats, distinct_paths=len(per_path), repeated_paths=len(repeated),
               repeated_examples=dict(list(repeated.items())[:10]),
               busy_seconds=round((last_response or 0) - (first_request or 0), 3),
               delay_ms=delay * 1000)
    tmp = stats_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(out, f, indent=1)
    os.replace(tmp, stats_path)


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=64)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    write_stats()


asyncio.run(main())
