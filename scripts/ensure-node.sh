#!/usr/bin/env bash
# Source this file:  . scripts/ensure-node.sh
# Leaves a working npm and a Node.js >= 22.12 first on PATH.
# The machines here ship Node 20; vitest 5 and msw 3 need Node 22.12+.
# Node 24 comes from the npm registry package `node` (a binary shipped in a
# registry package), installed once into $NODE24_PREFIX and reused.

NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.cache/node24}"

_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

# 1. npm itself: a failed self-upgrade can leave no `npm` on PATH, or one that
#    cannot start. The old copy then sits in a hidden `.npm-*` folder beside it.
if ! npm --version >/dev/null 2>&1; then
  _gmods="$(dirname "$(readlink -f "$(command -v node)")")/../lib/node_modules"
  _old="$(ls -d "$_gmods"/.npm-* 2>/dev/null | head -n1)"
  if [ -n "$_old" ] && [ -f "$_old/bin/npm-cli.js" ]; then
    echo "ensure-node: npm is broken; repairing it from $_old" >&2
    rm -rf "$HOME/.cache/npm-rescue" && cp -a "$_old" "$HOME/.cache/npm-rescue"
    rm -rf "$_gmods/npm"
    node "$HOME/.cache/npm-rescue/bin/npm-cli.js" install -g --no-audit --no-fund npm@11 >&2 || true
    hash -r
  fi
  npm --version >/dev/null 2>&1 || { echo "ensure-node: no working npm on this machine" >&2; return 1 2>/dev/null || exit 1; }
fi

# 2. Node >= 22.12.
if ! _node_ok; then
  if [ ! -x "$NODE24_PREFIX/node_modules/.bin/node" ]; then
    echo "ensure-node: installing Node 24 into $NODE24_PREFIX" >&2
    mkdir -p "$NODE24_PREFIX"
    npm install --prefix "$NODE24_PREFIX" --no-audit --no-fund --loglevel=error node@24 >&2 \
      || { echo "ensure-node: could not install node@24" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$NODE24_PREFIX/node_modules/.bin:$PATH"
  hash -r
fi
_node_ok || { echo "ensure-node: still no Node >= 22.12 on PATH" >&2; return 1 2>/dev/null || exit 1; }
echo "ensure-node: node $(node --version), npm $(npm --version)" >&2
