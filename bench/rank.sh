#!/bin/sh
# The learned ranking's cost: query latency and --batch throughput with
# the second stage (the default) against --rank bm25, on the same index
# and queries, alternating runs so that both see the same machine load.
#   bench/rank.sh INDEX QUERIES [ROUNDS] [DEPTHS] [MODEL-FILE]
# INDEX: a cari index (bench/run.sh leaves one in CACHE/run-SIZE/cari-index);
# QUERIES: its queries.tsv.  ROUNDS (default 3) alternations; DEPTHS
# (default "100") the re-ranking depths to measure besides BM25.  Prints
# a Markdown table of medians over the rounds and the ratios to BM25.
# MODEL-FILE: a model measured too (at the default depth) beside the
# bundled one, e.g. a linear model against the bundled trees.
set -eu
index=$1
queries=$2
rounds=${3:-3}
depths=${4:-100}
model=${5:-}
build=${CARI_BUILD_DIR:-build}
bin=$build/bin
tools=$build/bench
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cari-rank-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cut -f2 "$queries" > "$tmp/q.txt"
kv() { tr ' ' '\n' < "$1" | sed -n "s/^$2=//p"; }
# One measurement: NAME, then the ranking (bm25, or learned DEPTH).
measure() {
  name=$1; shift
  "$tools/cari-query-bench" "$index" "$queries" "$@" > "$tmp/$name.lat.$r"
  if [ "$1" = bm25 ]; then set -- --rank bm25
  elif [ $# -ge 3 ]; then set -- --rerank-depth "$2" --model "$3"
  else set -- --rerank-depth "$2"; fi
  s0=$(date +%s.%N)
  "$bin/cari-searcher" -d "$index" --json -n 10 --batch -j 1 "$@" < "$tmp/q.txt" > /dev/null 2>&1
  s1=$(date +%s.%N)
  echo "$s0 $s1" | awk '{ printf "%.3f\n", $2 - $1 }' > "$tmp/$name.batch.$r"
}
r=1
while [ "$r" -le "$rounds" ]; do
  measure bm25 bm25
  for d in $depths; do
    measure "d$d" learned "$d"
  done
  if [ -n "$model" ]; then measure model learned 20 "$model"; fi
  r=$((r + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
p50() { for f in "$tmp/$1".lat.*; do kv "$f" p50_ms; done | median; }
bat() { cat "$tmp/$1".batch.* | median; }
b50=$(p50 bm25)
bb=$(bat bm25)
echo "| ranking | query p50, ms | vs bm25 | --batch -j 1, s | vs bm25 |"
echo "|---|--:|--:|--:|--:|"
echo "| --rank bm25 | $b50 | 1.00 | $bb | 1.00 |"
for d in $depths; do
  p=$(p50 "d$d")
  b=$(bat "d$d")
  awk -v d="$d" -v p="$p" -v b="$b" -v p0="$b50" -v b0="$bb" \
    'BEGIN { printf "| learned, depth %s | %s | %.2f | %s | %.2f |\n", d, p, p / p0, b, b / b0 }'
done
if [ -n "$model" ]; then
  p=$(p50 model)
  b=$(bat model)
  awk -v m="$model" -v p="$p" -v b="$b" -v p0="$b50" -v b0="$bb" \
    'BEGIN { printf "| learned, depth 20, %s | %s | %.2f | %s | %.2f |\n", m, p, p / p0, b, b / b0 }'
fi
echo
echo "($rounds rounds, medians; $(wc -l < "$tmp/q.txt") queries; index $index)"
