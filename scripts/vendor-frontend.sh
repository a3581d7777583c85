#!/usr/bin/env bash
# Copies the front-end libraries pinned in package.json into static/vendor/,
# each with its licence, so the app never needs npm (or a CDN) at run time.
# Run it after changing a version in package.json, then commit static/vendor/.
set -euo pipefail

cd "$(dirname "$0")/.."
npm ci --ignore-scripts --no-audit --no-fund

vendor=static/vendor
versions="$vendor/VERSIONS.txt"

# vendor_package NPM_NAME TARGET_DIR FILE...: copies FILEs (paths inside the
# npm package) into static/vendor/TARGET_DIR/ and records the package in
# VERSIONS.txt. A FILE written as "source:target" is renamed on the way.
vendor_package() {
  local package=$1 target=$2
  shift 2
  local source_dir="node_modules/$package"
  rm -rf "${vendor:?}/$target"
  mkdir -p "$vendor/$target"
  for file in "$@"; do
    cp "$source_dir/${file%%:*}" "$vendor/$target/$(basename "${file#*:}")"
  done
  node -e '
    const p = require(process.argv[1]);
    console.log([p.name, p.version, p.license, process.argv[2]].join("\t"));
  ' "./$source_dir/package.json" "$vendor/$target/" >>"$versions"
}

mkdir -p "$vendor"
printf 'name\tversion\tlicence\tdirectory\n' >"$versions"

# The package ships its bundle unminified only; whitenoise compresses it.
vendor_package @utrecht/component-library-css utrecht \
  dist/index.css:component-library.css LICENSE.md
vendor_package sortablejs sortable \
  Sortable.min.js LICENSE
vendor_package axe-core axe \
  axe.min.js LICENSE LICENSE-3RD-PARTY.txt

echo "Vendored into $vendor/:"
cat "$versions"
