#!/bin/sh
# cari-eval on eval/testdata, checked against values worked out by hand.
#
# The collection (8 passages, 6 queries) is written so that every
# configuration ranks it the same way:
#   q1 relevant p1 at rank 1          rr 1    ndcg 1                   R 1
#   q2 relevant p4 at rank 1          rr 1    ndcg 1                   R 1
#   q3 relevant p2 at rank 2 (p4 1st) rr 1/2  ndcg 1/log2(3) = 0.6309  R 1
#   q4 relevant p8 (1st; cari splits it into two passages, counted once)
#      and p6 (never found)           rr 1    ndcg 1/(1+1/log2 3) = 0.6131  R 1/2
#   q5 relevant p7, nothing matches   rr 0    ndcg 0                   R 0
#   q6 no judgments (left out of MRR, nDCG and R), answer found
# MRR@10 = 3.5/5 = 0.7000; nDCG@10 = 3.2441/5 = 0.6488; R@100 = 3.5/5 = 0.7000.
# Answers: q1 ("HUTAN  RIAU": case and spaces), q2, q3 (at rank 2), q4 (in
# the second half of p8), q6 found, q5 not: Ans@10 = 5/6 = 0.8333.
#
# usage: eval_smoke.sh CARI-EVAL TESTDATA-DIR
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" \
    --qrels "$data/queries.qrels" --answers "$data/answers.tsv" \
    --work "$tmp/work" --runs "$tmp/runs" --markdown "$tmp/table.md" \
    > "$tmp/out" 2> "$tmp/err" || fail "exit $?: $(cat "$tmp/err")"

cmp -s "$tmp/out" "$tmp/table.md" || fail "stdout and --markdown differ"
grep -q '^- queries: 6 queries, 5 judged, 6 with answers$' "$tmp/out" ||
    fail "set summary: $(head -1 "$tmp/out")"
rows=$(grep -c '^| [a-z-]* \(keep\|drop\)\( syn\)\? k1=1.2 b=0.75 *| queries |' "$tmp/out")
[ "$rows" = 12 ] || fail "want 12 table rows, got $rows"
good=$(grep '^| [a-z-]* \(keep\|drop\)\( syn\)\? k1=1.2 b=0.75 *| queries |' "$tmp/out" |
    grep -c '|  0.7000 |  0.6488 |  0.7000 |  0.8333 |$')
[ "$good" = 12 ] || fail "metrics: $(grep '| queries |' "$tmp/out")"
grep -q '^Best by mean MRR@10: ' "$tmp/out" || fail "no best line"
grep -q '^- queries: MRR@10 +0.0000 (±0.0000), nDCG@10 +0.0000, R@100 +0.0000, Ans@10 +0.0000$' \
    "$tmp/out" || fail "gain line"

runs=$(ls "$tmp/runs" | wc -l)
[ "$runs" = 12 ] || fail "want 12 run files, got $runs"
run=$tmp/runs/queries.snowball-keep-k1.2-b0.75.run
[ -f "$run" ] || fail "no $run"
awk 'NF != 6 || $2 != "Q0" || $6 != "snowball-keep-k1.2-b0.75" { exit 1 }' "$run" ||
    fail "run file format"
awk '$1 == "t-q4"' "$run" | awk 'END { exit !(NR == 1) } $3 != "t-p8" || $4 != 1 { exit 1 }' ||
    fail "q4 should rank p8 once: $(grep t-q4 "$run")"
awk '$1 == "t-q3" && $4 <= 2 { printf "%s ", $3 }' "$run" | grep -q '^t-p4 t-p2 $' ||
    fail "q3 should rank p4 then p2: $(grep t-q3 "$run")"
! grep -q '^t-q5 ' "$run" || fail "q5 should find nothing"
awk '$1 == prev && $5 > score + 1e-9 { exit 1 } { prev = $1; score = $5 }' "$run" ||
    fail "scores not decreasing"

# --limit-queries 2: q1 and q2 only, both perfect.
"$bin" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" \
    --qrels "$data/queries.qrels" --answers "$data/answers.tsv" \
    --stemmers snowball --stopwords keep --synonyms off --limit-queries 2 -q > "$tmp/out2" ||
    fail "limit run"
grep -q '^| snowball keep k1=1.2 b=0.75 | queries |  1.0000 |  1.0000 |  1.0000 |  1.0000 |$' \
    "$tmp/out2" || fail "limit: $(grep '| queries |' "$tmp/out2")"

# Errors: exit 2 and one line naming the program.
"$bin" --corpus "$data/corpus.tsv" --queries "$data/queries.tsv" > /dev/null 2> "$tmp/err"
[ $? = 2 ] || fail "missing --qrels should exit 2"
"$bin" --corpus "$tmp/none.tsv" --queries "$data/queries.tsv" --qrels "$data/queries.qrels" \
    > /dev/null 2> "$tmp/err"
[ $? = 2 ] || fail "missing corpus should exit 2"
grep -q "^cari-eval: $tmp/none.tsv: No such file or directory$" "$tmp/err" ||
    fail "error message: $(cat "$tmp/err")"
echo ok
