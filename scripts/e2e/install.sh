#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end test (test/e2e/run.js) needs:
#   - Debian packages: libkrb5-dev, ripgrep, chromium
#   - a seeded @vscode/ripgrep download cache (the machine cannot reach GitHub)
#   - code-server@4.100.3 (VS Code 1.100.3) and playwright-core, in a cache
#     folder outside the repository: ${SUITEAUTH_E2E_HOME:-$HOME/.cache/suiteauth-e2e}/code-server
#
# Idempotent: every step is skipped when its result is already there.
# Non-interactive (safe with CI=true and no stdin). Exits non-zero on failure.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
PLAYWRIGHT_CORE_VERSION="1.65.1"
DEBIAN_PACKAGES=(libkrb5-dev ripgrep chromium)
# @vscode/ripgrep as pinned by code-server 4.100.3 (see its lib/vscode/package.json).
RIPGREP_CACHE_VERSION="1.15.11"
RIPGREP_VERSION="v13.0.0-10"

E2E_HOME="${SUITEAUTH_E2E_HOME:-$HOME/.cache/suiteauth-e2e}"
CS_DIR="$E2E_HOME/code-server"
MARKER="$CS_DIR/.suiteauth-e2e-installed"

log() { printf '[e2e-install] %s\n' "$*"; }
die() {
  printf '[e2e-install] ERROR: %s\n' "$*" >&2
  exit 1
}
# Any other failing command (set -e) still ends with a clear last line.
trap 'rc=$?; [ $rc -eq 0 ] || printf "[e2e-install] FAILED (exit %s); see the messages above\n" "$rc" >&2' EXIT

command -v node >/dev/null 2>&1 || die "node is not on PATH (Node 20 is required by code-server $CODE_SERVER_VERSION)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" = "20" ] || die "code-server $CODE_SERVER_VERSION needs Node 20, found $(node -v)"

# --- 1. Debian packages -------------------------------------------------------
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do is_installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages already installed: ${DEBIAN_PACKAGES[*]}"
else
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO="sudo -n"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q || die "apt-get update failed"
  $SUDO apt-get install -y -q "${missing[@]}" </dev/null || die "apt-get install ${missing[*]} failed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after installing the chromium package"
[ -x /usr/bin/rg ] || die "/usr/bin/rg is missing after installing the ripgrep package"

# --- 2. seed the @vscode/ripgrep cache ---------------------------------------
case "$(uname -m)" in
  x86_64) RG_TARGET="x86_64-unknown-linux-musl" ;;
  aarch64 | arm64) RG_TARGET="aarch64-unknown-linux-musl" ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac
TMP_BASE="$(node -p 'require("os").tmpdir()')"
RG_CACHE_DIR="$TMP_BASE/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
RG_CACHE_FILE="$RG_CACHE_DIR/ripgrep-$RIPGREP_VERSION-$RG_TARGET.tar.gz"
seed_ripgrep_cache() {
  if [ -s "$RG_CACHE_FILE" ] && tar -tzf "$RG_CACHE_FILE" 2>/dev/null | grep -qx 'rg'; then
    log "ripgrep cache already seeded: $RG_CACHE_FILE"
    return
  fi
  log "seeding ripgrep cache $RG_CACHE_FILE from /usr/bin/rg"
  mkdir -p "$RG_CACHE_DIR"
  local stage
  stage="$(mktemp -d)"
  cp /usr/bin/rg "$stage/rg"
  chmod 755 "$stage/rg"
  tar -czf "$RG_CACHE_FILE.tmp" -C "$stage" rg
  mv -f "$RG_CACHE_FILE.tmp" "$RG_CACHE_FILE"
  rm -rf "$stage"
}

# --- 3. playwright-core + code-server in their own folder ---------------------
installed_version() { # $1 = package name
  node -e 'try{process.stdout.write(require(process.argv[1]+"/node_modules/"+process.argv[2]+"/package.json").version)}catch{}' "$CS_DIR" "$1"
}
VSCODE_DIR="$CS_DIR/node_modules/code-server/lib/vscode"
# Files that only exist when code-server's postinstall (and the native builds
# it triggers) really ran; the npm tarball alone does not have them.
postinstall_files() {
  printf '%s\n' \
    "$VSCODE_DIR/node_modules.asar" \
    "$VSCODE_DIR/bin/remote-cli/code-server" \
    "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" \
    "$VSCODE_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
    "$VSCODE_DIR/node_modules/node-pty/build/Release/pty.node" \
    "$VSCODE_DIR/node_modules/kerberos/build/Release/kerberos.node" \
    "$VSCODE_DIR/extensions/node_modules"
}
missing_postinstall_files() { postinstall_files | while read -r f; do [ -e "$f" ] || echo "$f"; done; }
cs_ok() {
  [ -f "$MARKER" ] &&
    [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] &&
    [ -x "$CS_DIR/node_modules/.bin/code-server" ] &&
    [ -z "$(missing_postinstall_files)" ]
}
pw_ok() { [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ]; }

mkdir -p "$CS_DIR"
# Only one installer at a time per cache folder.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$E2E_HOME/.install.lock"
  flock -w 900 9 || die "could not take the install lock $E2E_HOME/.install.lock within 15 min"
fi

# A package.json of its own so npm never walks up into another project.
if [ ! -f "$CS_DIR/package.json" ]; then
  printf '{\n  "name": "suiteauth-e2e-tools",\n  "private": true,\n  "description": "code-server and playwright-core for SuiteAuth end-to-end tests"\n}\n' >"$CS_DIR/package.json"
fi

export npm_config_unsafe_perm=true # code-server's postinstall refuses to run as root otherwise
export npm_config_yes=true         # node-pty's postinstall runs `npx node-gyp`
export npm_config_update_notifier=false
NPM_FLAGS=(--no-audit --no-fund --loglevel=warn)
# The native builds (node-gyp) must not download Node headers (no internet):
# use the local ones when npm is not already told where they are.
nodedir="$(npm config get nodedir 2>/dev/null || true)"
if { [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ "$nodedir" = "null" ]; } && [ -f /usr/include/node/node_api.h ]; then
  export npm_config_nodedir=/usr
  log "using the local Node headers (npm_config_nodedir=/usr)"
fi
# npm >= 11.1x blocks dependency install scripts unless approved ("allowScripts").
# code-server needs its own postinstall, which runs two nested `npm install`s
# (lib/vscode, lib/vscode/extensions) whose native modules (node-pty, spdlog,
# kerberos, @vscode/ripgrep, ...) need their install scripts too. A
# package.json allowScripts field would not reach those nested projects, and
# npm refuses --allow-scripts (or its env var) in project installs, so allow
# scripts for this one pinned install only. Older npm ignores the variable.
CS_INSTALL_ENV=(env npm_config_dangerously_allow_all_scripts=true)

if pw_ok; then
  log "playwright-core $PLAYWRIGHT_CORE_VERSION already installed in $CS_DIR"
else
  log "installing playwright-core@$PLAYWRIGHT_CORE_VERSION into $CS_DIR"
  (cd "$CS_DIR" && npm install "${NPM_FLAGS[@]}" "playwright-core@$PLAYWRIGHT_CORE_VERSION" </dev/null) ||
    die "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION failed"
  pw_ok || die "playwright-core $PLAYWRIGHT_CORE_VERSION is not in $CS_DIR/node_modules after npm install"
fi

if cs_ok; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  seed_ripgrep_cache
  rm -f "$MARKER"
  # A half-finished install (scripts skipped, build failed, interrupted) looks
  # "up to date" to npm, which would then not run the postinstall again.
  rm -rf "$CS_DIR/node_modules/code-server"
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about 1 minute here, up to 3-4 on slow machines; ~300 MB)"
  start=$(date +%s)
  (cd "$CS_DIR" && "${CS_INSTALL_ENV[@]}" npm install "${NPM_FLAGS[@]}" --foreground-scripts "code-server@$CODE_SERVER_VERSION" </dev/null) ||
    die "npm install code-server@$CODE_SERVER_VERSION failed (see the npm output above)"
  [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] || die "code-server $CODE_SERVER_VERSION is not in $CS_DIR/node_modules after npm install"
  missing_files="$(missing_postinstall_files)"
  [ -z "$missing_files" ] ||
    die "code-server's postinstall did not complete (install scripts skipped or a native build failed); missing: $(echo $missing_files)"
  log "code-server installed in $(($(date +%s) - start)) s"
  date -u +%FT%TZ >"$MARKER"
fi

# --- 4. smoke check ----------------------------------------------------------
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
# code-server writes a config file (with a password) and a log folder on every
# start; point it at a scratch folder so nothing lands in the real $HOME.
scratch="$(mktemp -d)"
ver="$(XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" "$CS_BIN" --config "$scratch/config.yaml" --version </dev/null 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1 || true)"
rm -rf "$scratch"
case "$ver" in
  "$CODE_SERVER_VERSION "*) log "code-server --version: $ver" ;;
  *) die "code-server --version did not report $CODE_SERVER_VERSION (got '$ver')" ;;
esac
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
log "done. code-server: $CS_BIN"
