#!/bin/sh
# Articles' metadata on the bundled corpus: the README's examples of
# "Filtering, sorting and facets" (front matter, saved pages), --stats,
# and bad input (JSON Lines keys of the wrong type, dates, folders without
# article files, bad options).
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
S="$BIN/cari-searcher"

expect_status 0 "indexing the corpus" "$BIN/cari-indexer" -q -d "$IDX" "$SRC/corpus"
expect_status 0 "stats" "$BIN/cari-indexer" -d "$IDX" --stats
check "stats count articles with each field" python3 - "$TMP/out" <<'PY'
import sys
kv = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[1]))
assert kv["articles"] == "23", kv
assert kv["with_date"] == "15" and kv["with_source"] == "15", kv
assert kv["with_url"] == "7" and kv["with_authors"] == "7", kv
PY

# --since --sort date: newest first, none before the date.
expect_status 0 "since, sort date" "$S" -d "$IDX" --json --since 2026-01-01 --sort date \
  --per-article 1 'banjir OR gempa OR drone'
check "dates from 2026, newest first" python3 - "$TMP/out" <<'PY'
import json, sys
hits = [h for h in map(json.loads, open(sys.argv[1])) if h["type"] == "hit"]
dates = [h["date"][:10] for h in hits]
assert len(hits) >= 3 and all(d >= "2026-01-01" for d in dates), dates
assert dates == sorted(dates, reverse=True), dates
PY

# --since 1y --until a date: within both (the span is from now).
expect_status 0 "since a span, until a date" "$S" -d "$IDX" --json --since 1y \
  --until '30 Juni 2026' drone
check "dates within the span and the end of 30 June" python3 - "$TMP/out" <<'PY'
import json, sys, datetime
hits = [h for h in map(json.loads, open(sys.argv[1])) if h["type"] == "hit"]
since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=365)
until = datetime.datetime(2026, 6, 30, 23, 59, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
for h in hits:
    d = datetime.datetime.fromisoformat(h["date"])
    if d.tzinfo is None:  # a day only: its start in WIB
        d = d.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    assert since <= d <= until, h["date"]
PY

# --recent with a fixed --now: the newest drone article moves to the
# top, the bonus is an explained part, and the parts add up.
expect_status 0 "relevance alone" "$S" -d "$IDX" --json --rank bm25 --per-article 1 \
  'banjir OR gempa OR drone'
cp "$TMP/out" "$TMP/plain"
expect_status 0 "recent" "$S" -d "$IDX" --json --explain --per-article 1 --recent 30d \
  --now 2026-09-01 'banjir OR gempa OR drone'
check "newer articles rise, the bonus halves every 30 days" python3 - "$TMP/plain" "$TMP/out" <<'PY'
import json, sys, datetime
plain, recent = ([h for h in map(json.loads, open(f)) if h["type"] == "hit"] for f in sys.argv[1:])
newest = max((h for h in plain if h["date"]), key=lambda h: h["date"][:10])["article"]
rank = lambda hits: [h["article"] for h in hits].index(newest)
assert rank(recent) < rank(plain), (rank(recent), rank(plain))
bonus = {}
for h in recent:
    parts = h["explain"]
    assert abs(sum(p["contribution"] for p in parts) - h["score"]) < 1e-5, parts
    r = [p for p in parts if p.get("feature") == "(recency)"]
    assert len(r) == (1 if h["date"] else 0), parts
    if r:
        bonus[r[0]["value"]] = r[0]["contribution"]
ages = sorted(bonus)
for a in ages[1:]:
    assert abs(bonus[a] / bonus[ages[0]] - 2 ** (-(a - ages[0]) / 30)) < 1e-9, bonus
PY
expect_status 0 "--since a span counts from --now" "$S" -d "$IDX" --json --now 2026-03-01 \
  --since 30d drone
check "from 30 January 2026 on" python3 - "$TMP/out" <<'PY'
import json, sys
dates = [h["date"][:10] for h in map(json.loads, open(sys.argv[1])) if h["type"] == "hit"]
assert dates and all(d >= "2026-01-30" for d in dates), dates
assert "2026-03-03" in dates, dates
PY

# sumber: in the query.
expect_status 0 "source filter" "$S" -d "$IDX" --json 'drone sumber:"Kabar Wirasari"'
check "only that source" python3 - "$TMP/out" <<'PY'
import json, sys
hits = [h for h in map(json.loads, open(sys.argv[1])) if h["type"] == "hit"]
assert hits and all(h["source"] == "Kabar Wirasari" for h in hits), [h["source"] for h in hits]
PY
expect_status 1 "a source nobody has" "$S" -d "$IDX" 'drone sumber:"Tidak Ada"'

# --category and --facets.
expect_status 0 "category, facets" "$S" -d "$IDX" --json --category pertahanan \
  --facets source,year drone
check "facets count the matching articles" python3 - "$TMP/out" <<'PY'
import json, sys
lines = list(map(json.loads, open(sys.argv[1])))
hits = [h for h in lines if h["type"] == "hit"]
facets = {f["name"]: f["values"] for f in lines if f["type"] == "facet"}
assert all("pertahanan" in h["categories"] for h in hits), hits
assert list(facets) == ["source", "year"], facets
src = {v["value"]: v["count"] for v in facets["source"]}
assert src == {"Kabar Wirasari": 1, "Warta Banyuarga": 1}, src
assert facets["year"] == [{"value": "2026", "count": 2}], facets["year"]
PY
expect_status 0 "facets over every match" "$S" -d "$IDX" --json --facets source \
  'banjir OR gempa OR drone OR harga'
check "counted every match: the total is as exact as the counts" python3 - "$TMP/out" <<'PY'
import json, sys
lines = list(map(json.loads, open(sys.argv[1])))
facet = [l for l in lines if l["type"] == "facet"][0]
total = [l for l in lines if l["type"] == "summary"][0]["total"]
assert facet["exact"] and facet["passages_counted"] == total, (facet, total)
PY
expect_status 0 "facets for people" "$S" -d "$IDX" --facets sumber -n 1 drone
check "a facet line" grep -q '^source: ' "$TMP/out"
expect_status 0 "facets with -n 0" "$S" -d "$IDX" --category pertahanan --facets year -n 0 drone
check "the count, then the facet" sh -c "sed -n 1p '$TMP/out' | grep -qx '[0-9][0-9]*' && sed -n 2p '$TMP/out' | grep -qx 'year: 2026 (2)'"
expect_status 0 "facets with --count --json" "$S" -d "$IDX" --category pertahanan --facets year --count --json drone
check "a facet line, then the summary" sh -c "grep -q '^{\"type\":\"facet\",\"name\":\"year\",\"values\":\[{\"value\":\"2026\",\"count\":2}' '$TMP/out' && tail -n 1 '$TMP/out' | grep -q summary"

# A saved page: metadata from its tags, text without its boilerplate.
expect_status 0 "a saved page" "$S" -d "$IDX" --json -n 1 cabai
check "the page's metadata" python3 - "$TMP/out" <<'PY'
import json, sys
h = json.loads(open(sys.argv[1]).readline())
assert h["article"] == "ekonomi/harga-cabai-melonjak-di-pasar-banyuarga.html", h
assert h["date"] == "2026-11-20T07:45:00+07:00", h["date"]
assert h["source"] == "Warta Banyuarga" and h["authors"] == ["Bima Saputra"], h
assert h["url"] == "https://wartabanyuarga.example/ekonomi/harga-cabai-melonjak", h["url"]
assert h["categories"] == ["ekonomi"] and h["lang"] == "id", h
assert h["title"] == "Harga Cabai Rawit Melonjak Dua Kali Lipat di Pasar Banyuarga", h["title"]
PY
# A page declared windows-1252 whose bytes are UTF-8 is read as UTF-8.
expect_status 0 "a wrong charset declaration" "$S" -d "$IDX" --json -n 1 'mendayung sampan'
check "its quotes read as UTF-8" grep -q '“Sebagian besar atlet' "$TMP/out"
for word in beranda iklan dataLayer terpopuler; do
  expect_status 1 "no page boilerplate: $word" "$S" -d "$IDX" --no-synonyms "$word"
done
expect_status 0 "metadata in TSV columns" "$S" -d "$IDX" -n 1 --tsv \
  --fields article,date,source,authors,categories,lang,url cabai
check "each field in its column" grep -qxF "$(printf 'ekonomi/harga-cabai-melonjak-di-pasar-banyuarga.html\t2026-11-20T07:45:00+07:00\tWarta Banyuarga\tBima Saputra\tekonomi\tid\thttps://wartabanyuarga.example/ekonomi/harga-cabai-melonjak')" "$TMP/out"
expect_status 0 "the result line shows date and source" "$S" -d "$IDX" -n 1 cabai
check "date and source on the result line" \
  grep -q '^ 1\. ekonomi/harga-cabai.*  2026-11-20 07:45 · Warta Banyuarga  (' "$TMP/out"

# Bad options.
expect_status 2 "--since nonsense" "$S" -d "$IDX" --since kemarin drone
expect_status 2 "--sort nonsense" "$S" -d "$IDX" --sort waktu drone
expect_status 2 "--recent nonsense" "$S" -d "$IDX" --recent lama drone
check "--recent is named" grep -q -- '--recent' "$TMP/err"
expect_status 2 "--recent of nothing" "$S" -d "$IDX" --recent 0d drone
expect_status 2 "--now nonsense" "$S" -d "$IDX" --now kemarin drone
expect_status 2 "unknown facet" "$S" -d "$IDX" --facets warna drone
check "the facet is named" grep -q 'warna' "$TMP/err"

# JSON Lines metadata: wrong types warn with FILE:LINE, the article stays.
cat > "$TMP/a.jsonl" <<'J'
{"id": "j1", "text": "Nelayan pulang membawa tongkol.", "date": 20250112, "source": "Warta"}
{"id": "j2", "text": "Tongkol dijual murah.", "date": "31 April 2025", "authors": ["Ani", 7]}
{"id": "j3", "text": "Tongkol diekspor.", "source": "A", "source": "B", "date": "2999-01-01"}
J
expect_status 0 "JSON Lines with bad metadata" "$BIN/cari-indexer" -d "$TMP/j" --jsonl "$TMP/a.jsonl"
check "a number date" grep -q 'a.jsonl:1: "date" is a number' "$TMP/err"
check "a date out of range" grep -q 'a.jsonl:2: "date" "31 April 2025"' "$TMP/err"
check "a list item not a string" grep -q 'a.jsonl:2: "authors" holds an item' "$TMP/err"
check "a key twice" grep -q 'a.jsonl:3: duplicate object key' "$TMP/err"
check "a future date" grep -q 'j3: date 2999-01-01 is in the future' "$TMP/err"
expect_status 0 "all three indexed" "$S" -d "$TMP/j" --json --count tongkol
check "three passages" grep -q '"total":3' "$TMP/out"
"$S" -d "$TMP/j" --json -n 1 'tongkol sumber:b' > "$TMP/out"
check "the last value of a key twice" grep -q '"article":"j3"' "$TMP/out"

# Front matter that never ends is text; a folder without articles says so.
mkdir -p "$TMP/fm" "$TMP/none"
printf -- '---\ndate: 2025-01-12\nIsi tanpa penutup tentang tongkol.\n' > "$TMP/fm/a.txt"
echo "<p>bukan artikel</p>" > "$TMP/none/x.xml"
expect_status 0 "front matter that never ends" "$BIN/cari-indexer" -d "$TMP/f" "$TMP/fm" "$TMP/none"
check "it is named" grep -q 'a.txt:1: front matter never ends' "$TMP/err"
check "the folder without articles is named" grep -q 'none: no article files' "$TMP/err"
expect_status 0 "its text is searchable" "$S" -d "$TMP/f" tongkol

finish
