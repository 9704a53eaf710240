#!/usr/bin/env bash
# End-to-end stage of .ci/run: installs the tools (idempotent), packages the
# extension and runs test/e2e/run.js in code-server + Chromium. Its last line
# is always `e2e: N passed, N failed`; exit code 0 only if everything passed.
set -uo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "e2e: $1" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
}

echo "== e2e: install tools"
t0=$SECONDS
bash scripts/e2e/install.sh </dev/null || fail "scripts/e2e/install.sh failed"
echo "# e2e: tools ready in $((SECONDS - t0)) s"

VSIX="$(node -p 'const p = require("./package.json"); `${p.name}-${p.version}.vsix`')" || fail "cannot read package.json"
echo "== e2e: npm run package ($VSIX)"
rm -f "$VSIX"
t0=$SECONDS
npm run package </dev/null || fail "npm run package failed"
[ -f "$VSIX" ] || fail "npm run package did not produce $VSIX"
echo "# e2e: packaged in $((SECONDS - t0)) s"

echo "== e2e: node test/e2e/run.js $VSIX"
node test/e2e/run.js "$VSIX"
