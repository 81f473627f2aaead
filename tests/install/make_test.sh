#!/bin/sh
# `make test` runs its three passes (Release, ASan+UBSan, TSan) even when
# an earlier one fails, names every pass that failed with its failed
# tests, and exits non-zero if any did.  Run on the Makefile's test-passes
# with stand-ins for cmake and ctest.
. "$(dirname "$0")/../cli/lib.sh"
B="$TMP/build"
mkdir -p "$B/asan" "$B/tsan"
# A ctest that logs where it ran and fails in the folders named in $FAIL,
# recording a failed test there as ctest does.
cat > "$TMP/ctest" <<'SH'
#!/bin/sh
pass=$(basename "$PWD")
echo "$pass" >> "$LOG"
case " $FAIL " in
  *" $pass "*) mkdir -p Testing/Temporary
               echo "7:cli.broken_in_$pass" > Testing/Temporary/LastTestsFailed.log
               exit 8 ;;
esac
exit 0
SH
chmod +x "$TMP/ctest"

# passes FAIL: runs the passes with ctest failing in FAIL's folders.
passes() {
  : > "$TMP/log"
  LOG="$TMP/log" FAIL="$1" make -s -C "$SRC" test-passes BUILD="$B" CMAKE=true \
    CTEST="$TMP/ctest" > "$TMP/out" 2> "$TMP/err"
}

passes ""
check "all passing: exit 0" test $? -eq 0
check "all passing: three passes ran" test "$(tr '\n' ' ' < "$TMP/log")" = "build asan tsan "

passes "build"
check "the first pass failing: exit non-zero" test $? -ne 0
check "the first pass failing: the other two still ran" \
  test "$(tr '\n' ' ' < "$TMP/log")" = "build asan tsan "
check "the failed pass is named with its test" grep -q "release pass failed: cli.broken_in_build" "$TMP/err"
check "only the failed pass is named" test "$(grep -c "^make test:" "$TMP/err")" -eq 1

passes "build asan tsan"
check "every pass failing: exit non-zero" test $? -ne 0
check "every failed pass is named" test "$(grep -c 'pass failed: cli.broken_in' "$TMP/err")" -eq 3

passes "tsan"
check "the last pass failing: exit non-zero" test $? -ne 0
check "the last pass failing: named" grep -q "tsan pass failed: cli.broken_in_tsan" "$TMP/err"
finish
