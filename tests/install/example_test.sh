#!/bin/sh
# The in-tree example (examples/search_folder.c, linked with libcari.so):
# index corpus/, search it, re-run (nothing changed), a deleted file, no
# match, bad folder.
# Usage: example_test.sh EXAMPLE SRC
set -u
EXAMPLE=${1:?usage: example_test.sh EXAMPLE SRC}
SRC=${2:?usage: example_test.sh EXAMPLE SRC}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cari-example.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILED=0
fail() { FAILED=1; echo "FAIL: $*" >&2; }

ntxt=$(find "$SRC/corpus" -name '*.txt' -o -name '*.html' -o -name '*.htm' | wc -l)

"$EXAMPLE" "$TMP/idx" "$SRC/corpus" drone pelatihan >"$TMP/out" 2>"$TMP/err"
rc=$?
cat "$TMP/out"
[ $rc -eq 0 ] || fail "first run: exit $rc: $(cat "$TMP/err")"
grep -q "^indexed $ntxt new or changed articles" "$TMP/out" ||
  fail "first run did not index the $ntxt article files of corpus/"
grep -q '^1\. pertahanan/.*drone.* #[0-9]' "$TMP/out" ||
  fail "the best hit for 'drone pelatihan' is not a pertahanan/ drone article"
[ "$(grep -c '^[0-9]\. ' "$TMP/out")" -eq 5 ] || fail "not 5 hits"

# Again: every file unchanged, the same hits.
"$EXAMPLE" "$TMP/idx" "$SRC/corpus" drone pelatihan >"$TMP/out2" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || fail "second run: exit $rc: $(cat "$TMP/err")"
grep -q '^indexed 0 new or changed articles' "$TMP/out2" ||
  fail "second run re-indexed unchanged files"
[ "$(tail -n +2 "$TMP/out")" = "$(tail -n +2 "$TMP/out2")" ] ||
  fail "second run gave other hits"

# A file deleted since: its article is removed.
cp -r "$SRC/corpus" "$TMP/c"
"$EXAMPLE" "$TMP/idx3" "$TMP/c" drone >/dev/null 2>&1 || fail "copy: first run"
rm "$(find "$TMP/c" -name '*.txt' | sort | head -n 1)"
"$EXAMPLE" "$TMP/idx3" "$TMP/c" drone >"$TMP/out3" 2>"$TMP/err"
grep -q '^indexed 0 new or changed articles from .*, removed 1$' "$TMP/out3" ||
  fail "a deleted file's article was not removed: $(head -n 1 "$TMP/out3")"

"$EXAMPLE" "$TMP/idx" "$SRC/corpus" qwzxv >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] || fail "no match: exit $rc, wanted 1"

"$EXAMPLE" "$TMP/idx2" "$TMP/no-such-folder" drone >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] || fail "missing folder: exit $rc, wanted 2"
grep -q 'no-such-folder' "$TMP/err" || fail "missing folder: message does not name it"
[ ! -e "$TMP/idx2" ] || fail "missing folder: an index was left behind"

[ $FAILED -eq 0 ] && echo "example: ok"
exit $FAILED
