#!/usr/bin/env bash
# Phone-sized (390×844) screenshots of the trainee's home and 我的信息, zh-CN and en,
# taken from the demo by tests/e2e/trainee-home.test.mjs, into docs/screenshots/:
#   trainee-home-zh-CN.png, trainee-home-en.png, trainee-my-info-zh-CN.png, trainee-my-info-en.png
#
#   scripts/trainee-home-screenshots.sh [PATH/TO/peixun]   (default build/peixun)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/peixun}
mkdir -p "$root/docs/screenshots"
PEIXUN_DOCS_SCREENSHOTS="$root/docs/screenshots" "$root/tests/e2e/run.sh" "$bin" "$root/tests/e2e/trainee-home.test.mjs"
