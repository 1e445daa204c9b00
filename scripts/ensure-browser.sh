#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download is not
# available here), with a Chinese font so pages and screenshots show their text, and the faces
# the letters print in (tests/browser/test_print.py).
set -euo pipefail
sudo_cmd() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
# the printable letters' Debian faces: Noto Serif CJK for 仿宋 and 小标宋, Noto Sans CJK for 黑体
fc-list -q "Noto Serif CJK SC" 2>/dev/null || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian's packages ..."
  sudo_cmd apt-get update -q
  sudo_cmd apt-get install -y -q "${missing[@]}"
fi
