#!/bin/sh
# Query latency of cari and its peers on the indexes a bench/run.sh left,
# alternating the tools over several rounds so that all of them see the
# same machine load, then the median of each figure over the rounds and
# the ratios cari/peer (run.sh measures each tool once, one after the
# other: a load that changes between them moves its ratios).
#
#   bench/latency.sh WORK QUERIES [ROUNDS] [PEERS]
#
# WORK: a run.sh work folder (CACHE/run-SIZE: cari-index, xapian-db,
# lucene-idx); QUERIES: its corpus's queries.tsv.  ROUNDS: default 3.
# PEERS: default "xapian lucene" (each left out when its index is
# missing).  Measured per round: all the queries in one process (cari
# through cari.h, its default ranking: cari-query-bench), the `rare`
# kind alone (single rare words), and a fresh process per query for the
# first 200 queries (cari: the real cari-searcher).  Prints a Markdown
# table; exit 0, or 2 when a tool fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$1
queries=$2
rounds=${3:-3}
want=${4:-xapian lucene}
build=${CARI_BUILD_DIR:-$here/../build}
bin=$build/bin
tools=$build/bench
die() { echo "latency.sh: $*" >&2; exit 2; }
[ -d "$work/cari-index" ] || die "$work/cari-index: no cari index (run bench/run.sh first)"
[ -s "$queries" ] || die "$queries: no queries"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cari-latency.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
awk -F '\t' '$1 == "rare"' "$queries" > "$tmp/rare.tsv"
head -n 200 "$queries" > "$tmp/first200.tsv"

lucene_cp=
for j in core analyzers-common queryparser highlighter memory queries; do
  lucene_cp=$lucene_cp:/usr/share/java/lucene-$j-4.10.4.jar
done
classes=$tools/lucene-classes
lucene_cp=$classes$lucene_cp
# Compiled as run.sh does, when Java is there and the class is missing.
if [ ! -f "$classes/LuceneBench.class" ] && command -v javac > /dev/null 2>&1; then
  mkdir -p "$classes"
  javac -nowarn -d "$classes" -cp "${lucene_cp#*:}" "$here/peers/LuceneBench.java" 2> /dev/null || :
fi
peers=
for p in $want; do
  case $p in
    xapian) [ -d "$work/xapian-db" ] && peers="$peers xapian" ;;
    lucene) [ -d "$work/lucene-idx" ] && [ -f "$tools/lucene-classes/LuceneBench.class" ] &&
              peers="$peers lucene" ;;
    *) die "unknown peer '$p' (xapian, lucene)" ;;
  esac
done

# in_process TOOL QUERIES: one process answering every query, its figures.
in_process() {
  case $1 in
    cari) "$tools/cari-query-bench" "$work/cari-index" "$2" ;;
    xapian) "$tools/xapian-plain" query "$work/xapian-db" "$2" ;;
    lucene) java -cp "$lucene_cp" LuceneBench query "$work/lucene-idx" "$2" ;;
  esac
}
# per_process TOOL: a fresh process for each of the first 200 queries.
per_process() {
  case $1 in
    cari) "$tools/benchtime" perquery "$tmp/first200.tsv" -- \
            "$bin/cari-searcher" -d "$work/cari-index" --json -n 10 {} ;;
    xapian) "$tools/benchtime" perquery "$tmp/first200.tsv" -- \
              "$tools/xapian-plain" one "$work/xapian-db" {} ;;
    lucene) : ;;  # a JVM a query: run.sh's 20 say enough
  esac
}
r=1
while [ "$r" -le "$rounds" ]; do
  for t in cari $peers; do
    in_process "$t" "$queries" > "$tmp/$t.all.$r" || die "$t failed"
    in_process "$t" "$tmp/rare.tsv" > "$tmp/$t.rare.$r" || die "$t failed on the rare words"
    per_process "$t" > "$tmp/$t.proc.$r" || die "$t failed per process"
  done
  r=$((r + 1))
done

# fig TOOL PART KEY: the median over the rounds of KEY.
fig() {
  for f in "$tmp/$1.$2".*; do
    tr ' ' '\n' < "$f" | sed -n "s/^$3=//p" | tail -n 1
  done | sort -n | awk 'NF { v[++n] = $1 }
    END { if (!n) print "-"; else print (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2) }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 <= 0) print "-"; else printf "%.2f", a / b }'; }
row() {   # row LABEL PART KEY
  c=$(fig cari "$2" "$3")
  printf '| %s | %s |' "$1" "$c"
  for p in $peers; do
    v=$(fig "$p" "$2" "$3")
    printf ' %s | %s |' "$v" "$(ratio "$c" "$v")"
  done
  echo
}
echo "Medians of $rounds alternating rounds; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo
printf '| ms | cari |'
for p in $peers; do printf ' %s | cari/%s |' "$p" "$p"; done
echo
printf '|---|--:|'
for p in $peers; do printf -- '--:|--:|'; done
echo
row "query p50 (1 process, $(wc -l < "$queries") queries)" all p50_ms
row "query p95" all p95_ms
row "query p99" all p99_ms
row "CPU per query" all cpu_ms
row "rare single word: p50 ($(wc -l < "$tmp/rare.tsv") queries)" rare p50_ms
row "rare single word: CPU per query" rare cpu_ms
row "one-query process: p50 (200 queries)" proc p50_ms
row "one-query process: p99" proc p99_ms
row "one-query process: CPU" proc cpu_ms
