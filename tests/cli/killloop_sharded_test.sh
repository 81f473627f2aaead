#!/bin/sh
# Crash safety of a sharded index: SIGKILL cari-indexer at random moments
# while it updates and rebuilds a generated corpus in 3 shards.  Each run
# rewrites 200 articles spread over every shard; a commit must show all of
# a run's changes or none.  After each kill the index checks clean, a
# searcher finds the run's new words in either none or all of its
# articles (never some: that would be shards from two runs), and a final
# run yields exactly the files' state.  The assertions hold wherever a kill
# lands; how many kills land mid-run is only reported.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
C="$TMP/corpus"
N=1000
BUMP=200
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N"
expect_status 0 "the first sharded build" "$BIN/cari-indexer" -q -d "$IDX" --shards 3 "$C"
check "three shards in the manifest" test "$(sed -n 1p "$IDX/cari-manifest")" = "generation 1"

start=$(date +%s%N)
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump "$BUMP" 0
"$BIN/cari-indexer" -q -d "$IDX" "$C" > /dev/null 2>&1
update_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# words.py OLD NEW: the query words of the articles whose version differs
# between the version files OLD and NEW, at their new and old versions.
cat > "$TMP/words.py" <<'PY'
import sys
def load(p):
    v = {}
    try:
        for line in open(p):
            k, x = line.split()
            v[int(k)] = int(x)
    except FileNotFoundError:
        pass
    return v
old, new = load(sys.argv[1]), load(sys.argv[2])
changed = [k for k in new if new[k] != old.get(k, 0)]
open(sys.argv[3], "w").write(" ".join("kode%05dv%d" % (k, new[k]) for k in changed))
open(sys.argv[4], "w").write(" ".join("kode%05dv%d" % (k, old.get(k, 0)) for k in changed))
print(len(changed))
PY
found() {
  "$BIN/cari-searcher" -d "$IDX" --json -n 1000 "$(cat "$1")" 2>/dev/null | grep -c '"type":"hit"'
}

landed=0
i=0
while [ $i -lt 10 ]; do
  i=$((i + 1))
  cp "$TMP/versions" "$TMP/versions.before" 2>/dev/null || : > "$TMP/versions.before"
  python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N" --bump "$BUMP" "$i"
  n=$(python3 "$TMP/words.py" "$TMP/versions.before" "$TMP/versions" "$TMP/new" "$TMP/old")
  flags=""
  [ $((i % 4)) -eq 0 ] && flags="--rebuild"
  "$BIN/cari-indexer" -q -d "$IDX" $flags "$C" > /dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random; random.seed($i); print(random.uniform(0.001, max($update_ms, 20) / 1000.0 * 0.5))")"
  kill -9 "$pid" 2>/dev/null && landed=$((landed + 1))
  wait "$pid" 2>/dev/null
  "$BIN/cari-indexer" -d "$IDX" --check > "$TMP/check" 2>&1
  check "after run $i: --check passes" test $? -eq 0 || cat "$TMP/check" >&2
  new=$(found "$TMP/new")
  old=$(found "$TMP/old")
  check "after run $i: all $n changes or none ($new new, $old old)" \
    sh -c "[ $new -eq 0 -a $old -eq $n ] || [ $new -eq $n -a $old -eq 0 ]"
  # The next run must see this run's changes as still to do, or done.
  "$BIN/cari-indexer" -q -d "$IDX" "$C" > /dev/null 2>&1
  check "after run $i: an update completes" test $? -eq 0
done
echo "kills that landed while the indexer ran: $landed of $i"
check "no leftover shard folders" test "$(ls -d "$IDX"/shard-* | wc -l)" -eq 3

"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | sort > "$TMP/listed"
(cd "$C" && find . -name '*.txt' | sed 's|^\./||' | sort) > "$TMP/files"
check "the index lists exactly the files" cmp -s "$TMP/listed" "$TMP/files"
finish
