#!/usr/bin/env bash
# Installs the offline VS Code host used by `npm test` and `npm start`:
# code-server 4.100.3 (VS Code 1.100.3, the last that runs on node 20) into a
# cache folder outside the clone, plus Debian's Chromium and CJK fonts.
# Idempotent: a finished install leaves a marker and is reused.
# Recipe and reasons: see ARCHITECTURE.md ("Platform facts": a real VS Code, offline).
set -euo pipefail

VERSION="${POLICY_LENS_CODE_SERVER_VERSION:-4.100.3}"
CACHE="${POLICY_LENS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/policy-lens}"
DIR="$CACHE/code-server-$VERSION"
export npm_config_yes=true
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

say() { echo "[install-host] $*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need_apt+=(fonts-noto-cjk)
command -v parallel >/dev/null 2>&1 || need_apt+=(parallel) # GNU parallel: the README's corpus example, run by test/unit/cliCorpus.test.ts
[ -f "$DIR/.done" ] || dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "apt-get install ${need_apt[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2
  else
    echo "policy-lens: missing system packages: ${need_apt[*]}. Install them (e.g. sudo apt-get install ${need_apt[*]}) and run again." >&2
    exit 3
  fi
fi

if [ -f "$DIR/.done" ]; then
  echo "$DIR"
  exit 0
fi

say "installing code-server $VERSION into $DIR (one time, about 1-2 minutes)"
rm -rf "$DIR.tmp"
mkdir -p "$DIR.tmp"
cd "$DIR.tmp"
echo '{"name":"policy-lens-host","private":true}' > package.json
# npm >= 11 skips dependency install scripts not approved in package.json
# (allowScripts); approve them in these throw-away host folders. Older npm
# has no `install-scripts` command and runs them anyway.
approve_all() { npm install-scripts approve --all >/dev/null 2>&1 || true; }
npm install --no-save --ignore-scripts "code-server@$VERSION" "@vscode/ripgrep-linux-x64@1.18.0" >&2
approve_all
npm rebuild argon2 >&2
(
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts >&2
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp ../../../@vscode/ripgrep-linux-x64/bin/rg node_modules/@vscode/ripgrep/bin/
  approve_all
  npm rebuild >&2
)
npm_config_unsafe_perm=true npm rebuild code-server >&2
cd "$CACHE"
rm -rf "$DIR"
mv "$DIR.tmp" "$DIR"
touch "$DIR/.done"
say "done"
echo "$DIR"
