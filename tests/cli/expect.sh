# The checks the command-line tests share. Source it after setting `scratch`
# (a temporary folder): each command's outputs go to $scratch/out and
# $scratch/err, every failed check is counted, and `finish NAME` ends the
# test, failing when any check did.

failures=0

# fail MESSAGE: counts a failed check.
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_exit CODE COMMAND...: runs COMMAND and checks its exit code.
expect_exit() {
  local want=$1
  shift
  local got=0
  "$@" >"$scratch/out" 2>"$scratch/err" || got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got, wanted $want: $*"
    cat "$scratch/out" "$scratch/err" >&2
  fi
}

# expect_output TEXT: the last command's standard output contains TEXT.
expect_output() {
  grep -qF -- "$1" "$scratch/out" || { fail "output lacks: $1"; cat "$scratch/out" >&2; }
}

# expect_error TEXT: the last command's standard error contains TEXT.
expect_error() {
  grep -qF -- "$1" "$scratch/err" || { fail "error lacks: $1"; cat "$scratch/err" >&2; }
}

# finish NAME: exits 1 after any failed check, else says NAME passed.
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  echo "$1: all checks passed"
}
