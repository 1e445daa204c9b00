#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download is not
# available here), with a Chinese font so pages and screenshots show their text.
set -euo pipefail
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian's packages ..."
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q "${missing[@]}"
fi
