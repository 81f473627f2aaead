#!/bin/sh
# Crash safety and concurrency.  The indexer is killed at chosen steps of
# its work (CARI_TEST_KILL_AT, killpoints.sh) while it builds, updates,
# rebuilds and compacts a generated corpus: at the first, a middle and the
# last article, at a build segment, and at every stage of each commit in
# turn.  After each kill the index is as its last commit left it (a
# change wholly or not at all), checks clean and opens; a final run
# yields exactly the files' state.  A few kills at random times follow,
# their count only reported.  Then searchers query in a loop while
# indexers commit: no query may fail.  And a second indexer is refused
# while one runs (held at a step by CARI_TEST_STOP_AT).
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/cli/killpoints.sh"
IDX="$TMP/idx"
C="$TMP/corpus"
N=3000
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N"
# Build segments of 1,000 passages on two workers: a build writes several.
export CARI_SEGMENT_PASSAGES=1000 CARI_THREADS=2

# The first build, killed at each point: no index, or (killed after it
# was swapped in) the whole of it.
first_build_sound() {
  if [ -e "$IDX" ]; then
    "$BIN/cari-indexer" -d "$IDX" --check > "$TMP/check" 2>&1
    check "$1: --check passes" test $? -eq 0 || cat "$TMP/check" >&2
    "$BIN/cari-indexer" -d "$IDX" --list | wc -l > "$TMP/count"
    check "$1: the index it left holds every article" test "$(cat "$TMP/count")" -eq "$N"
    rm -rf "$IDX"
  else
    pass
  fi
}
for spec in article:1 article:1500 article:3000 segment:1 segment:3; do
  CARI_TEST_KILL_AT=$spec "$BIN/cari-indexer" -q -d "$IDX" "$C" > /dev/null 2>&1
  check "first build: killed at $spec" test $? -eq 137
  check "first build killed at $spec: no index left behind" test ! -e "$IDX"
done
k=1
while [ $k -le 10 ]; do
  CARI_TEST_KILL_AT=commit:$k "$BIN/cari-indexer" -q -d "$IDX" "$C" > /dev/null 2>&1
  st=$?
  [ "$st" -eq 137 ] || break
  first_build_sound "first build killed at commit:$k"
  k=$((k + 1))
done
check "first build: killed at each of its $((k - 1)) commit stages, then completed (exit $st)" \
  test "$st" -eq 0 -a "$k" -gt 2
check "no build left beside the index" sh -c "! ls -d \"$IDX\".new-* 2>/dev/null"

# Updates, a rebuild and a compaction, each killed at every point.
bump 500 1
for spec in article:1 article:1500 article:3000; do
  kill_at "$spec" "update" "$C"
done
kill_commits "update" "$C"
bump 500 2
for spec in article:1 article:3000 segment:1; do
  kill_at "$spec" "rebuild" --rebuild "$C"
done
kill_commits "rebuild" --rebuild "$C"
bump 500 3
kill_at article:2999 "update before a compaction" --compact "$C"
kill_commits "update and compaction" --compact "$C"
check "no build left beside the index" sh -c "! ls -d \"$IDX\".new-* 2>/dev/null"

# Kills at random times: wherever they land the index must be sound.
random_kills 500 6 1.0 3

# The final run completes the work: exactly the files' state.
expect_status 0 "final run" "$BIN/cari-indexer" -d "$IDX" "$C"
expect_status 0 "final check" "$BIN/cari-indexer" -d "$IDX" --check
"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | sort > "$TMP/listed"
(cd "$C" && find . -name '*.txt' | sed 's|^\./||' | sort) > "$TMP/files"
check "the index lists exactly the files" cmp -s "$TMP/listed" "$TMP/files"
check "every article has its 3 passages" sh -c "! \"$BIN/cari-indexer\" -d \"$IDX\" --list | grep -qv '	3\$'"

# Every article findable by its current unique word, exactly once; the
# words of old versions are gone.  Queried 250 words at a time: each query
# must return exactly the 250 articles (the word is in one passage each).
python3 - "$TMP/versions" "$TMP/chunks" <<'PY'
import os, sys
state, out = sys.argv[1], sys.argv[2]
versions = {}
if os.path.exists(state):
    for line in open(state):
        k, v = line.split()
        versions[int(k)] = int(v)
os.makedirs(out)
ks = list(range(3000))
for c in range(0, 3000, 250):
    part = ks[c:c + 250]
    with open("%s/%04d.query" % (out, c), "w") as f:
        f.write(" ".join("kode%05dv%d" % (k, versions.get(k, 0)) for k in part))
    with open("%s/%04d.want" % (out, c), "w") as f:
        f.write("".join(sorted("bagian%02d/artikel-%05d.txt\n" % (k % 17, k) for k in part)))
    old = [k for k in part if versions.get(k, 0)]
    with open("%s/%04d.old" % (out, c), "w") as f:
        f.write(" ".join("kode%05dv%d" % (k, versions[k] - 1) for k in old) or "kodetidakada")
PY
bad=0
for q in "$TMP"/chunks/*.query; do
  base=${q%.query}
  "$BIN/cari-searcher" -d "$IDX" --json -n 1000 "$(cat "$q")" 2>/dev/null |
    grep '^{"type":"hit"' | sed 's/.*"article":"\([^"]*\)".*/\1/' | sort > "$base.got"
  cmp -s "$base.got" "$base.want" || { bad=$((bad + 1)); echo "chunk $base differs" >&2; }
  "$BIN/cari-searcher" -d "$IDX" "$(cat "$base.old")" > /dev/null 2>&1
  [ $? -eq 1 ] || { bad=$((bad + 1)); echo "chunk $base: old words still found" >&2; }
done
check "every article found by its word exactly once, old words gone" test "$bad" -eq 0

# Searchers in a loop while indexers commit updates and a rebuild.
( fails=0; q=0
  while [ ! -f "$TMP/stop" ]; do
    "$BIN/cari-searcher" -d "$IDX" -n 3 tentara drone > /dev/null 2>> "$TMP/search-errors"
    [ $? -le 1 ] || fails=$((fails + 1))
    q=$((q + 1))
  done
  echo "$q $fails" > "$TMP/search-result" ) &
reader=$!
j=0
while [ $j -lt 6 ]; do
  j=$((j + 1))
  python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump 300 $((100 + j))
  flags=""
  [ $j -eq 3 ] && flags="--rebuild"
  "$BIN/cari-indexer" -q -d "$IDX" --wait 60 $flags "$C" > /dev/null 2>&1
  check "update $j under load" test $? -eq 0
done
touch "$TMP/stop"
wait "$reader"
read -r queries fails < "$TMP/search-result"
check "searchers ran during the updates" test "$queries" -gt 0
check "no query failed during the updates ($fails of $queries)" test "$fails" -eq 0
[ "$fails" -eq 0 ] || head -3 "$TMP/search-errors" >&2

# A second indexer while one runs: held stopped at its first article
# (CARI_TEST_STOP_AT), the first holds the lock; a second is refused at
# once, and one that waits runs once the first goes on and finishes.
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump 1500 999
CARI_TEST_STOP_AT=article:1 "$BIN/cari-indexer" -q -d "$IDX" --rebuild "$C" > /dev/null 2>&1 &
first=$!
# Wait until it has stopped itself (or ended, which fails below).
while kill -0 "$first" 2>/dev/null &&
      [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$first/stat" 2>/dev/null)" != T ]; do
  sleep 0.05
done
check "the first indexer holds at its first article" \
  test "$(sed 's/.*) \(.\).*/\1/' "/proc/$first/stat" 2>/dev/null)" = T
"$BIN/cari-indexer" -q -d "$IDX" "$C" > "$TMP/out" 2> "$TMP/err"
check "second indexer refused while the first runs" test $? -eq 2
check "the refusal names the index" grep -q "idx: index is being written by another process" "$TMP/err"
"$BIN/cari-indexer" -q -d "$IDX" --wait 600 "$C" > /dev/null 2>&1 &
waiting=$!
kill -CONT "$first"
wait "$first"
check "the first indexer finishes" test $? -eq 0
wait "$waiting"
check "a waiting indexer runs after the first" test $? -eq 0
expect_status 0 "check after all" "$BIN/cari-indexer" -d "$IDX" --check

finish
