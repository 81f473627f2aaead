#!/bin/sh
# Holes a hostile test found (issue 20), each with the case that showed it:
# the lock file, leftovers of failed runs, ...
. "$(dirname "$0")/lib.sh"
C="$TMP/c"
mkdir -p "$C"
printf 'Banjir di kota\n\nBanjir merendam kota pada pagi hari.\n' > "$C/a.txt"

# The lock file is never written through a link, and never left behind.
IDX="$TMP/idx"
echo "precious" > "$TMP/victim"
ln -s "$TMP/victim" "$IDX.lock"
expect_status 2 "a symlinked lock file is refused" "$BIN/cari-indexer" -d "$IDX" "$C"
check "the refusal names the lock file" grep -q "idx.lock: a symbolic link; refusing" "$TMP/err"
check "the symlink's target is untouched" grep -qx precious "$TMP/victim"
rm "$IDX.lock"
ln "$TMP/victim" "$IDX.lock"
expect_status 2 "a hard-linked lock file is refused" "$BIN/cari-indexer" -d "$IDX" "$C"
check "the hard link's file is untouched" grep -qx precious "$TMP/victim"
rm "$IDX.lock"
mkfifo "$IDX.lock"
expect_status 2 "a fifo as lock file is refused" "$BIN/cari-indexer" -d "$IDX" "$C"
rm "$IDX.lock"
expect_status 0 "a build" "$BIN/cari-indexer" -d "$IDX" "$C"
check "a finished run removes its lock file" test ! -e "$IDX.lock"
expect_status 2 "a failed run (nothing to index)" "$BIN/cari-indexer" -d "$IDX" "$TMP/missing"
check "a failed run removes its lock file" test ! -e "$IDX.lock"
expect_status 2 "a failed first build" "$BIN/cari-indexer" -d "$TMP/new" "$TMP/missing"
check "a failed first build leaves no index and no lock" \
  test ! -e "$TMP/new" -a ! -e "$TMP/new.lock"

finish
