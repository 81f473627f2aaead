#!/bin/sh
# Installs the Debian packages cari needs that are missing, saying which.
# Runs apt-get through sudo when not root.  Safe to run again.
# Usage: setup.sh [--bench]
set -eu

PACKAGES="build-essential cmake pkg-config libxapian-dev xapian-tools \
libstemmer-dev libutf8proc-dev libjansson-dev libxml2-dev libcriterion-dev hunspell-id \
sqlite3 libsqlite3-dev python3 python3-dev python3-pytest libjemalloc-dev \
time scdoc libxgboost-dev"
# --bench also installs the benchmark's Lucene peer (bench/README.md): a JDK
# is large, and bench/run.sh leaves Lucene out without it.
if [ "${1:-}" = "--bench" ]; then
  PACKAGES="$PACKAGES default-jdk-headless liblucene4.10-java"
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "setup: all Debian packages present"
  exit 0
fi

echo "setup: installing missing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
