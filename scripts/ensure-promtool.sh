#!/usr/bin/env bash
# The monitoring tests check deploy/monitoring with promtool, from Debian's prometheus
# package (only the tool is used: no Prometheus server is started).
set -euo pipefail
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v promtool >/dev/null; then
  echo "installing promtool (Debian's prometheus package) ..."
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q --no-install-recommends prometheus
fi
