#!/bin/sh
# The cost of articles' metadata (issue 16's targets), in one run:
#  - building the corpus with a date, source, URL, author and category on
#    every article against building it without (target: at most 5% more);
#  - a search with a date range or a source filter against the same search
#    without (target: no slower), --facets source,category,year against a
#    plain search (at most 2x), --sort date against relevance (p50 at most
#    1.5x).
# Builds and query variants alternate over ROUNDS so that all see the same
# machine load; the medians are printed as a Markdown table of ratios.
#
#   bench/meta.sh CORPUS [ROUNDS] [WORK]
#
# CORPUS: a folder of bench/run.sh's cache holding articles.jsonl and
# queries.tsv (CACHE/corpus-SIZE-SEED).  ROUNDS default 3.  WORK (default
# a temporary folder) holds the two indexes.  The metadata is made up
# deterministically from each line's number: dates over 2019-2025, 20
# sources, 12 categories, 50 authors.
set -eu
corpus=${1:?usage: bench/meta.sh CORPUS [ROUNDS] [WORK]}
rounds=${2:-3}
build=${CARI_BUILD_DIR:-build}
bin=$build/bin
work=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cari-meta-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -n "$work" ] || work=$tmp
mkdir -p "$work"

# The same articles with metadata keys in front of their own.
awk '{
  n = NR * 2654435761 % 4294967296
  y = 2019 + n % 7; m = 1 + int(n / 8) % 12; d = 1 + int(n / 96) % 28
  h = int(n / 2688) % 24
  sub(/^\{/, sprintf("{\"date\": \"%04d-%02d-%02dT%02d:15:00+07:00\", \"source\": \"Sumber %d\", " \
      "\"url\": \"https://sumber%d.example/%d\", \"authors\": [\"Penulis %d\"], " \
      "\"categories\": [\"kategori %d\"], ", y, m, d, h, n % 20, n % 20, NR, n % 50, n % 12))
  print
}' "$corpus/articles.jsonl" > "$tmp/meta.jsonl"
cut -f2 "$corpus/queries.tsv" > "$tmp/q.txt"

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# build NAME JSONL: one fresh build, its wall seconds appended to
# NAME.build and its CPU seconds (user + system: steadier on a shared
# machine) to NAME.cpu
build_once() {
  rm -rf "$work/$1"
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tmp/time" "$bin/cari-indexer" -q -d "$work/$1" --jsonl "$2"
  seconds "$t0" "$(now)" >> "$tmp/$1.build"
  awk '{ printf "%.2f\n", $1 + $2 }' "$tmp/time" >> "$tmp/$1.cpu"
}

# query NAME OPTIONS...: one --batch pass over the queries on the
# metadata index; the p50 of the queries' own times goes to NAME.p50, the
# pass's wall seconds to NAME.wall, its CPU seconds (user + system, which
# the machine's other load disturbs less) to NAME.qcpu
query_once() {
  name=$1; shift
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tmp/time" \
    "$bin/cari-searcher" -d "$work/meta" --json -n 10 --batch -j 1 --rank bm25 "$@" \
    < "$tmp/q.txt" > "$tmp/out" 2>/dev/null || true
  seconds "$t0" "$(now)" >> "$tmp/$name.wall"
  awk '{ printf "%.2f\n", $1 + $2 }' "$tmp/time" >> "$tmp/$name.qcpu"
  sed -n 's/.*"type":"summary".*"elapsed_ms":\([0-9.]*\)}$/\1/p' "$tmp/out" | median >> "$tmp/$name.p50"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
r=1
while [ "$r" -le "$rounds" ]; do
  build_once plain "$corpus/articles.jsonl"
  build_once meta "$tmp/meta.jsonl"
  query_once plain
  query_once since --since 2025-01-01
  query_once source --source "Sumber 3"
  query_once facets --facets source,category,year
  query_once sortdate --sort date
  r=$((r + 1))
done

m() { median < "$tmp/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }
echo "| | median | against | ratio | target |"
echo "|---|--:|---|--:|---|"
echo "| build with metadata, CPU s | $(m meta.cpu) | without: $(m plain.cpu) | $(ratio "$(m meta.cpu)" "$(m plain.cpu)") | <= 1.05 |"
echo "| build with metadata, wall s | $(m meta.build) | without: $(m plain.build) | $(ratio "$(m meta.build)" "$(m plain.build)") | |"
for v in since source facets sortdate; do
  case $v in
    since) what="--since 2025-01-01"; target="<= 1.00" ;;
    source) what="--source"; target="<= 1.00" ;;
    facets) what="--facets source,category,year"; target="<= 2.00" ;;
    sortdate) what="--sort date"; target="<= 1.50 (p50)" ;;
  esac
  echo "| $what: query p50 ms | $(m $v.p50) | plain: $(m plain.p50) | $(ratio "$(m $v.p50)" "$(m plain.p50)") | $target |"
  echo "| $what: --batch of $(wc -l < "$tmp/q.txt") queries, s | $(m $v.wall) | plain: $(m plain.wall) | $(ratio "$(m $v.wall)" "$(m plain.wall)") | |"
  echo "| $what: --batch of $(wc -l < "$tmp/q.txt") queries, CPU s | $(m $v.qcpu) | plain: $(m plain.qcpu) | $(ratio "$(m $v.qcpu)" "$(m plain.qcpu)") | |"
done
echo
echo "load average at the start: $load0; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
