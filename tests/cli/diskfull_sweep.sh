#!/bin/sh
# Helper of diskfull_test.sh: runs the indexer on a small filesystem of
# each size given, and prints one line per run:
#   SIZE_KB KIND EXIT LEFT LISTED CHECK
# KIND is "fresh" (a first build of CORPUS), "rebuild" (--rebuild of an
# index of OLD with CORPUS) or, in MODE "compact", "compact" (--compact of
# an index of CORPUS on a 5 MB tmpfs filled but for SIZE_KB); LEFT the entries beside the index (besides
# the index itself; "-" for none); LISTED whether --list still prints what
# it printed before the run (rebuild only; "-" otherwise); CHECK the exit
# status of --check afterwards ("-" when there is no index).
#   diskfull_sweep.sh MODE BIN CORPUS OLD WORK SIZE_KB...
# MODE "tmpfs": each run gets a tmpfs of SIZE_KB mounted at WORK/mnt (the
# script must run as root of a mount namespace: unshare -rm).  MODE
# "fsize": each run is limited to files of SIZE_KB (ulimit -f, which makes
# writes fail with EFBIG rather than ENOSPC) in WORK/mnt.
set -u
mode=$1 BIN=$2 corpus=$3 old=$4 work=$5
shift 5
M="$work/mnt"
mkdir -p "$M"
trap '' XFSZ
# Runs the indexer with the disk limit of the mode; returns its status.
limited() {
  if [ "$mode" = fsize ]; then
    (ulimit -f "$((kb * 2))" && exec "$BIN/cari-indexer" "$@")
  else
    "$BIN/cari-indexer" "$@"
  fi
}
left() {
  l=$(ls -A "$M" | grep -v '^idx$' | tr '\n' ' ')
  echo "${l:--}" | tr ' ' ','
}
# --compact with SIZE_KB free on a tmpfs (where its first commit fails).
if [ "$mode" = compact ]; then
  for kb in "$@"; do
    mount -t tmpfs -o size=5000k tmpfs "$M" || exit 3
    "$BIN/cari-indexer" -q -d "$M/idx" "$corpus" > /dev/null 2>&1
    "$BIN/cari-indexer" -d "$M/idx" --list > "$work/before" 2>&1
    free=$(df -k "$M" | awk 'NR == 2 { print $4 }')
    [ "$free" -gt "$kb" ] && dd if=/dev/zero of="$M/filler" bs=1k count=$((free - kb)) 2> /dev/null
    "$BIN/cari-indexer" -q -d "$M/idx" --compact > "$work/out" 2>&1
    st=$?
    rm -f "$M/filler"
    "$BIN/cari-indexer" -d "$M/idx" --list > "$work/after" 2>&1
    if cmp -s "$work/before" "$work/after"; then listed=same; else listed=changed; fi
    l=$( (ls -A "$M" | grep -v '^idx$'; ls -A "$M/idx" | grep -v '\.glass$\|^iamglass$\|^flintlock$\|^cari\.compacted-bytes$') | tr '\n' ',')
    "$BIN/cari-indexer" -d "$M/idx" --check > /dev/null 2>&1
    echo "$kb compact $st ${l:--} $listed $?"
    umount "$M"
  done
  exit 0
fi
for kb in "$@"; do
  for kind in fresh rebuild; do
    if [ "$mode" = tmpfs ]; then
      mount -t tmpfs -o "size=${kb}k" tmpfs "$M" || exit 3
    else
      rm -rf "$M" && mkdir -p "$M"
    fi
    listed=-
    if [ $kind = rebuild ]; then
      if ! "$BIN/cari-indexer" -q -d "$M/idx" "$old" > /dev/null 2>&1; then
        [ "$mode" = tmpfs ] && umount "$M"
        continue # too small for even the old index
      fi
      "$BIN/cari-indexer" -d "$M/idx" --list > "$work/before" 2>&1
      limited -q -d "$M/idx" --rebuild "$corpus" > "$work/out" 2>&1
    else
      limited -q -d "$M/idx" "$corpus" > "$work/out" 2>&1
    fi
    st=$?
    if [ $kind = rebuild ]; then
      "$BIN/cari-indexer" -d "$M/idx" --list > "$work/after" 2>&1
      if [ $st -eq 0 ] || cmp -s "$work/before" "$work/after"; then listed=same; else listed=changed; fi
    fi
    ck=-
    if [ -e "$M/idx" ]; then
      "$BIN/cari-indexer" -d "$M/idx" --check > /dev/null 2>&1
      ck=$?
    fi
    echo "$kb $kind $st $(left) $listed $ck"
    [ $st -eq 0 ] || [ $st -eq 2 ] || sed 's/^/    /' "$work/out"
    if [ "$mode" = tmpfs ]; then umount "$M"; fi
  done
done
