# Helpers for the CLI tests: each test script sources this file.
#   BIN   folder with cari-indexer, cari-searcher, cari-stemmer
#   SRC   the source tree
# Checks count passes and failures; `finish` prints "N passed, N failed"
# and exits non-zero when anything failed.
set -u
BIN=$(cd "${1:?usage: test.sh BIN SRC}" && pwd)
SRC=$(cd "${2:?usage: test.sh BIN SRC}" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cari-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*" >&2; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
  desc=$1; shift
  if "$@"; then pass; else fail "$desc"; fi
}

# expect_status N DESCRIPTION COMMAND...: the command exits with N.
expect_status() {
  want=$1; desc=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$desc: exit $got, wanted $want"; cat "$TMP/err" >&2; fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# The searcher's --json output holds, after each query's hits, a summary
# line with the milliseconds the search took: the one part that differs
# between two runs of the same search.
# untime FILE...: removes the time from each summary line, in place.
untime() {
  for f in "$@"; do
    sed 's/,"elapsed_ms":[0-9.]*}$/}/' "$f" > "$f.untimed" && mv "$f.untimed" "$f"
  done
}

# hits FILE: the hit lines of a --json output, to stdout.
hits() {
  grep '^{"type":"hit"' "$1"
}
