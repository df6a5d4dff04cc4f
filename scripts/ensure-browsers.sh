#!/usr/bin/env bash
# Makes sure the two browsers the e2e suite drives are installed; quiet when they are.
# CHROMIUM_PATH / FIREFOX_PATH override the default Debian paths (tests/e2e honours them too).
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
firefox_path="${FIREFOX_PATH:-/usr/bin/firefox-esr}"

missing() {
  local list=()
  [ -x "$chromium_path" ] || list+=("chromium ($chromium_path)")
  [ -x "$firefox_path" ] || list+=("firefox-esr ($firefox_path)")
  if [ ${#list[@]} -gt 0 ]; then printf '%s\n' "${list[@]}"; fi
}

absent="$(missing)"
[ -z "$absent" ] && exit 0

echo "ensure-browsers: missing:" >&2
printf '  %s\n' "$absent" >&2

if [ "$(id -u)" -ne 0 ]; then
  cat >&2 <<MSG
ensure-browsers: not root, so not installing. Install them with:
  sudo apt-get update && sudo apt-get install -y chromium firefox-esr
or point CHROMIUM_PATH / FIREFOX_PATH at existing binaries.
MSG
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browsers: no apt-get here; install Chromium and Firefox ESR, then set CHROMIUM_PATH / FIREFOX_PATH." >&2
  exit 1
fi

echo "ensure-browsers: installing chromium and firefox-esr with apt-get" >&2
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y chromium firefox-esr

absent="$(missing)"
if [ -n "$absent" ]; then
  echo "ensure-browsers: still missing after apt-get (a custom *_PATH?):" >&2
  printf '  %s\n' "$absent" >&2
  exit 1
fi
