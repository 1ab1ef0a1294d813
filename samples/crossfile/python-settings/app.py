"""Inventory service: every address comes from settings.py or config/upstreams.py."""
from flask import Flask
import redis

import settings
from config.upstreams import upstreams

app = Flask(__name__)
cache = redis.Redis(host=upstreams.cache, port=upstreams.cache_port)  # v6ready-expect: V6003


@app.route("/healthz")
def healthz():
    return "ok"


if __name__ == "__main__":
    app.run(host=settings.LISTEN_ON, port=settings.PORT)  # v6ready-expect: V6001
    app.run(host=settings.ADMIN_LISTEN, port=9090)
