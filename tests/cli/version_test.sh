#!/bin/sh
# --version of every program: the version in cari.h, the index format of
# core/signature.h, the stemmer cari-stemmer --signature names, and the Xapian
# pkg-config reports; a failed write of it or of --help is an error.
. "$(dirname "$0")/lib.sh"

ver=$(sed -n 's/^#define CARI_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\).*/\2/p' "$SRC/include/cari.h" | paste -sd.)
format=$(sed -n 's/^#define CARI_FORMAT_VERSION "\([0-9]*\)"/\1/p' "$SRC/core/signature.h")
sig=$("$BIN/cari-stemmer" --signature)
xapian=$(pkg-config --modversion xapian-core)
check "cari.h has a version" test -n "$ver"

for p in cari-indexer cari-searcher cari-stemmer; do
  expect_status 0 "$p --version" "$BIN/$p" --version
  printf '%s %s\nindex format: %s\nstemmer: %s\nXapian: %s\n' \
    "$p" "$ver" "$format" "$sig" "$xapian" > "$TMP/want"
  check "$p --version: version, format, stemmer, Xapian" cmp -s "$TMP/want" "$TMP/out"
  check "$p --version: nothing on stderr" test ! -s "$TMP/err"
  if [ -w /dev/full ]; then
    expect_status 2 "$p --version to a full disk" sh -c "'$BIN/$p' --version > /dev/full"
    check "$p --version to a full disk: one line naming the program" \
      sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q '^$p: ' '$TMP/err'"
  fi
  check "$p --help names --version" sh -c "'$BIN/$p' --help | grep -q -- --version"
  if [ -w /dev/full ]; then
    expect_status 2 "$p --help to a full disk" sh -c "'$BIN/$p' --help > /dev/full"
    check "$p --help to a full disk: one line naming the program" \
      sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q '^$p: error writing stdout' '$TMP/err'"
  fi
done

finish
