#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: Debian's chromium for the GraphiQL browser
# test, and the pinned npm packages the API embeds. Idempotent: each step is skipped when already done.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get update
    apt_updated=1
  fi
  $sudo_cmd apt-get install -y --no-install-recommends "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# Same install and stamp as the InstallGraphiQLAssets target in api/AttendanceGraph.Api.csproj,
# so a build after this script does not reinstall.
graphiql_dir="$repo_root/api/GraphiQL"
stamp="$graphiql_dir/node_modules/.npm-ci.stamp"
if [ ! -f "$stamp" ] || [ "$graphiql_dir/package-lock.json" -nt "$stamp" ]; then
  (cd "$graphiql_dir" && npm ci --ignore-scripts --no-audit --no-fund)
  touch "$stamp"
fi

# The dashboard's GOV.UK Frontend and Chart.js, and axe-core for its accessibility tests: the same install and
# stamp as the InstallDashboardAssets target.
dashboard_dir="$repo_root/api/Dashboard/Assets"
stamp="$dashboard_dir/node_modules/.npm-ci.stamp"
if [ ! -f "$stamp" ] || [ "$dashboard_dir/package-lock.json" -nt "$stamp" ]; then
  (cd "$dashboard_dir" && npm ci --ignore-scripts --no-audit --no-fund)
  touch "$stamp"
fi

echo "test dependencies ready: $(/usr/bin/chromium --version 2>/dev/null), npm $(npm --version 2>/dev/null)"
