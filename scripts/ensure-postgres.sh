#!/usr/bin/env bash
# Makes sure the local PostgreSQL answers on 127.0.0.1:5432 (CI runs the suite on it).
set -euo pipefail
open() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
open && exit 0
echo "starting the local PostgreSQL ..."
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
for _ in $(seq 1 60); do open && exit 0; sleep 1; done
echo "PostgreSQL did not start" >&2
exit 1
