#!/bin/sh
# The searcher's features for people and scripts (issue 5), through the
# real binaries: explain parts that add up to the scores, batch output equal
# to one query at a time, TREC runs checked by a strict parser, spelling
# suggestions, exact counts, per-article limits, context, synonym files,
# TSV.  The expected results of each operator are in tests/golden/search/.
. "$(dirname "$0")/lib.sh"
IDX="$TMP/idx"
GOLD="$SRC/tests/golden/search/corpus"
S="$BIN/cari-searcher"

expect_status 0 "indexing the test corpus" "$BIN/cari-indexer" -q -d "$IDX" "$GOLD"
expect_status 0 "indexing the bundled corpus" "$BIN/cari-indexer" -q -d "$TMP/big" "$SRC/corpus"

# ---- explain: the parts add up to the score, each by the README's formula.
: > "$TMP/explain.jsonl"
for args in "drone pelatihan" "Korut dilatih drone" "lati*" '"drone serang" tentara' \
            "judul:gempa pantai" "tentara NEAR drone" "drone AND pasukan OR maraton" \
            "BI suku bunga" "+pasukan drone -laut"; do
  "$S" -d "$IDX" --rank bm25 --json --explain -n 50 "$args" >> "$TMP/explain.jsonl"
  "$S" -d "$IDX" --rank bm25 --json --explain -n 50 --k1 0.7 "$args" | sed 's/^{/{"k1":0.7,/' >> "$TMP/explain.jsonl"
done
"$S" -d "$TMP/big" --rank bm25 --json --explain -n 30 "Siapakah yang melatih pasukan drone Korut?" >> "$TMP/explain.jsonl"
check "explain: parts add up to the score and follow the formula" python3 - "$TMP/explain.jsonl" <<'PY'
import json, math, sys
n = 0
for line in open(sys.argv[1]):
    h = json.loads(line)
    k1 = h.pop("k1", 1.2)
    if h["type"] != "hit":
        continue
    parts = h["explain"]
    assert parts, h["article"]
    total = sum(p["contribution"] for p in parts)
    assert abs(total - h["score"]) < 2e-6, (h["article"], h["passage"], total, h["score"])
    for p in parts:
        assert set(p) >= {"term", "tf", "df", "idf", "length", "avg_length", "contribution"}, p
        assert p["term"] != "?", p
        want = p["factor"] * p["idf"] * (k1 + 1) * p["tf"] / (k1 + p["tf"])
        assert abs(want - p["contribution"]) < 1e-9, (p, want)
        # tf: occurrences times the passage's length weight, in sixteenths
        w = max(math.floor(16 / (0.25 + 0.75 * p["length"] / p["avg_length"]) + 0.5), 1)
        occ = p["tf"] * 16 / w
        assert p["term"] == "(rest)" or (occ >= 1 and abs(occ - round(occ)) < 1e-9), (p, w)
        n += 1
assert n > 50, n
PY
check "explain: title terms are labelled and weighed by the title weight" python3 - "$TMP/explain.jsonl" <<'PY'
import json, sys
seen = set()
for line in open(sys.argv[1]):
    for p in json.loads(line).get("explain", []):
        if p["term"].startswith("judul:"):
            seen.add(p["factor"])
assert seen == {0.5, 1.0}, seen   # judul:gempa at 1, title matches of plain words at 0.5
PY
"$S" -d "$IDX" --explain -n 1 drone > "$TMP/out"
check "explain in text output" grep -q "score .* = " "$TMP/out"

# ---- batch: the same answers as one query at a time, qid added.
printf 'q1\tdrone pelatihan\nq2\tKorut dilatih drone\n\ngempa OR maraton\nq4\tjudul:beras\nq5\tzzzz\nq6\t"drone serang"\n' > "$TMP/queries"
expect_status 0 "batch" "$S" -d "$IDX" --json --batch < "$TMP/queries"
cp "$TMP/out" "$TMP/batch.jsonl"
: > "$TMP/single.jsonl"
n=0
while IFS= read -r line; do
  n=$((n + 1))
  [ -z "$line" ] && continue
  case $line in *"	"*) qid=${line%%	*}; q=${line#*	} ;; *) qid=$n; q=$line ;; esac
  "$S" -d "$IDX" --json "$q" | sed "s/^{\"type\":\"\([a-z]*\)\"/&,\"qid\":\"$qid\"/" >> "$TMP/single.jsonl"
done < "$TMP/queries"
untime "$TMP/batch.jsonl" "$TMP/single.jsonl"
check "batch output equals one query at a time" cmp -s "$TMP/batch.jsonl" "$TMP/single.jsonl"
check "batch: a query without qid is numbered by its line" grep -q '"qid":"4"' "$TMP/batch.jsonl"
printf 'a\tdrone\nb\t+ -\nc\tgempa\n' | "$S" -d "$IDX" --json --batch > "$TMP/out" 2> "$TMP/err"
check "batch: a bad query is an error (exit 2) naming its line; the others run" \
  sh -c "test \$? -ne 0; grep -q 'stdin:2:' '$TMP/err' && grep -q '\"qid\":\"c\"' '$TMP/out'"
printf 'a\tdrone\nb\t+ -\n' | "$S" -d "$IDX" --batch > /dev/null 2>&1
check "batch: exit 2 when a query failed" test $? -eq 2
printf 'a\tzzzz\n' | "$S" -d "$IDX" --batch --json > /dev/null 2>&1
check "batch: exit 1 when nothing matched" test $? -eq 1
printf 'a\tdrone\nb\tgempa\n' | "$S" -d "$IDX" --batch --count > "$TMP/out"
check "batch with --count" sh -c "printf 'a\t6\nb\t3\n' | cmp -s - '$TMP/out'"

# ---- TREC: a strict parser of run files.
cat > "$TMP/trec_check.py" <<'PY'
import re, sys
# qid Q0 docid rank score tag: six fields, single spaces, ranks 1.. in
# order, scores not increasing, no docid twice for a qid, one tag.
tags, last = set(), {}
docs = {}
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "", "must end with a newline"
for no, line in enumerate(lines[:-1], 1):
    f = line.split(" ")
    assert len(f) == 6 and all(f), (no, line)
    qid, q0, doc, rank, score, tag = f
    assert q0 == "Q0", (no, line)
    assert re.fullmatch(r"\S+", qid) and re.fullmatch(r"\S+", doc), (no, line)
    assert re.fullmatch(r"[1-9][0-9]*", rank), (no, line)
    assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", score), (no, line)
    r, s = int(rank), float(score)
    pr, ps = last.get(qid, (0, float("inf")))
    assert r == pr + 1, (no, "rank", r, pr)
    assert s <= ps, (no, "score", s, ps)
    last[qid] = (r, s)
    assert (qid, doc) not in docs, (no, "duplicate docid", doc)
    docs[(qid, doc)] = 1
    tags.add(tag)
assert len(tags) <= 1, tags
print(len(lines) - 1, "lines")
PY
printf 'q1\tdrone pelatihan\nq2\tKorut dilatih drone\nq3\tgempa OR maraton\nq4\tzzzz\n' > "$TMP/queries"
expect_status 0 "TREC run" "$S" -d "$IDX" --batch --trec --tag uji < "$TMP/queries"
cp "$TMP/out" "$TMP/run.trec"
check "TREC run passes the strict parser" python3 "$TMP/trec_check.py" "$TMP/run.trec"
check "TREC docids are article ids" grep -q '^q1 Q0 [a-z/-]*\.txt 1 -\{0,1\}[0-9.]* uji$' "$TMP/run.trec"
expect_status 0 "TREC passages" "$S" -d "$IDX" --batch --trec-passages < "$TMP/queries"
check "TREC passage run passes the strict parser" python3 "$TMP/trec_check.py" "$TMP/out"
check "TREC passage docids are article#passage" grep -q '^q1 Q0 [a-z/-]*\.txt#[0-9]* 1 -\{0,1\}[0-9.]* cari$' "$TMP/out"
expect_status 0 "TREC on the bundled corpus" "$S" -d "$TMP/big" --batch --trec < "$TMP/queries"
check "bundled corpus run passes the strict parser" python3 "$TMP/trec_check.py" "$TMP/out"
expect_status 2 "TREC tag with a space" "$S" -d "$IDX" --trec --tag "a b" drone
mkdir -p "$TMP/spaced/sub dir"
printf 'Kapal selam kuning berlayar.\n' > "$TMP/spaced/sub dir/kapal kuning.txt"
"$BIN/cari-indexer" -q -d "$TMP/sidx" "$TMP/spaced"
printf 'q 1\tkapal kuning\n' | "$S" -d "$TMP/sidx" --batch --trec-passages > "$TMP/out"
check "TREC: white space in ids and qids becomes _" \
  grep -qx 'q_1 Q0 sub_dir/kapal_kuning.txt#1 1 [0-9.]* cari' "$TMP/out"
check "TREC with spaced ids passes the strict parser" python3 "$TMP/trec_check.py" "$TMP/out"

# ---- spelling suggestions.
expect_status 1 "an unknown word" "$S" -d "$IDX" dronne
check "Maksud Anda on stderr" grep -q "^Maksud Anda: drone$" "$TMP/err"
# A field's name typed with nothing after it is read as a word, but it is
# syntax: the suggestion leaves it as typed (it once gave "pukul:").
expect_status 1 "a bare field name" "$S" -d "$TMP/big" gmpa judul:
check "a bare field name is not corrected" grep -q "^Maksud Anda: gempa judul:$" "$TMP/err"
expect_status 1 "an unknown word, JSON" "$S" -d "$IDX" --json dronne pelatihn
check "suggestion line in JSON" sh -c "head -1 '$TMP/out' | grep -qx '{\"type\":\"suggestion\",\"suggestion\":\"drone pelatih\",\"fixed\":false}'"
expect_status 0 "--fix" "$S" -d "$IDX" --json --fix dronne
check "--fix: the suggestion, then the hits, then the summary" python3 - "$TMP/out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines[0] == {"type": "suggestion", "suggestion": "drone", "fixed": True}, lines[0]
assert len(lines) == 8 and all(h["type"] == "hit" and "drone" in h["text"].lower()
                               for h in lines[1:-1])
assert lines[-1]["type"] == "summary" and lines[-1]["hits"] == 6, lines[-1]
PY
expect_status 0 "known words get no suggestion" "$S" -d "$IDX" --json dilatih
check "no suggestion for a stemmed match" sh -c "! grep -q suggestion '$TMP/out'"
# A word the synonym list expands is known, even when the index lacks it:
# Korsel (Korea Selatan) is not a misspelt Korea.
mkdir -p "$TMP/korea"
printf 'Uji rudal\n\nKorea menguji rudal baru di lepas pantai.\n' > "$TMP/korea/rudal.txt"
"$BIN/cari-indexer" -q -d "$TMP/korea-idx" "$TMP/korea"
expect_status 1 "a word the synonyms expand" "$S" -d "$TMP/korea-idx" --json Korsel
check "no suggestion for a word the synonyms expand" sh -c "! grep -q suggestion '$TMP/out'"
expect_status 1 "the same word without synonyms" "$S" -d "$TMP/korea-idx" --json --no-synonyms Korsel
check "without synonyms it is a misspelling" grep -q '"suggestion":"korea"' "$TMP/out"
expect_status 1 "a synonym beside a misspelt word" "$S" -d "$TMP/korea-idx" --json Korsel rudl
check "only the misspelt word is corrected" grep -q '"suggestion":"Korsel rudal"' "$TMP/out"

# ---- --count is exact; --per-article keeps the best N per article.
for q in drone pelatihan "gempa OR maraton" "artikel:pertahanan/" "lati*"; do
  c=$("$S" -d "$IDX" --count "$q")
  n=$("$S" -d "$IDX" --json -n 100000 "$q" | grep -c '^{"type":"hit"')
  check "--count $q = $n" test "$c" -eq "$n"
  check "--count --json $q: the summary's exact total" \
    sh -c "'$S' -d '$IDX' --json --count '$q' | grep -q '^{\"type\":\"summary\",\"total\":$n,\"total_exact\":true,'"
  c=$("$S" -d "$TMP/big" --count --per-article 2 "$q")
  n=$("$S" -d "$TMP/big" --json -n 100000 --per-article 2 "$q" | grep -c '^{"type":"hit"')
  check "--count --per-article 2 $q = $n" test "$c" -eq "$n"
done
check "--count on the bundled corpus is exact" sh -c \
  "test \$('$S' -d '$TMP/big' --count drone) -eq \$('$S' -d '$TMP/big' --json -n 100000 drone | grep -c '^{\"type\":\"hit\"')"
# (BM25's order: under the learned ranking, --per-article keeps each
# article's best passages by BM25, then re-ranks them.)
"$S" -d "$TMP/big" --rank bm25 --json -n 100000 drone > "$TMP/all.jsonl"
"$S" -d "$TMP/big" --rank bm25 --json -n 100000 --per-article 2 drone > "$TMP/two.jsonl"
check "--per-article 2: the best two of each article, in rank order" python3 - "$TMP/all.jsonl" "$TMP/two.jsonl" <<'PY'
import json, sys
hits = lambda f: [h for h in map(json.loads, open(f)) if h["type"] == "hit"]
full = hits(sys.argv[1])
two = hits(sys.argv[2])
seen, want = {}, []
for h in full:
    seen[h["article"]] = seen.get(h["article"], 0) + 1
    if seen[h["article"]] <= 2:
        want.append((h["article"], h["passage"]))
assert [(h["article"], h["passage"]) for h in two] == want
assert [h["rank"] for h in two] == list(range(1, len(two) + 1))
PY
expect_status 2 "--per-article 0" "$S" -d "$IDX" --per-article 0 drone

# ---- --context: the neighbouring passages of the hit's article.
expect_status 0 "--context" "$S" -d "$TMP/big" --json --context 1 -n 20 drone
cp "$TMP/out" "$TMP/ctx.jsonl"
"$S" -d "$TMP/big" --json -n 100000 "artikel:pertahanan/" > "$TMP/pert.jsonl"
check "--context gives the passages around each hit" python3 - "$TMP/ctx.jsonl" "$TMP/big" "$S" <<'PY'
import json, subprocess, sys
hits = [h for h in map(json.loads, open(sys.argv[1])) if h["type"] == "hit"]
cache = {}
def passages(article):
    if article not in cache:
        out = subprocess.run([sys.argv[3], "-d", sys.argv[2], "--json", "-n", "100000",
                              "artikel:" + article], capture_output=True, text=True).stdout
        cache[article] = {h["passage"]: h["text"] for h in map(json.loads, out.splitlines())
                          if h["type"] == "hit"}
    return cache[article]
for h in hits:
    ps = passages(h["article"])
    want = [n for n in (h["passage"] - 1, h["passage"] + 1) if n in ps]
    got = [c["passage"] for c in h["context"]]
    assert got == want, (h["article"], h["passage"], got, want)
    for c in h["context"]:
        assert c["text"] == ps[c["passage"]]
PY
"$S" -d "$IDX" --context 1 -n 1 artikel:politik/dpr.txt > "$TMP/out"
check "--context in text output marks the hit" grep -q "^  > #[0-9]* " "$TMP/out"

# ---- synonyms: the bundled list on the bundled corpus, and files.
expect_status 0 "Korut dilatih drone" "$S" -d "$TMP/big" --json -n 3 Korut dilatih drone
check "Korut finds Korea Utara" sh -c "head -1 '$TMP/out' | grep -q 'Korea Utara'"
printf '# uji\nkapal, bahtera\n\nnirawak, drone\n' > "$TMP/syn.txt"
expect_status 0 "--synonyms FILE" "$S" -d "$IDX" --tsv --fields docid --synonyms "$TMP/syn.txt" bahtera
check "a synonym from the file" grep -q "pertahanan/laut/kapal.txt#1" "$TMP/out"
check "--synonyms FILE replaces the bundled list" \
  test "$("$S" -d "$IDX" --count --synonyms "$TMP/syn.txt" BI)" -eq 1
printf 'kapal, bahtera\nsendirian\n' > "$TMP/bad.txt"
expect_status 2 "a bad synonym file" "$S" -d "$IDX" --synonyms "$TMP/bad.txt" kapal
check "the bad line is named" grep -q "bad.txt:2: a group needs two members" "$TMP/err"
expect_status 2 "a missing synonym file" "$S" -d "$IDX" --synonyms "$TMP/none.txt" kapal
check "the missing file is named" grep -q "none.txt" "$TMP/err"
check "the bundled list is in the build tree" test -s "$BIN/../share/cari/synonyms-id.txt"

# ---- TSV and fields; JSON keys only added.
expect_status 0 "TSV" "$S" -d "$IDX" --tsv drone
check "TSV: six columns by default" sh -c "awk -F'\t' 'NF != 6 { exit 1 }' '$TMP/out'"
expect_status 0 "TSV fields" "$S" -d "$IDX" --rank bm25 --tsv --fields article,passage,score,text drone
check "TSV: chosen columns" sh -c "head -1 '$TMP/out' | awk -F'\t' '\$1 == \"pertahanan/drone-latih.txt\" && \$2 == 2 && NF == 4 { ok = 1 } END { exit !ok }'"
expect_status 2 "an unknown field" "$S" -d "$IDX" --tsv --fields rank,nope drone
check "the unknown field is named" grep -q '"nope"' "$TMP/err"
expect_status 2 "--fields without --tsv" "$S" -d "$IDX" --fields rank drone
expect_status 2 "two output formats" "$S" -d "$IDX" --json --tsv drone
"$S" -d "$IDX" --json --explain --context 1 -n 1 drone > "$TMP/out"
check "JSON keys: the old ones first, in order, then the new" python3 - "$TMP/out" <<'PY'
import json, sys
h = json.loads(open(sys.argv[1]).readline())
assert list(h) == ["type", "rank", "score", "article", "passage", "title", "text", "snippet",
                   "highlights", "explain", "context", "date", "url", "source", "authors",
                   "categories", "lang"], list(h)
PY
expect_status 0 "help" "$S" --help
for opt in --batch --trec --trec-passages --tsv --fields --explain --context --per-article --rank --model --rerank-depth \
           --count --synonyms --no-synonyms --fix --color --version NEAR AND artikel: "lati\*"; do
  check "help mentions $opt" grep -q -- "$opt" "$TMP/out"
done

# ---- prefix* highlights what it matched.
"$S" -d "$IDX" --json menj* > "$TMP/out"
check "prefix* highlights its words" python3 - "$TMP/out" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    h = json.loads(line)
    if h["type"] != "hit":
        continue
    raw = h["text"].encode()
    words = [raw[s:e].decode() for s, e in h["highlights"]]
    assert words and all(w.lower().startswith("menj") for w in words), words
PY

# ---- the learned ranking: explain parts per feature add up to the score
# (JSON and text), --model and --rank errors name the problem.
: > "$TMP/learned.jsonl"
for q in "drone pelatihan" "Kapan latihan gabungan dimulai?" "Siapakah yang melatih pasukan drone Korut?" \
         "berapa prajurit" "di mana gempa"; do
  "$S" -d "$TMP/big" --json --explain -n 20 "$q" >> "$TMP/learned.jsonl"
done
check "learned explain: one part per feature, adding up to the score" python3 - "$TMP/learned.jsonl" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1]):
    h = json.loads(line)
    if h["type"] != "hit":
        continue
    parts = h["explain"]
    assert len(parts) >= 20 and all("feature" in p and "value" in p for p in parts), parts
    assert parts[0]["feature"] == "bm25"
    total = sum(p["contribution"] for p in parts)
    assert abs(total - h["score"]) < 1e-5, (total, h["score"])
    n += 1
assert n > 20, n
PY
"$S" -d "$TMP/big" --explain -n 3 drone pelatihan > "$TMP/out"
check "learned explain in text: the sum, then each feature's value and part" python3 - "$TMP/out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
sums = re.findall(r"score ([-0-9.]+) = (.*)", text)
assert len(sums) == 3, text
for score, parts in sums:
    assert abs(sum(float(p) for p in parts.split(" + ")) - float(score)) < 1e-4, (score, parts)
assert re.search(r"^ +cover_exact +[0-9.e+-]+ +-> [-0-9.]+$", text, re.M), text
PY
printf 'cari-rank-model 1\nfeature-set 999\n' > "$TMP/old-model.txt"
expect_status 2 "a model of another feature set is refused" "$S" -d "$IDX" --model "$TMP/old-model.txt" drone
check "the refusal names the model file and both versions" \
  grep -q "old-model.txt: model of feature set 999, this cari computes feature set" "$TMP/err"
expect_status 2 "a missing model" "$S" -d "$IDX" --model "$TMP/none-model.txt" drone
check "the missing model is named" grep -q "none-model.txt" "$TMP/err"
expect_status 2 "--model with --rank bm25" "$S" -d "$IDX" --rank bm25 --model "$TMP/old-model.txt" drone
expect_status 2 "an unknown ranking" "$S" -d "$IDX" --rank tfidf drone
check "the unknown ranking is named" grep -q "tfidf" "$TMP/err"
check "the bundled model is in the build tree" test -s "$BIN/../share/cari/rank-model.txt"
expect_status 0 "the bundled model, given as a file" "$S" -d "$IDX" --model "$BIN/../share/cari/rank-model.txt" --tsv drone
"$S" -d "$IDX" --tsv drone > "$TMP/bundled.tsv"
check "ranks as the compiled-in model" cmp -s "$TMP/out" "$TMP/bundled.tsv"
expect_status 0 "--rerank-depth" "$S" -d "$IDX" --rerank-depth 3 --tsv drone
expect_status 2 "--rerank-depth 0" "$S" -d "$IDX" --rerank-depth 0 drone

finish
