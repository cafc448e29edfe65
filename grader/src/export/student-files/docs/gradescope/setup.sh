#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder: it
# installs Node (the major version in .nvmrc) and exactly the packages in
# package-lock.json, in /autograder/source, where the autograder zip was
# unpacked (the student repository itself).
set -euo pipefail
cd /autograder/source

node_major="$(cut -d. -f1 < .nvmrc | tr -d '[:space:]v')"
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl
curl -fsSL "https://deb.nodesource.com/setup_${node_major}.x" -o /tmp/nodesource_setup.sh
bash /tmp/nodesource_setup.sh
apt-get install -y --no-install-recommends nodejs
node --version

npm ci --no-audit --no-fund
