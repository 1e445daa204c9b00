#!/usr/bin/env bash
# `make test-ahead` runs the suite under libfaketime (Debian's faketime package), the wall
# clock moved ahead: a test that holds only until some date fails today instead.
set -euo pipefail
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v faketime >/dev/null; then
  echo "installing faketime from Debian's packages ..."
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q faketime
fi
