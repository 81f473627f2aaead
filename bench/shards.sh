#!/bin/sh
# Scaling out, measured: the same corpus indexed as 1, 2 and 4 shards
# (indexer --shards N), then the same queries through `searcher --batch`
# on each, in one run.  Prints a Markdown table; ratios are against one
# shard measured in the same run.
#
#   bench/shards.sh [--size 10M] [--build DIR] [--cache DIR]
#
# Uses the corpus bench/run.sh builds (run that first for the size).
set -eu
size=10M
build=${CARI_BUILD_DIR:-build}
cache=${CARI_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cari-bench}
seed=20261122
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    *) echo "shards.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
corpus="$cache/corpus-$size-$seed"
[ -f "$corpus/articles.jsonl" ] || { echo "shards.sh: no corpus at $corpus; run bench/run.sh --size $size first" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cari-shards.XXXXXX")
trap 'rm -rf "$work"' EXIT
cut -f2 "$corpus/queries.tsv" > "$work/queries"
mb=$(du -m "$corpus/articles.jsonl" | cut -f1)

# seconds SECONDS_FILE COMMAND...: runs it, writes wall and CPU seconds.
timed() {
  out=$1; shift
  /usr/bin/env time -f "%e %U %S" -o "$out" "$@" > /dev/null
}

echo "| shards | build wall s | build CPU s | index MB | batch: 1,000 queries, wall s | CPU s | queries/s | build vs 1 | queries/s vs 1 |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
base_build=""; base_qps=""
for n in 1 2 4; do
  idx="$work/idx-$n"
  timed "$work/t-build" "$build/bin/cari-indexer" -q -d "$idx" --shards "$n" --jsonl "$corpus/articles.jsonl"
  read -r bw bu bs < "$work/t-build"
  mbytes=$(du -sm "$idx" | cut -f1)
  "$build/bin/cari-searcher" -d "$idx" --batch --json -n 10 < "$work/queries" > /dev/null   # warm-up
  timed "$work/t-query" "$build/bin/cari-searcher" -d "$idx" --batch --json -n 10 < "$work/queries"
  read -r qw qu qs < "$work/t-query"
  qps=$(awk -v w="$qw" 'BEGIN { printf "%.0f", 1000 / (w > 0 ? w : 0.001) }')
  [ -n "$base_build" ] || { base_build=$bw; base_qps=$qps; }
  printf '| %s | %.2f | %.2f | %s | %.2f | %.2f | %s | %.2f | %.2f |\n' "$n" "$bw" \
    "$(awk -v a="$bu" -v b="$bs" 'BEGIN{print a+b}')" "$mbytes" "$qw" \
    "$(awk -v a="$qu" -v b="$qs" 'BEGIN{print a+b}')" "$qps" \
    "$(awk -v a="$bw" -v b="$base_build" 'BEGIN{print a/b}')" \
    "$(awk -v a="$qps" -v b="$base_qps" 'BEGIN{print a/b}')"
done
echo
echo "Corpus: $size ($mb MB of JSON Lines), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end."
