#!/usr/bin/env bash
# Creates the virtualenv $1 with Python 3.11, installing Debian's venv support if missing.
set -euo pipefail
venv=${1:-.venv}
[ -x "$venv/bin/python" ] && exit 0
python=$(command -v python3.11 || command -v python3 || true)
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "installing Python's venv support from Debian's packages ..."
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q python3 python3-venv python3-dev
  python=$(command -v python3.11 || command -v python3)
fi
"$python" -m venv "$venv"
