"""Runtime facts for the Python rules: start each server on loopback ports only, then connect to 127.0.0.1 and ::1.

Usage: python3 bench/python/runtime-facts.py   (Debian: python3-flask gunicorn python3-uvicorn python3-aiohttp python3-grpcio)
Prints one line per case: what was bound, and whether a TCP connect to 127.0.0.1 and to ::1 succeeded.
Only loopback addresses are ever connected to. The bind addresses 0.0.0.0 and :: are what the rules judge.
"""
import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time

PORT = [18400]


def next_port():
    PORT[0] += 1
    return PORT[0]


def can_connect(host, port, timeout=0.5):
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect((host, port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def probe(label, port, proc=None, wait=15.0):
    deadline = time.time() + wait
    v4 = v6 = False
    while time.time() < deadline:
        v4 = can_connect("127.0.0.1", port)
        v6 = can_connect("::1", port)
        if v4 or v6:
            time.sleep(0.2)
            v4 = can_connect("127.0.0.1", port)
            v6 = can_connect("::1", port)
            break
        time.sleep(0.2)
    if proc is not None:
        proc.terminate()
        proc.join(3) if hasattr(proc, "join") else proc.wait(3)
    print("%-62s 127.0.0.1=%s ::1=%s" % (label, "yes" if v4 else "no", "yes" if v6 else "no"), flush=True)


def run_flask(host, port):
    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from flask import Flask
    app = Flask(__name__)
    app.run(host=host, port=port)


def run_uvicorn(host, port):
    import uvicorn

    async def app(scope, receive, send):
        pass
    uvicorn.run(app, host=host, port=port, log_level="error")


def run_aiohttp(host, port):
    from aiohttp import web
    app = web.Application()
    kw = {} if host is None else {"host": host}
    web.run_app(app, port=port, print=None, **kw)


def run_asyncio(host, port):
    async def main():
        srv = await asyncio.start_server(lambda r, w: None, host, port)
        async with srv:
            await srv.serve_forever()
    asyncio.run(main())


def run_grpc(addr):
    import grpc
    from concurrent import futures
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=1))
    server.add_insecure_port(addr)
    server.start()
    server.wait_for_termination()


def run_socket(family, host, port):
    s = socket.socket(family) if family is not None else socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen()
    while True:
        c, _ = s.accept()
        c.close()


def run_create_server(port, dual):
    if dual:
        s = socket.create_server(("", port), family=socket.AF_INET6, dualstack_ipv6=True)
    else:
        s = socket.create_server(("", port))
    while True:
        c, _ = s.accept()
        c.close()


def run_http_server(host, port):
    from http.server import HTTPServer, BaseHTTPRequestHandler
    HTTPServer((host, port), BaseHTTPRequestHandler).serve_forever()


def start(target, *args):
    p = multiprocessing.Process(target=target, args=args, daemon=True)
    p.start()
    return p


def main():
    print("python", sys.version.split()[0], "bindv6only=" + open("/proc/sys/net/ipv6/bindv6only").read().strip())
    try:
        import flask, werkzeug
        print("flask", flask.__version__ if hasattr(flask, "__version__") else "?", "werkzeug", getattr(werkzeug, "__version__", "?"))
    except Exception as e:
        print("flask missing:", e)
    for fam, host, name in [(None, "0.0.0.0", "socket.socket() bind(('0.0.0.0', P))"), (None, "", "socket.socket() bind(('', P))"),
                            (socket.AF_INET6, "::", "socket.socket(AF_INET6) bind(('::', P))"), (socket.AF_INET6, "", "socket.socket(AF_INET6) bind(('', P))"),
                            (None, "127.0.0.1", "socket.socket() bind(('127.0.0.1', P))")]:
        port = next_port()
        probe(name, port, start(run_socket, fam, host, port))
    port = next_port(); probe("socket.create_server(('', P))", port, start(run_create_server, port, False))
    port = next_port(); probe("socket.create_server(('', P), AF_INET6, dualstack_ipv6=True)", port, start(run_create_server, port, True))
    port = next_port(); probe("http.server.HTTPServer(('', P))", port, start(run_http_server, "", port))
    for host in ["0.0.0.0", "::", "127.0.0.1", "localhost"]:
        port = next_port(); probe("flask app.run(host=%r)" % host, port, start(run_flask, host, port))
    for host in ["0.0.0.0", "::"]:
        port = next_port(); probe("uvicorn.run(app, host=%r)" % host, port, start(run_uvicorn, host, port))
    for host in ["0.0.0.0", "::", None]:
        port = next_port(); probe("aiohttp web.run_app(app, host=%r)" % (host,), port, start(run_aiohttp, host, port))
    for host in ["0.0.0.0", "::", None]:
        port = next_port(); probe("asyncio.start_server(cb, %r, P)" % (host,), port, start(run_asyncio, host, port))
    for addr in ["0.0.0.0:%d", "[::]:%d", "localhost:%d", "127.0.0.1:%d"]:
        port = next_port(); probe("grpc server.add_insecure_port(%r)" % addr.replace("%d", "P"), port, start(run_grpc, addr % port))
    for bind in ["0.0.0.0:%d", "[::]:%d"]:
        port = next_port()
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "app.py"), "w") as f:
                f.write("def app(environ, start_response):\n    start_response('200 OK', [])\n    return [b'']\n")
            proc = subprocess.Popen(["gunicorn", "--chdir", d, "-b", bind % port, "app:app"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                probe("gunicorn --bind %r" % bind.replace("%d", "P"), port, None)
            finally:
                proc.terminate()
                proc.wait(5)


if __name__ == "__main__":
    main()
