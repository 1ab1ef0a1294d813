#!/bin/sh
set -e
# The old proxy lived at 10.0.0.5 (a comment, not a finding).
ADDR=$(ip -4 addr show eth0 | grep -oE '([0-9]{1,3}\.){3}[0-9]{1,3}' | head -1)  # v6ready-expect: V6008
python -m http.server 9000 --bind :: &
# v6ready-expect: V6104
uvicorn shop.asgi:app --host 0.0.0.0 --port 8000 &
java -Dserver.address=0.0.0.0 -jar /app/catalogue.jar &
/bin/prometheus --web.listen-address=0.0.0.0:9090 &
cat > /etc/haproxy/haproxy.cfg <<-CFG
	frontend db
	    bind 0.0.0.0:5432  # v6ready-expect: V6205
	CFG
wait
