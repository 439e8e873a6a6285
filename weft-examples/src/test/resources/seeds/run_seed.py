"""Runs one of the seeds' Trio echo programs as written, but for its port.

usage: python3 -u run_seed.py PROGRAM.py PORT

"PORT = 12345" becomes the given port (0: any free port), and trio.serve_tcp listens on
127.0.0.1 and prints "listening PORT" once it accepts connections, so that a test knows where
to connect without polling.
"""
import functools
import sys

import trio

path, port = sys.argv[1], int(sys.argv[2])
_serve_tcp = trio.serve_tcp


async def serve_tcp(handler, port, **kwargs):
    async with trio.open_nursery() as nursery:
        listeners = await nursery.start(
            functools.partial(_serve_tcp, handler, port, host="127.0.0.1", **kwargs))
        print("listening", listeners[0].socket.getsockname()[1], flush=True)


trio.serve_tcp = serve_tcp
with open(path) as f:
    source = f.read().replace("PORT = 12345", f"PORT = {port}")
exec(compile(source, path, "exec"), {"__name__": "__main__"})
