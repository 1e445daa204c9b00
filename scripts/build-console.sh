#!/usr/bin/env bash
# Builds the web console (console/dist) that the gateway serves at /: Node.js from Debian's
# packages if the machine has none, `npm ci` from the committed lock, then `vite build`.
set -euo pipefail
cd "$(dirname "$0")/../console"
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v npm >/dev/null; then
  echo "installing Node.js from Debian's packages ..."
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q nodejs npm
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
