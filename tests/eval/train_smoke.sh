#!/bin/sh
# cari-train on eval/testdata: it fits and writes a model that the searcher
# loads, the library ranks as the trainer did (--check), the same works on
# an existing index (--index), and bad input is refused naming the file.
#
# usage: train_smoke.sh CARI-TRAIN CARI-INDEXER CARI-SEARCHER TESTDATA-DIR
set -u
train=$1
indexer=$2
searcher=$3
data=$4
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cari-train-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
check() {
  desc=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $desc"; fi
}

"$train" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" --qrels "$data/queries.qrels" \
  --folds 2 --work "$TMP/work" --out "$TMP/model.txt" --check -q > "$TMP/report" 2> "$TMP/err"
check "cari-train exits 0" test $? -eq 0
check "the report has the cross-validated table" grep -q '^| queries | 6 | 5 |' "$TMP/report"
check "the model names its format and feature set" sh -c \
  "grep -q '^cari-rank-model 2\$' '$TMP/model.txt' && grep -q '^feature-set [0-9]' '$TMP/model.txt'"
check "the model has its trees" test "$(grep -c '^tree [0-9]' "$TMP/model.txt")" -ge 1
check "the library ranks as the trainer did" grep -q 'for 6 of 6 questions' "$TMP/report"
"$train" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" --qrels "$data/queries.qrels" \
  --folds 2 --work "$TMP/work" --reuse-index --out "$TMP/model2.txt" -q > /dev/null 2>&1
check "the same data gives the same trees" cmp -s "$TMP/model.txt" "$TMP/model2.txt"

# The linear learner, and the features for other learners.
"$train" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" --qrels "$data/queries.qrels" \
  --folds 2 --work "$TMP/work" --reuse-index --learner linear --out "$TMP/linear.txt" --check \
  --features "$TMP/features.txt" -q > "$TMP/report-linear" 2> "$TMP/err"
check "--learner linear exits 0" test $? -eq 0
check "a linear model is format 1" grep -q '^cari-rank-model 1$' "$TMP/linear.txt"
check "the linear model has a line per feature" test "$(sed -n '/^feature-set/,$p' "$TMP/linear.txt" | grep -c '^[a-z_0-9]* ')" -ge 20
check "the library ranks as the linear trainer did" grep -q 'for 6 of 6 questions' "$TMP/report-linear"
check "--features writes LETOR lines" grep -Eq '^[0-9]+ qid:[0-9]+ 1:[^ ]+ 2:' "$TMP/features.txt"
check "--features names the features" grep -q '^# cari-train features: 1=bm25 2=bm25_rel' "$TMP/features.txt"
"$train" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" --qrels "$data/queries.qrels" \
  --learner forest -q > /dev/null 2> "$TMP/err"
check "an unknown learner: exit 2" test $? -eq 2
check "it is named" grep -q "forest" "$TMP/err"
"$searcher" -d "$TMP/work/stemmer-id-b0.75" --model "$TMP/model.txt" --tsv --fields article \
  'Kopi toraja' > "$TMP/hits"
check "the searcher loads the model" test -s "$TMP/hits"

# An existing index: qrels name article ids.
"$train" --index "$TMP/work/stemmer-id-b0.75" --queries "$data/queries.tsv" \
  --qrels "$data/queries.qrels" --folds 2 -q > "$TMP/report2"
check "--index works" test $? -eq 0
check "--index reports the same first pass" sh -c \
  "grep '^| queries' '$TMP/report' | cut -d'|' -f6 > '$TMP/a'; grep '^| queries' '$TMP/report2' | cut -d'|' -f5 > '$TMP/b'; cmp -s '$TMP/a' '$TMP/b'"

# Bad input.
"$train" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" --qrels "$TMP/none.qrels" \
  -q > /dev/null 2> "$TMP/err"
check "a missing qrels file: exit 2" test $? -eq 2
check "it is named" grep -q "none.qrels" "$TMP/err"
printf 't-q1 0 t-p1\n' > "$TMP/bad.qrels"
"$train" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" --qrels "$TMP/bad.qrels" \
  -q > /dev/null 2> "$TMP/err"
check "a malformed qrels line: exit 2" test $? -eq 2
check "its file and line are named" grep -q "bad.qrels:1:" "$TMP/err"
"$train" --queries "$data/queries.tsv" --qrels "$data/queries.qrels" -q > /dev/null 2> "$TMP/err"
check "no corpus or index: exit 2" test $? -eq 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
