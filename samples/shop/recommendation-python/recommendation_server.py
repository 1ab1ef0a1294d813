#!/usr/bin/env python3
"""Recommendation service of the sample shop: a gRPC server with a Flask admin app.

Every IPv4-only line is marked `v6ready-expect: V600x`; the dual-stack lines next to them must stay unreported.
"""
import argparse
import ipaddress
import os
import re
import socket
from concurrent import futures

import grpc
import requests
from flask import Flask

CATALOG_URL = "http://10.0.0.12:3550/products"  # v6ready-expect: V6003
CATALOG_FALLBACK = "http://productcatalogservice:3550/products"
ALLOWED_NETWORK = "10.0.0.0/8"
VERSION = "1.2.3.4"
IP_PATTERN = re.compile(r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")  # v6ready-expect: V6008

admin = Flask(__name__)


def catalog_address(host, port):
    return f"{host}:{port}"  # v6ready-expect: V6005


def bracketed_address(host, port):
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}"


def split_peer(peer):
    host, port = peer.split(":")  # v6ready-expect: V6006
    return host, int(port)


def is_valid_client(ip):
    try:
        ipaddress.IPv4Address(ip)  # v6ready-expect: V6008
        return True
    except ValueError:
        return False


def resolve_cart():
    return socket.gethostbyname("cartservice")  # v6ready-expect: V6009


def pod_address():
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # v6ready-expect: V6007
    probe.connect(("8.8.8.8", 80))  # v6ready-expect: V6004
    return probe.getsockname()[0]


def fetch_products():
    return requests.get(CATALOG_FALLBACK, timeout=2).json()


def serve(port):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
    server.add_insecure_port("[::]:" + port)
    server.add_insecure_port(f"0.0.0.0:{port}1")  # gRPC core binds [::]: dual-stack, not reported
    server.start()
    metrics = socket.create_server(("", 9464))  # v6ready-expect: V6007
    dual = socket.create_server(("", 9465), family=socket.AF_INET6, dualstack_ipv6=True)
    return server, metrics, dual


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--admin-host", default="0.0.0.0")
    args = parser.parse_args()
    serve(os.environ.get("PORT", "8080"))
    admin.run(host=args.admin_host, port=8081)  # v6ready-expect: V6001
    admin.run(host="127.0.0.1", port=8082)  # v6ready-expect: V6002


if __name__ == "__main__":
    main()
