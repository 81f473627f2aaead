#!/bin/sh
# Crash safety and concurrency: SIGKILL the indexer at random moments while
# it builds, updates and rebuilds a generated corpus; after each kill the
# index checks clean and opens; a final run yields exactly the files'
# state.  Then searchers query in a loop while indexers commit: no query
# may fail.  And a second indexer is refused while one runs.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
C="$TMP/corpus"
N=3000
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N"

# How long a full build and an update take here, to place kills in them.
elapsed_ms() {
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
cp -r "$C" "$TMP/timing-corpus"
full_ms=$(elapsed_ms "$BIN/cari-indexer" -q -d "$TMP/timing" "$TMP/timing-corpus")
python3 "$SRC/tests/cli/gen_corpus.py" "$TMP/timing-corpus" "$N" --bump 500 0
update_ms=$(elapsed_ms "$BIN/cari-indexer" -q -d "$TMP/timing" "$TMP/timing-corpus")
rm -rf "$TMP/timing" "$TMP/timing.lock" "$TMP/timing-corpus" "$TMP/versions"

# The first build is killed once, then completes; later kills hit updates
# (two runs in three) and rebuilds.
# A build that finished before the kill (a timing on a loaded machine)
# proves nothing: it is removed and killed sooner.
delay_ms=$(( full_ms > 40 ? full_ms / 2 : 20 ))
for try in 1 2 3 4 5 6; do
  "$BIN/cari-indexer" -q -d "$IDX" "$C" > /dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c "print($delay_ms / 1000.0)")"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  st=$?
  [ "$st" -eq 137 ] && break
  rm -rf "$IDX" "$IDX.lock"
  delay_ms=$(( delay_ms / 2 + 1 ))
done
check "the first build was killed while it ran" test "$st" -eq 137
check "a killed first build leaves no index behind" test ! -d "$IDX"
expect_status 0 "the first build" "$BIN/cari-indexer" -q -d "$IDX" "$C"
kills=0
i=0
while [ $kills -lt 20 ] && [ $i -lt 100 ]; do
  i=$((i + 1))
  # Change some articles between runs; every third run is a rebuild.
  python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump 500 "$i"
  flags=""
  ms=$update_ms
  if [ $((i % 3)) -eq 0 ]; then flags="--rebuild"; ms=$full_ms; fi
  "$BIN/cari-indexer" -q -d "$IDX" $flags "$C" > /dev/null 2>&1 &
  pid=$!
  delay=$(python3 -c "import random; random.seed($i); print(random.uniform(0.001, max($ms, 20) / 1000.0 * 0.6))")
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  "$BIN/cari-indexer" -d "$IDX" --check > "$TMP/check" 2>&1
  check "after run $i: --check passes" test $? -eq 0 || cat "$TMP/check" >&2
  "$BIN/cari-searcher" -d "$IDX" -n 1 tentara > /dev/null 2>&1
  check "after run $i: a searcher opens it" test $? -le 1
done
check "at least 20 runs were killed mid-way ($kills of $i)" test "$kills" -ge 20

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

# A second indexer while one runs: refused at once, or waiting for it.
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump 1500 999
"$BIN/cari-indexer" -q -d "$IDX" --rebuild "$C" > /dev/null 2>&1 &
first=$!
sleep 0.05
"$BIN/cari-indexer" -q -d "$IDX" "$C" > "$TMP/out" 2> "$TMP/err"
status=$?
if kill -0 "$first" 2>/dev/null; then
  check "second indexer refused while the first runs" test "$status" -eq 2
  check "the refusal names the index" grep -q "idx: index is being written by another process" "$TMP/err"
fi
"$BIN/cari-indexer" -q -d "$IDX" --wait 120 "$C" > /dev/null 2>&1
check "a waiting indexer runs after the first" test $? -eq 0
wait "$first"
expect_status 0 "check after all" "$BIN/cari-indexer" -d "$IDX" --check

finish
