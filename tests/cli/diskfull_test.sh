#!/bin/sh
# A disk that fills during a fresh build or a rebuild, at many points: every
# run ends with exit 0 or 2 (never an abort), leaves nothing beside the
# index (no INDEX.new-* folder, no INDEX.lock), and a failed rebuild leaves
# the old index as it was.  The disk is a tmpfs of each size in a private
# mount namespace (unshare -rm), or, where namespaces are not allowed, a
# limit on file sizes (ulimit -f: writes fail with EFBIG instead, which
# exercises the same error paths but not Xapian's failures inside a
# commit).  One build thread, so that each size fails at the same point
# every time.
. "$(dirname "$0")/lib.sh"
python3 "$SRC/tests/cli/gen_corpus.py" "$TMP/corpus" 600
# The old index's articles live one folder down, so their ids (lama/...)
# differ from the corpus's: the rebuild reads both folders again, and ids
# must be unique across the folders of a run.
python3 "$SRC/tests/cli/gen_corpus.py" "$TMP/old/lama" 30
mode=fsize
if unshare -rm sh -c "mkdir -p '$TMP/probe' && mount -t tmpfs -o size=64k tmpfs '$TMP/probe'" \
     2>/dev/null; then
  mode=tmpfs
fi
echo "disk full by: $mode"
# Sizes from too small for anything to large enough for the whole build
# (about 4.5 MB); sanitizer builds are slower and take every fifth.
step=70
[ -n "${CARI_SANITIZED:-}" ] && step=350
sizes=$(seq 200 $step 4900)
LSAN_OPTIONS="suppressions=$SRC/tests/cli/xapian-failure-leaks.supp:print_suppressions=0"
export LSAN_OPTIONS
if [ $mode = tmpfs ]; then
  CARI_THREADS=1 unshare -rm sh "$SRC/tests/cli/diskfull_sweep.sh" tmpfs "$BIN" \
    "$TMP/corpus" "$TMP/old" "$TMP/work" $sizes > "$TMP/runs"
else
  CARI_THREADS=1 sh "$SRC/tests/cli/diskfull_sweep.sh" fsize "$BIN" \
    "$TMP/corpus" "$TMP/old" "$TMP/work" $sizes > "$TMP/runs"
fi
# --compact on a full disk (tmpfs only): its first commit fails, where
# Xapian leaves its unfinished version file v.tmp in the index.
[ $mode = tmpfs ] && unshare -rm sh "$SRC/tests/cli/diskfull_sweep.sh" compact "$BIN" \
  "$TMP/corpus" - "$TMP/work" 0 100 400 1000 >> "$TMP/runs"
check "the sweep ran" test -s "$TMP/runs"
bad=0 failed=0 done=0
while read -r kb kind st left listed ck; do
  case $kb in ''|*[!0-9]*) continue ;; esac # an indented message of a bad run
  case $st in
    0) done=$((done + 1)) ;;
    2) failed=$((failed + 1)) ;;
    *) bad=$((bad + 1)); echo "$kb KB, $kind: exit $st" >&2 ;;
  esac
  [ "$left" = - ] || { bad=$((bad + 1)); echo "$kb KB, $kind: left $left" >&2; }
  if [ $kind = rebuild ] || [ $kind = compact ]; then
    [ "$listed" = same ] || { bad=$((bad + 1)); echo "$kb KB: a failed rebuild changed the index" >&2; }
    [ "$ck" = 0 ] || { bad=$((bad + 1)); echo "$kb KB, rebuild: --check exit $ck" >&2; }
  elif [ "$st" = 2 ] && [ "$ck" != - ]; then
    bad=$((bad + 1)); echo "$kb KB: a failed first build left an index" >&2
  fi
done < "$TMP/runs"
grep '^    ' "$TMP/runs" >&2
check "every run ended in exit 0 or 2 with nothing left beside the index, and a failed rebuild left the old index ($bad bad)" test "$bad" -eq 0
check "the disk filled in some runs ($failed) and not in others ($done)" \
  test "$failed" -gt 10 -a "$done" -gt 0
finish
