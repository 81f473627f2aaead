#!/bin/sh
# Scaling out: several indexes searched as one (-d A -d B), a sharded index
# (indexer --shards N) kept current, a stub file, and a remote shard served
# by xapian-tcpsrv on 127.0.0.1.  Scores over shards must equal those over
# one index holding the same articles.
. "$(dirname "$0")/lib.sh"

# The corpus split in two halves, and whole.
mkdir -p "$TMP/a" "$TMP/b" "$TMP/all"
i=0
for dir in "$SRC"/corpus/*/; do
  name=$(basename "$dir")
  if [ $((i % 2)) -eq 0 ]; then cp -r "$dir" "$TMP/a/$name"; else cp -r "$dir" "$TMP/b/$name"; fi
  cp -r "$dir" "$TMP/all/$name"
  i=$((i + 1))
done
"$BIN/cari-indexer" -q -d "$TMP/A" "$TMP/a"
"$BIN/cari-indexer" -q -d "$TMP/B" "$TMP/b"
"$BIN/cari-indexer" -q -d "$TMP/ALL" "$TMP/all"

# Compares two result files: same hits, same order, scores within 1e-9.
same_results() {
  python3 - "$1" "$2" <<'PY'
import json, sys
hits = lambda f: [h for h in map(json.loads, open(f)) if h["type"] == "hit"]
a = hits(sys.argv[1])
b = hits(sys.argv[2])
assert a, "no results"
assert len(a) == len(b), (len(a), len(b))
for x, y in zip(a, b):
    assert (x["article"], x["passage"]) == (y["article"], y["passage"]), (x["article"], y["article"])
    assert abs(x["score"] - y["score"]) < 1e-9, (x["score"], y["score"])
PY
}

for q in "drone pelatihan" "banjir" "harga beras naik" '"korea utara"' "judul:gempa"; do
  "$BIN/cari-searcher" -d "$TMP/ALL" --json -n 30 "$q" > "$TMP/one"
  "$BIN/cari-searcher" -d "$TMP/A" -d "$TMP/B" --json -n 30 "$q" > "$TMP/two"
  check "two indexes rank like one: $q" same_results "$TMP/one" "$TMP/two"
done

# Facets over two indexes count like one, in a batch whose first query
# reads the value streams and whose later ones count from the values the
# handle then keeps in memory (a query repeated gives the same lines).
printf 'drone\nbanjir\ndrone\nbanjir OR drone OR harga\nbanjir\n' > "$TMP/fq"
"$BIN/cari-searcher" -d "$TMP/ALL" --json --batch -j 1 --facets source,year,category \
  < "$TMP/fq" | grep '"type":"facet"' | sed 's/"qid":"[0-9]*",//' > "$TMP/one"
"$BIN/cari-searcher" -d "$TMP/A" -d "$TMP/B" --json --batch -j 1 --facets source,year,category \
  < "$TMP/fq" | grep '"type":"facet"' | sed 's/"qid":"[0-9]*",//' > "$TMP/two"
check "facets over two indexes count like one" cmp "$TMP/one" "$TMP/two"
check "facets counted from memory equal the first ones" \
  sh -c "[ \"\$(sed -n 1,3p '$TMP/one')\" = \"\$(sed -n 7,9p '$TMP/one')\" ] && grep -q '\"count\"' '$TMP/one'"
# A date filter over two indexes ranks like one, in a batch whose later
# queries filter with the document sets kept from the first ones.
printf 'drone\nbanjir OR drone OR harga\ndrone\nbanjir OR drone OR harga\n' > "$TMP/sq"
"$BIN/cari-searcher" -d "$TMP/ALL" --json --batch -j 1 --since 2026-01-01 -n 30 < "$TMP/sq" > "$TMP/one"
"$BIN/cari-searcher" -d "$TMP/A" -d "$TMP/B" --json --batch -j 1 --since 2026-01-01 -n 30 \
  < "$TMP/sq" > "$TMP/two"
check "a kept date filter over two indexes ranks like one" same_results "$TMP/one" "$TMP/two"
check "a kept date filter finds what the first search found" \
  sh -c "[ \"\$(grep '\"type\":\"hit\",\"qid\":\"1\"' '$TMP/one' | sed 's/\"qid\":\"1\"//')\" = \"\$(grep '\"type\":\"hit\",\"qid\":\"3\"' '$TMP/one' | sed 's/\"qid\":\"3\"//')\" ] && grep -q '\"type\":\"hit\",\"qid\":\"3\"' '$TMP/one'"

# A Xapian stub file listing both.
printf 'auto %s\nauto %s\n' "$TMP/A" "$TMP/B" > "$TMP/both.stub"
"$BIN/cari-searcher" -d "$TMP/both.stub" --json -n 30 drone pelatihan > "$TMP/stub"
"$BIN/cari-searcher" -d "$TMP/ALL" --json -n 30 drone pelatihan > "$TMP/one"
check "a stub file ranks like one index" same_results "$TMP/one" "$TMP/stub"

# indexer --shards: a sharded index ranks like one index ...
expect_status 0 "sharded build" "$BIN/cari-indexer" -d "$TMP/S" --shards 3 "$TMP/all"
check "three shards made" test "$(cat "$TMP/S/cari-shards")" = 3
"$BIN/cari-searcher" -d "$TMP/S" --json -n 30 drone pelatihan > "$TMP/sharded"
check "a sharded index ranks like one index" same_results "$TMP/one" "$TMP/sharded"
# ... and stays current: a changed article is replaced in its own shard.
f=$(ls "$TMP/all"/*/*.txt | head -1)
printf '\nParagraf baru tentang zeppelin merah.\n' >> "$f"
rm "$(ls "$TMP/all"/*/*.txt | tail -1)"
expect_status 0 "sharded update" "$BIN/cari-indexer" -d "$TMP/S" "$TMP/all"
check "sharded update counts" grep -q ": 0 added, 1 changed, .* 1 removed" "$TMP/out"
"$BIN/cari-indexer" -d "$TMP/S" --list | cut -f1 | sort > "$TMP/listed"
(cd "$TMP/all" && ls */*.txt */*.html | sort) > "$TMP/files"
check "each article in exactly one shard" cmp -s "$TMP/listed" "$TMP/files"
expect_status 0 "sharded check" "$BIN/cari-indexer" -d "$TMP/S" --check
"$BIN/cari-searcher" -d "$TMP/S" --json zeppelin > "$TMP/out"
check "the changed article found once" test "$(hits "$TMP/out" | wc -l)" -eq 1
expect_status 2 "another shard count is refused" "$BIN/cari-indexer" -d "$TMP/S" --shards 2 "$TMP/all"
check "refusal says why" grep -q "has 3 shards, not 2" "$TMP/err"
expect_status 0 "sharded stats" "$BIN/cari-indexer" -d "$TMP/S" --stats
check "stats count every shard" grep -q "^shards	3$" "$TMP/out"

# A remote shard: B served by xapian-tcpsrv on a free loopback port.
if command -v xapian-tcpsrv >/dev/null 2>&1; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  xapian-tcpsrv --interface 127.0.0.1 --port "$port" --quiet "$TMP/B" > "$TMP/srv.log" 2>&1 &
  srv=$!
  up=0
  for t in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    if "$BIN/cari-searcher" -d "tcp://127.0.0.1:$port" -n 1 drone > /dev/null 2>&1; then up=1; break; fi
    sleep 0.25
  done
  check "xapian-tcpsrv answers" test "$up" -eq 1
  "$BIN/cari-searcher" -d "$TMP/A" -d "tcp://127.0.0.1:$port" --json -n 30 drone pelatihan > "$TMP/remote"
  check "a local and a remote shard rank like one index" same_results "$TMP/one" "$TMP/remote"
  printf 'auto %s\nremote 127.0.0.1:%s\n' "$TMP/A" "$port" > "$TMP/remote.stub"
  "$BIN/cari-searcher" -d "$TMP/remote.stub" --json -n 30 drone pelatihan > "$TMP/remote2"
  check "a stub with a remote shard ranks like one index" same_results "$TMP/one" "$TMP/remote2"
  # --recent is Xapian's own value map, which the stock server runs: the
  # same order and scores as one local index, ages in hours or days, and
  # with a --now that some articles are dated after.
  for r in "30d 2026-09-01" "12h 2026-08-20" "1y 2026-04-01"; do
    set -- $r
    "$BIN/cari-searcher" -d "$TMP/ALL" --json -n 30 --recent "$1" --now "$2" 'banjir OR gempa OR drone' > "$TMP/one"
    expect_status 0 "--recent $1 over a remote shard" "$BIN/cari-searcher" -d "$TMP/A" -d "tcp://127.0.0.1:$port" --json -n 30 --recent "$1" --now "$2" 'banjir OR gempa OR drone'
    check "--recent $1 --now $2: a local and a remote shard rank like one index" same_results "$TMP/one" "$TMP/out"
  done
  expect_status 2 "--facets on a remote shard is refused" "$BIN/cari-searcher" -d "$TMP/A" -d "tcp://127.0.0.1:$port" --facets source drone
  check "the refusal says why" grep -q "^cari-searcher: --facets works on local indexes only" "$TMP/err"
  expect_status 2 "--explain of BM25 on a remote shard is refused" "$BIN/cari-searcher" -d "$TMP/A" -d "tcp://127.0.0.1:$port" --rank bm25 --explain drone
  check "the refusal says why" grep -q "explain works on local indexes only" "$TMP/err"
  # The server dies between two queries of a batch: the error names the
  # remote shard, not the first index given (-d A).
  mkfifo "$TMP/q"
  "$BIN/cari-searcher" -d "$TMP/A" -d "tcp://127.0.0.1:$port" --batch --tsv --fields article \
    -n 1 < "$TMP/q" > "$TMP/batch.out" 2> "$TMP/batch.err" &
  searcher=$!
  exec 7> "$TMP/q"
  echo drone >&7
  n=0
  while [ ! -s "$TMP/batch.out" ] && [ "$n" -lt 400 ]; do sleep 0.05; n=$((n + 1)); done
  # xapian-tcpsrv forks a child per connection: stop them all, and wait
  # until the children are gone (their sockets closed).
  kids=$(pgrep -P "$srv")
  pkill -9 -P "$srv" 2>/dev/null
  kill -9 "$srv" 2>/dev/null
  wait "$srv" 2>/dev/null
  for k in $kids; do
    n=0
    while kill -0 "$k" 2>/dev/null && [ "$n" -lt 400 ]; do sleep 0.05; n=$((n + 1)); done
  done
  echo pasukan >&7
  exec 7>&-
  wait "$searcher"
  check "a server dying in a batch: exit 2" test $? -eq 2
  check "the first query was answered" test -s "$TMP/batch.out"
  check "the error names the remote shard that failed" \
    grep -q "^cari-searcher: stdin:2: tcp://127.0.0.1:$port: Network[A-Za-z]*Error" "$TMP/batch.err"
  expect_status 2 "a dead server is an error" "$BIN/cari-searcher" -d "$TMP/A" -d "tcp://127.0.0.1:$port" drone
  check "the error names the server" grep -q "^cari-searcher: tcp://127.0.0.1:$port: .*connect" "$TMP/err"
  check "the error is one line" test "$(wc -l < "$TMP/err")" -eq 1
fi
expect_status 2 "a bad remote address" "$BIN/cari-searcher" -d "tcp://nowhere" drone
check "bad address explained" grep -q "HOST:PORT" "$TMP/err"

finish
