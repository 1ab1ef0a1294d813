#!/bin/sh
# Writes the server's network options, then starts it.
set -e
cat > /etc/mysql/conf.d/network.cnf <<'CNF'
[mysqld]
# v6ready-expect: V6209
bind-address = 0.0.0.0
CNF
# v6ready-expect: V6209
exec mysqld_safe --user=mysql --bind-address 0.0.0.0
