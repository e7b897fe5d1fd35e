#!/usr/bin/env bash
# Installs the Debian packages that the WordPress launcher and the browser tests need: PHP with the
# extensions WordPress uses, MariaDB and Chromium. Installs only what is missing, so it costs a
# fraction of a second on a machine that has them all. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(php-cli php-mysql php-xml php-mbstring php-curl php-gd php-zip php-intl mariadb-server chromium)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "all present: ${packages[*]}"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "missing packages (${missing[*]}) and not root: install them as root" >&2; exit 1; }
  sudo=(sudo)
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run to finish instead of failing on its lock.
apt_options=(-o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Quiet on success; the whole apt output on failure.
if ! { "${sudo[@]}" apt-get "${apt_options[@]}" -qq update &&
  "${sudo[@]}" apt-get "${apt_options[@]}" -qq -y --no-install-recommends install "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "apt-get failed installing: ${missing[*]}" >&2
  exit 1
fi
echo "installed: ${missing[*]}"
