#!/bin/sh
# Writes memcached.conf with a heredoc, then starts memcached through Debian's wrapper.
set -e
cat > /etc/memcached.conf <<'CONF'
-m 128
# v6ready-expect: V6208
-l 0.0.0.0
CONF
exec /usr/share/memcached/scripts/systemd-memcached-wrapper /etc/memcached.conf
