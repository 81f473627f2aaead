#!/bin/sh
# A long-running `cari-searcher --batch` sees every commit (issue 20,
# item 5): an update committed in place, a sharded index's commit, a
# rebuild swapped in, in each index of several.  The queries go through a
# fifo and each answer is read before the index changes: no sleeps.
. "$(dirname "$0")/lib.sh"
export CARI_AUTOCOMPACT=0 # updates commit in place (no compaction swapped in)

# corpus DIR: two articles; "kerbau" in neither, "gempa" only in b.txt.
corpus() {
  mkdir -p "$1"
  printf 'Sawah di desa\n\nPetani menanam padi di sawah desa.\n' > "$1/a.txt"
  printf 'Gempa di pesisir\n\nGempa mengguncang pesisir selatan pagi ini.\n' > "$1/b.txt"
}

# start NAME SEARCHER-ARGS...: runs cari-searcher --batch --count on a fifo
# pair; fd 3 writes its queries, fd 4 reads its answers.
start() {
  name=$1; shift
  rm -f "$TMP/$name.in" "$TMP/$name.out"
  mkfifo "$TMP/$name.in" "$TMP/$name.out"
  "$BIN/cari-searcher" "$@" --batch --count < "$TMP/$name.in" > "$TMP/$name.out" \
    2> "$TMP/$name.err" &
  SEARCHER=$!
  exec 3> "$TMP/$name.in" 4< "$TMP/$name.out"
}

# ask QID QUERY WANT DESCRIPTION: the searcher's count for QUERY is WANT
# ("some" for one or more).
ask() {
  printf '%s\t%s\n' "$1" "$2" >&3
  if ! IFS= read -r answer <&4; then
    fail "$4: the searcher gave no answer"
    return
  fi
  n=${answer#*	}
  if [ "${answer%%	*}" != "$1" ]; then
    fail "$4: answer \"$answer\" is not for query $1"
  elif [ "$3" = some ] && [ "$n" -gt 0 ]; then
    pass
  elif [ "$n" = "$3" ]; then
    pass
  else
    fail "$4: $2 counts $n, wanted $3"
  fi
}

# stop: ends the searcher's input and checks it exited cleanly.
stop() {
  exec 3>&-
  wait "$SEARCHER"
  status=$?
  exec 4<&-
  check "the searcher exits 0 ($status); stderr: $(cat "$TMP/$name.err")" test "$status" -eq 0
}

# updates NAME INDEX CORPUS SEARCHER-ARGS...: one searcher across an added
# word, a removed article and a rebuild of INDEX (built from CORPUS).
updates() {
  name=$1 idx=$2 src=$3; shift 3
  start "$name" "$@"
  ask 1 kerbau 0 "$name: before the update"
  ask 2 gempa some "$name: before the removal"
  echo 'Kerbau membajak sawah desa itu setiap pagi.' >> "$src/a.txt"
  expect_status 0 "$name: update adding a word" "$BIN/cari-indexer" -d "$idx" "$src"
  ask 3 kerbau some "$name: a word added by an update is found"
  rm "$src/b.txt"
  expect_status 0 "$name: update removing an article" "$BIN/cari-indexer" -d "$idx" "$src"
  ask 4 gempa 0 "$name: a removed article is gone"
  ask 5 kerbau some "$name: the rest stays"
  printf 'Gempa susulan\n\nGempa susulan terasa di kota.\n' > "$src/c.txt"
  expect_status 0 "$name: rebuild" "$BIN/cari-indexer" -d "$idx" --rebuild "$src"
  ask 6 gempa some "$name: an article of the rebuild is found"
  ask 7 kerbau some "$name: and what was there stays"
  stop
}

corpus "$TMP/c1"
expect_status 0 "one index" "$BIN/cari-indexer" -d "$TMP/one" "$TMP/c1"
updates one "$TMP/one" "$TMP/c1" -d "$TMP/one" -j 1
corpus "$TMP/c2"
expect_status 0 "one index, again" "$BIN/cari-indexer" -d "$TMP/two" "$TMP/c2"
updates jobs "$TMP/two" "$TMP/c2" -d "$TMP/two" -j 2

corpus "$TMP/c3"
expect_status 0 "a sharded index" "$BIN/cari-indexer" -d "$TMP/sharded" --shards 2 "$TMP/c3"
updates sharded "$TMP/sharded" "$TMP/c3" -d "$TMP/sharded" -j 1

# Two indexes searched as one: each one's commits are seen.
corpus "$TMP/c4"
mkdir -p "$TMP/c5"
printf 'Harga beras\n\nHarga beras naik di pasar.\n' > "$TMP/c5/beras.txt"
expect_status 0 "index X" "$BIN/cari-indexer" -d "$TMP/x" "$TMP/c4"
expect_status 0 "sharded index Y" "$BIN/cari-indexer" -d "$TMP/y" --shards 2 "$TMP/c5"
updates xy-x "$TMP/x" "$TMP/c4" -d "$TMP/x" -d "$TMP/y" -j 1
start xy-y -d "$TMP/x" -d "$TMP/y" -j 1
ask 1 sapi 0 "X and Y: before Y's update"
echo 'Harga sapi juga naik.' >> "$TMP/c5/beras.txt"
expect_status 0 "Y's update" "$BIN/cari-indexer" -d "$TMP/y" "$TMP/c5"
ask 2 sapi some "X and Y: Y's update is seen"
stop
finish
