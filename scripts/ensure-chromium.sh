#!/bin/sh
# Installs Debian's Chromium for the report's browser check when it is absent.
set -e
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: chromium is missing and this user cannot apt-get install it;" >&2
  echo "  install Debian's 'chromium' package, then rerun 'make test'." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
