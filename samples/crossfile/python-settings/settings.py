"""Settings of the inventory service: the addresses are configured here and used in app.py."""
import os

# Flask's development server binds this host; 0.0.0.0 accepts IPv4 clients only (reported in app.py, where it is used).
LISTEN_ON = os.environ.get("INVENTORY_LISTEN", "0.0.0.0")
PORT = int(os.environ.get("INVENTORY_PORT", "8080"))
# '::' is dual-stack for Flask/werkzeug: not reported
ADMIN_LISTEN = "::"
