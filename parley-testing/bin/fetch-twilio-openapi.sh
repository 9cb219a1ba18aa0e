#!/usr/bin/env bash
# Puts Twilio's published OpenAPI descriptions (MIT) where parley-testing's build packs them as resources:
#   fetch-twilio-openapi.sh VERSION SHA512 OUTPUT_DIR
# They come from one pinned release of Twilio's CLI core package (@twilio/cli-core), taken with npm by package
# name, checked against the pinned SHA-512 and cached under ~/.cache/parley, so later builds need no network.
set -euo pipefail

version=$1 sha512=$2 out=$3
cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/parley/twilio-cli-core"
tarball="$cache/twilio-cli-core-$version.tgz"
files=(LICENSE src/services/twilio-api/twilio_api_v2010.json src/services/twilio-api/twilio_conversations_v1.json
       src/services/twilio-api/twilio_messaging_v1.json src/services/twilio-api/twilio_content_v1.json)

digest() { sha512sum "$1" | cut -d' ' -f1; }

if [[ ! -f $tarball ]] || [[ $(digest "$tarball") != "$sha512" ]]; then
    command -v npm >/dev/null 2>&1 || {
        echo "npm is needed once to fetch @twilio/cli-core@$version (Twilio's OpenAPI descriptions for the tests)." >&2
        echo "Install Node.js and npm (Debian: apt-get install npm), or put the package's tarball at $tarball." >&2
        exit 1
    }
    mkdir -p "$cache"
    work=$(mktemp -d "$cache/.fetch.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    echo "Fetching Twilio's OpenAPI descriptions: npm pack @twilio/cli-core@$version"
    (cd "$work" && npm pack --silent "@twilio/cli-core@$version" >/dev/null)
    packed=("$work"/*.tgz)
    actual=$(digest "${packed[0]}")
    if [[ $actual != "$sha512" ]]; then
        echo "@twilio/cli-core@$version has SHA-512 $actual, expected $sha512: refusing it." >&2
        exit 1
    fi
    mv "${packed[0]}" "$tarball"
fi

mkdir -p "$out"
tmp=$(mktemp -d)
tar -xzf "$tarball" -C "$tmp" "${files[@]/#/package/}"
for f in "${files[@]}"; do
    cp "$tmp/package/$f" "$out/"
done
rm -rf "$tmp"
