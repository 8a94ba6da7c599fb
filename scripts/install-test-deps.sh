#!/usr/bin/env bash
# What the tests need beyond npm, from Debian's own packages:
#   chromium        the console's browser tests (test/web/browser.test.ts, test/web/screenshots.test.ts)
#                   drive /usr/bin/chromium through playwright-core;
#   fonts-noto-cjk  Japanese glyphs, or every Japanese character in the screenshots is a box.
# Installs only what is missing; as root, or through sudo when there is one.
set -euo pipefail
needed=()
for pkg in chromium fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || needed+=("$pkg")
done
[ "${#needed[@]}" -eq 0 ] && exit 0
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing ${needed[*]}" >&2
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${needed[@]}"
