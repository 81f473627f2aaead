#!/bin/sh
# Crash safety of a sharded index: cari-indexer is killed at chosen steps
# (CARI_TEST_KILL_AT, killpoints.sh) while it updates, rebuilds and
# compacts a generated corpus in 3 shards: at articles, at a build
# segment, and at every stage of each commit in turn (each shard's
# commit, each made durable, the manifest's swap).  Each run rewrites 200
# articles spread over every shard; a commit must show all of a run's
# changes or none.  After each kill the index checks clean and a searcher
# finds the run's new words in either none or all of its articles (never
# some: that would be shards from two runs).  Kills at random times
# follow, how many land mid-run only reported; a final run yields exactly
# the files' state.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/cli/killpoints.sh"
IDX="$TMP/idx"
C="$TMP/corpus"
N=1000
BUMP=200
python3 "$SRC/tests/cli/gen_corpus.py" "$C" "$N"
export CARI_SEGMENT_PASSAGES=300 CARI_THREADS=2
expect_status 0 "the first sharded build" "$BIN/cari-indexer" -q -d "$IDX" --shards 3 "$C"
check "three shards in the manifest" test "$(sed -n 1p "$IDX/cari-manifest")" = "generation 1"

bump "$BUMP" 1
for spec in article:1 article:500 article:1000; do
  kill_at "$spec" "update" "$C"
done
kill_commits "update" "$C"
bump "$BUMP" 2
for spec in article:1 segment:1; do
  kill_at "$spec" "rebuild" --rebuild "$C"
done
kill_commits "rebuild" --rebuild "$C"
bump "$BUMP" 3
kill_commits "update and compaction" --compact "$C"

random_kills "$BUMP" 4 0.5 2
check "no leftover shard folders" test "$(ls -d "$IDX"/shard-* | wc -l)" -eq 3

"$BIN/cari-indexer" -d "$IDX" --list | cut -f1 | sort > "$TMP/listed"
(cd "$C" && find . -name '*.txt' | sed 's|^\./||' | sort) > "$TMP/files"
check "the index lists exactly the files" cmp -s "$TMP/listed" "$TMP/files"
finish
