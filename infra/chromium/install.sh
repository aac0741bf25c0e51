#!/usr/bin/env bash
# The browser journeys (test/ui) need Debian's chromium, a font it can render text with, and
# poppler's pdftotext to read the PDFs they download. Idempotent: installs only what is missing.
# Never downloads a browser build of its own (playwright-core drives /usr/bin/chromium).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "[chromium] missing ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "[chromium] installing ${missing[*]} (apt)" >&2
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
