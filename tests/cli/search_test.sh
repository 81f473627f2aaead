#!/bin/sh
# The searcher and indexer on the bundled corpus: the demo query, JSON
# output and its offsets, exit codes, colour, errors.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"

expect_status 0 "indexing the corpus" "$BIN/cari-indexer" -q -d "$IDX" "$SRC/corpus"

# The demo query: the top passage is about drone training.
expect_status 0 "demo query" "$BIN/cari-searcher" -d "$IDX" --json -n 5 drone pelatihan
cp "$TMP/out" "$TMP/demo.jsonl"
check "top hit is a drone-training article" \
  sh -c "head -1 '$TMP/demo.jsonl' | grep -q '\"article\":\"pertahanan/'"
check "top hit's text speaks of drones and training" python3 - "$TMP/demo.jsonl" <<'PY'
import json, sys
hit = json.loads(open(sys.argv[1]).readline())
t = hit["text"].lower()
sys.exit(0 if "drone" in t and "latih" in t else 1)
PY

# JSON: exactly the documented keys, valid, offsets on the matched words;
# five hits, then the summary.
check "JSON lines parse, keys and offsets are right" python3 - "$TMP/demo.jsonl" <<'PY'
import json, sys
keys = ["type", "rank", "score", "article", "passage", "title", "text", "snippet", "highlights",
        "date", "url", "source", "authors", "categories", "lang"]
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 6, len(lines)
summary = json.loads(lines.pop())
assert list(summary) == ["type", "total", "total_exact", "offset", "hits", "elapsed_ms"], summary
assert summary["type"] == "summary" and summary["hits"] == 5 and summary["offset"] == 0, summary
assert summary["total"] >= 5 and summary["total_exact"] is False, summary
assert summary["elapsed_ms"] >= 0, summary
last = None
for i, line in enumerate(lines, 1):
    hit = json.loads(line)
    assert list(hit) == keys, list(hit)
    assert hit["type"] == "hit"
    assert hit["rank"] == i
    assert hit["passage"] >= 1
    assert last is None or hit["score"] <= last
    last = hit["score"]
    raw = hit["text"].encode("utf-8")
    assert hit["highlights"], "no highlights"
    for start, end in hit["highlights"]:
        word = raw[start:end].decode("utf-8").lower()
        assert word == "drone" or "latih" in word, word
PY

# Stemmed matches are highlighted: melatih for pelatihan.
expect_status 0 "stemmed query" "$BIN/cari-searcher" -d "$IDX" --json -n 20 pelatihan
check "a stemmed form is highlighted" python3 - "$TMP/out" <<'PY'
import json, sys
forms = set()
for line in open(sys.argv[1]):
    hit = json.loads(line)
    if hit["type"] != "hit":
        continue
    raw = hit["text"].encode("utf-8")
    forms |= {raw[s:e].decode().lower() for s, e in hit["highlights"]}
assert "pelatihan" in forms and len(forms) > 1, forms
PY

# Exit codes: 1 for no hit, 2 for errors.
expect_status 1 "no hit" "$BIN/cari-searcher" -d "$IDX" zzzyyyxxx
check "no-hit message on stderr" grep -q "no passage matches" "$TMP/err"
expect_status 1 "no hit in JSON mode" "$BIN/cari-searcher" -d "$IDX" --json zzzyyyxxx
untime "$TMP/out"
check "JSON no hit: only the summary" \
  grep -qx '{"type":"summary","total":0,"total_exact":false,"offset":0,"hits":0}' "$TMP/out"
expect_status 2 "missing index" "$BIN/cari-searcher" -d "$TMP/nothing" drone
check "missing index: one line naming it" sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q '^cari-searcher: .*nothing' '$TMP/err'"
expect_status 2 "no query" "$BIN/cari-searcher" -d "$IDX"
expect_status 2 "bad option value" "$BIN/cari-searcher" -d "$IDX" --k1 abc drone
expect_status 2 "k1 below 0" "$BIN/cari-searcher" -d "$IDX" --k1 -1 drone
expect_status 2 "--b is not a searcher option (b is applied by the indexer)" "$BIN/cari-searcher" -d "$IDX" --b 0.5 drone
check "--b: one line saying b is the indexer's" \
  sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q -- '--b: .*cari-indexer --rebuild --b 0.5' '$TMP/err'"

# BM25's b is chosen when an index is built (indexer --b) and kept by it.
expect_status 2 "indexer --b out of range" "$BIN/cari-indexer" -q -d "$TMP/bidx" --b 1.5 "$SRC/corpus"
check "--b out of range: one line, no index made" \
  sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q -- '--b' '$TMP/err' && test ! -e '$TMP/bidx'"
expect_status 0 "indexer --b 0.4" "$BIN/cari-indexer" -q -d "$TMP/bidx" --b 0.4 "$SRC/corpus"
expect_status 0 "indexer --stats" "$BIN/cari-indexer" --stats -d "$TMP/bidx"
check "--stats shows the index's b" grep -qx 'bm25_b.0.4' "$TMP/out"
expect_status 2 "another b for an index that has one" \
  "$BIN/cari-indexer" -q -d "$TMP/bidx" --b 0.5 "$SRC/corpus"
check "another b: one line naming the index, its b and --rebuild" \
  sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q 'bidx: built with BM25 b = 0.4.*--rebuild' '$TMP/err'"
expect_status 0 "an update without --b keeps the index's b" "$BIN/cari-indexer" -q -d "$TMP/bidx" "$SRC/corpus"
expect_status 0 "indexer --rebuild --b 0.5" "$BIN/cari-indexer" -q -d "$TMP/bidx" --rebuild --b 0.5 "$SRC/corpus"
expect_status 0 "indexer --stats after the rebuild" "$BIN/cari-indexer" --stats -d "$TMP/bidx"
check "the rebuild has the new b" grep -qx 'bm25_b.0.5' "$TMP/out"
expect_status 0 "a sharded index with --b" \
  "$BIN/cari-indexer" -q -d "$TMP/bshards" --shards 2 --b 0.6 "$SRC/corpus"
expect_status 0 "--stats of the sharded index" "$BIN/cari-indexer" --stats -d "$TMP/bshards"
check "every shard has the b (searched as one, stats of the last)" grep -qx 'bm25_b.0.6' "$TMP/out"
expect_status 0 "its shards search as one" "$BIN/cari-searcher" -d "$TMP/bshards" drone
expect_status 2 "indexes of different b searched as one" \
  "$BIN/cari-searcher" -d "$IDX" -d "$TMP/bidx" drone
check "different b: one line naming an index" \
  sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q 'bidx: built with BM25 b = 0.5' '$TMP/err'"
expect_status 2 "-n nan is not a number" "$BIN/cari-searcher" -d "$IDX" -n nan drone
expect_status 2 "--k1 inf is not a number" "$BIN/cari-searcher" -d "$IDX" --k1 inf drone
expect_status 2 "indexer --wait nan" "$BIN/cari-indexer" -q --wait nan -d "$TMP/never" "$SRC/corpus"
check "--wait nan created no index" test ! -e "$TMP/never"
expect_status 2 "empty query" "$BIN/cari-searcher" -d "$IDX" "?!"
expect_status 0 "help" "$BIN/cari-searcher" --help
check "help names the query language" grep -q "judul:" "$TMP/out"

# Colour: none when piped or with a non-empty NO_COLOR, bold on a
# terminal; --color=always|never decides whatever the output and NO_COLOR.
ESC=$(printf '\033')
unset NO_COLOR
"$BIN/cari-searcher" -d "$IDX" drone > "$TMP/plain"
check "no escape codes when piped" sh -c "! grep -q '$ESC' '$TMP/plain'"
NO_COLOR=1 "$BIN/cari-searcher" -d "$IDX" -n 1 --color=always drone > "$TMP/plain"
check "--color=always when piped, NO_COLOR set" grep -q "$ESC\[1m" "$TMP/plain"
"$BIN/cari-searcher" -d "$IDX" -n 1 --color always --json drone > "$TMP/plain"
check "--color=always leaves JSON alone" sh -c "! grep -q '$ESC' '$TMP/plain'"
expect_status 2 "--color=sometimes" "$BIN/cari-searcher" -d "$IDX" --color=sometimes drone
check "--color=sometimes: one line naming the choices" \
  sh -c "test \$(wc -l < '$TMP/err') -eq 1 && grep -q -- '--color: expected auto, always or never' '$TMP/err'"
if command -v script >/dev/null 2>&1; then
  script -qec "'$BIN/cari-searcher' -d '$IDX' -n 1 drone" /dev/null > "$TMP/tty" 2>&1
  check "bold on a terminal" grep -q "$ESC\[1m" "$TMP/tty"
  NO_COLOR=1 script -qec "'$BIN/cari-searcher' -d '$IDX' -n 1 drone" /dev/null > "$TMP/tty" 2>&1
  check "NO_COLOR on a terminal" sh -c "! grep -q '$ESC' '$TMP/tty'"
  NO_COLOR= script -qec "'$BIN/cari-searcher' -d '$IDX' -n 1 drone" /dev/null > "$TMP/tty" 2>&1
  check "an empty NO_COLOR keeps colour (no-color.org)" grep -q "$ESC\[1m" "$TMP/tty"
  script -qec "'$BIN/cari-searcher' -d '$IDX' -n 1 --color=never drone" /dev/null > "$TMP/tty" 2>&1
  check "--color=never on a terminal" sh -c "! grep -q '$ESC' '$TMP/tty'"
fi

# --title-weight: 0 leaves titles to judul:, more lifts title matches (in
# BM25's scores: --rank bm25).
# "Perisai" is in one article's title (and its passages' text).
"$BIN/cari-searcher" -d "$IDX" --rank bm25 --json -n 1 --title-weight 0 drone > "$TMP/w0"
"$BIN/cari-searcher" -d "$IDX" --rank bm25 --json -n 1 --title-weight 2 drone > "$TMP/w2"
check "title weight changes scores" python3 - "$TMP/w0" "$TMP/w2" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())["score"]
b = json.loads(open(sys.argv[2]).readline())["score"]
assert b > a, (a, b)
PY
expect_status 2 "negative title weight" "$BIN/cari-searcher" -d "$IDX" --title-weight -1 drone

# CARI_INDEX picks the index.
CARI_INDEX="$IDX" "$BIN/cari-searcher" -n 1 drone > /dev/null
check "CARI_INDEX is used" test $? -eq 0

# Paging: --offset continues where -n stopped.
"$BIN/cari-searcher" -d "$IDX" --json -n 4 drone > "$TMP/p1"
"$BIN/cari-searcher" -d "$IDX" --json -n 2 --offset 2 drone > "$TMP/p2"
hits "$TMP/p1" | tail -2 | sed 's/"rank":[0-9]*//' > "$TMP/a"
hits "$TMP/p2" | sed 's/"rank":[0-9]*//' > "$TMP/b"
check "offset pages" cmp -s "$TMP/a" "$TMP/b"
check "the summary gives the offset" grep -q '^{"type":"summary",.*"offset":2,"hits":2,' "$TMP/p2"

finish
