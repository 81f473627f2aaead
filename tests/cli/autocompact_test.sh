#!/bin/sh
# Automatic compaction (issue 19): an update whose files grow past
# $CARI_AUTOCOMPACT percent (default 10) of the size noted at the last
# compaction is compacted by the commit itself, with the same results;
# CARI_AUTOCOMPACT=0 turns it off; a compaction that fails (a full disk)
# leaves the committed update in place.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
C="$TMP/corpus"
cp -r "$SRC/corpus" "$C"
rm -f "$C/README.md"
note="$IDX/cari.compacted-bytes"
bytes() { find "$1" -maxdepth 1 -type f ! -name cari.compacted-bytes -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
# change N: appends a sentence to every article (a new N each time).
change() {
  for f in "$C"/*/*.txt; do
    printf '\nPembaruan %s tentang kapal, drone dan beras.\n' "$1" >> "$f"
  done
}
queries() {
  for q in drone 'kapal selam' '"drone serang"' 'latih*' 'judul:beras' pembaruan; do
    "$BIN/cari-searcher" -d "$IDX" --json -n 50 "$q"
  done
}

expect_status 0 "fresh build" "$BIN/cari-indexer" -q -d "$IDX" "$C"
fresh=$(bytes "$IDX")
check "a fresh build notes its size" test "$(cat "$note")" = "$fresh"

# Off: the update grows the files past the threshold.
change 1
CARI_AUTOCOMPACT=0 "$BIN/cari-indexer" -q -d "$IDX" "$C" || fail "update with CARI_AUTOCOMPACT=0"
grown=$(bytes "$IDX")
check "CARI_AUTOCOMPACT=0: the files grow ($fresh -> $grown bytes)" \
  test $((grown * 100)) -gt $((fresh * 110))
check "CARI_AUTOCOMPACT=0: the note stays" test "$(cat "$note")" = "$fresh"
queries > "$TMP/grown"

# On (the default): a commit that finds the files grown compacts them.
expect_status 0 "update that compacts" "$BIN/cari-indexer" -d "$IDX" "$C"
check "nothing changed" grep -q ": 0 added, 0 changed, .* 0 removed" "$TMP/out"
after=$(bytes "$IDX")
check "compacted: $grown -> $after bytes, within 10% of the note" \
  test $((after * 100)) -le $(($(cat "$note") * 110))
check "compacted: smaller than grown" test "$after" -lt "$grown"
check "the note is the new size" test "$(cat "$note")" = "$after"
queries > "$TMP/after"
untime "$TMP/grown" "$TMP/after"
check "compaction keeps the results" cmp -s "$TMP/grown" "$TMP/after"
check "no build folders left" test -z "$(ls -d "$IDX".new-* 2>/dev/null)"
expect_status 0 "check after the compaction" "$BIN/cari-indexer" -d "$IDX" --check

# Changed again, in one run: updated and compacted together.
change 2
expect_status 0 "update and compaction in one run" "$BIN/cari-indexer" -d "$IDX" "$C"
check "the articles changed" grep -q ": 0 added, [1-9][0-9]* changed" "$TMP/out"
check "within 10% of the note after the update" \
  test $(($(bytes "$IDX") * 100)) -le $(($(cat "$note") * 110))
expect_status 0 "the update is searchable" "$BIN/cari-searcher" -d "$IDX" '"pembaruan 2"'

# A full disk while compacting: the update is committed, the run says so.
change 3
if [ -z "${CARI_SANITIZED:-}" ]; then
  (trap '' XFSZ; ulimit -f 256; "$BIN/cari-indexer" -d "$IDX" "$C") > "$TMP/out" 2> "$TMP/err"
  st=$?
  if grep -q "automatic compaction" "$TMP/err"; then
    check "full disk: exit 2" test "$st" -eq 2
    check "full disk: says the update is committed" grep -q "the update is committed" "$TMP/err"
  else
    check "full disk: the update itself failed cleanly or passed" test "$st" -le 2
  fi
  check "full disk: no build folders left" test -z "$(ls -d "$IDX".new-* 2>/dev/null)"
  expect_status 0 "full disk: check passes" "$BIN/cari-indexer" -d "$IDX" --check
  "$BIN/cari-indexer" -q -d "$IDX" "$C" || fail "full disk: a later run completes"
  expect_status 0 "full disk: the update is searchable" "$BIN/cari-searcher" -d "$IDX" '"pembaruan 3"'
fi

# An index without a note (made before notes) gets one; none is compacted.
rm -f "$note"
"$BIN/cari-indexer" -q -d "$IDX" "$C" || fail "run on an index without a note"
check "a note is written when missing" test -s "$note"

# A malformed note is taken as none: the run works and writes a good one.
echo "kacau" > "$note"
expect_status 0 "a malformed note" "$BIN/cari-indexer" -q -d "$IDX" "$C"
check "a malformed note is replaced" grep -q '^[0-9][0-9]*$' "$note"

finish
