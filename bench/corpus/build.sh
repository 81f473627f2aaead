#!/bin/sh
# build.sh: makes the benchmark's base text, CACHE/base.txt: real Indonesian
# prose paragraphs, one per line, from Debian's Indonesian documentation.
#
#   bench/corpus/build.sh CACHE TEXTIFY
#
# CACHE is a directory outside the repository; TEXTIFY the built textify
# tool.  The packages are fetched with `apt-get download` (nothing is
# installed) into CACHE/debs and kept: a second run needs no network.
# Each is unpacked with dpkg-deb -x, its Indonesian HTML, DocBook, Mallard
# and man pages are stripped to paragraphs (textify), English and code are
# filtered out and duplicates dropped (indonesian.awk).  CACHE/base.sources
# lists the package files used, so a results table can name them.
# A package that cannot be fetched is skipped with a warning; no package at
# all is an error (exit 2).
set -eu

if [ $# -ne 2 ]; then
  echo "usage: build.sh CACHE TEXTIFY" >&2
  exit 2
fi
cache=$1
textify=$2
here=$(cd "$(dirname "$0")" && pwd)
packages="libreoffice-help-id debian-reference-id debian-handbook gnome-user-docs manpages-id kicad-doc-id"

mkdir -p "$cache/debs"
for p in $packages; do
  if ! ls "$cache/debs/${p}_"*.deb >/dev/null 2>&1; then
    echo "build.sh: fetching $p" >&2
    (cd "$cache/debs" && apt-get download -q "$p" >/dev/null 2>&1) ||
      echo "build.sh: warning: could not fetch $p (apt-get update first?), skipped" >&2
  fi
done
if ! ls "$cache/debs/"*.deb >/dev/null 2>&1; then
  echo "build.sh: no package could be fetched into $cache/debs" >&2
  exit 2
fi

tree=$cache/tree
rm -rf "$tree"
mkdir -p "$tree"
for deb in "$cache/debs/"*.deb; do
  dpkg-deb -x "$deb" "$tree"
done
(cd "$cache/debs" && ls -1 ./*.deb | sed 's|^\./||') > "$cache/base.sources"

raw=$cache/raw.txt
(
  cd "$tree"
  # HTML and Mallard pages of the Indonesian translations, in a fixed order.
  for d in usr/share/libreoffice/help/id usr/share/doc/kicad/help/id \
           usr/share/doc/debian-handbook/html/id-ID usr/share/help/id; do
    [ -d "$d" ] || continue
    find "$d" -type f \( -name '*.html' -o -name '*.page' \) | LC_ALL=C sort |
      xargs -r "$textify"
  done
  for f in usr/share/debian-reference/*.id.html; do
    [ -f "$f" ] && "$textify" "$f"
  done
  if [ -d usr/share/man/id ]; then
    find usr/share/man/id -type f -name '*.gz' | LC_ALL=C sort | while read -r f; do
      gzip -dc "$f" | "$textify" --man
    done
  fi
) > "$raw"

awk -f "$here/indonesian.awk" "$raw" > "$cache/base.txt.tmp"
mv "$cache/base.txt.tmp" "$cache/base.txt"
rm -rf "$tree" "$raw"
echo "build.sh: $(wc -l < "$cache/base.txt") paragraphs, $(wc -c < "$cache/base.txt") bytes in $cache/base.txt" >&2
