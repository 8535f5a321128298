# shellcheck shell=bash
# lib.bash - shared by the CLI tests (tests/cli/*.sh); sourced, not a test.
#
# Each test is run by CTest as `bash tests/cli/NAME.sh PATH_TO_SIMUL` with
# SIMUL_SOURCE_DIR set to the repository root. A test exits non-zero on the
# first failure and says what differed.
set -euo pipefail

SIMUL=${1:?usage: bash $0 PATH_TO_SIMUL}
# shellcheck disable=SC2034 # used by the tests that source this file
SRC=${SIMUL_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Tests never open a window, whatever the machine they run on.
unset DISPLAY WAYLAND_DISPLAY

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Seconds one run of simul may take before the test calls it hung: a hang
# then fails with the command that hung, before CTest's 300 s timeout
# kills the whole script with no message. 200: the largest case (chess.sh,
# a million boards) took 56 s under ASan on the loaded shared machine.
# A test that expects an answer at once sets it lower for those runs.
SIMUL_LIMIT=${SIMUL_LIMIT:-200}

# run_simul ARGS...: runs simul (SIMUL_LIMIT seconds at most), keeps stdout
# in $TMP/out, stderr in $TMP/err and the exit status in $status; never
# fails by itself. A run that timed out fails the test.
run_simul() {
  set +e
  timeout -k 5 "$SIMUL_LIMIT" "$SIMUL" "$@" >"$TMP/out" 2>"$TMP/err"
  status=$?
  set -e
  # 124: timeout's TERM ended it; 137: TERM did not and KILL did.
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    fail "simul $* did not finish in ${SIMUL_LIMIT} s"
  fi
}

# expect_status N ARGS...: runs simul and fails unless it exits with N.
expect_status() {
  local want=$1
  shift
  run_simul "$@"
  if [ "$status" -ne "$want" ]; then
    echo "--- stdout:" >&2
    cat "$TMP/out" >&2
    echo "--- stderr:" >&2
    cat "$TMP/err" >&2
    fail "simul $* exited $status, expected $want"
  fi
}

# expect_stderr REGEX: the last run's stderr matches the extended regex.
expect_stderr() {
  grep -Eq -- "$1" "$TMP/err" || {
    echo "--- stderr:" >&2
    cat "$TMP/err" >&2
    fail "stderr does not match /$1/"
  }
}

# expect_stderr_is TEXT: the last run's stderr is exactly TEXT and a newline.
expect_stderr_is() {
  [ "$(cat "$TMP/err")" = "$1" ] && [ "$(tail -c1 "$TMP/err" | od -An -c | tr -d ' ')" = '\n' ] || {
    echo "--- stderr:" >&2
    cat "$TMP/err" >&2
    echo "--- expected:" >&2
    echo "$1" >&2
    fail "stderr is not the expected message"
  }
}

# py CODE [ARGS...]: runs python3 (standard library only) with `data`
# bound to the JSON on the last run's stdout; an AssertionError fails the test.
py() {
  local code=$1
  shift
  python3 - "$TMP/out" "$@" <<PYEOF || fail "a JSON check failed (the traceback above says which)"
import json, sys
data = json.load(open(sys.argv[1]))
args = sys.argv[2:]
def result(label):
    for r in data["results"]:
        if r["strategy"] == label:
            return r
    raise AssertionError("no result for " + label)
def eq(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, expected %r" % (what, got, want))
$code
PYEOF
}
