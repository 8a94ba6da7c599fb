#!/usr/bin/env bash
# What the tests need beyond npm: Debian's Chromium for the console's browser tests
# (test/web/browser.test.ts drives /usr/bin/chromium through playwright-core).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update
  apt-get install -y chromium
fi
