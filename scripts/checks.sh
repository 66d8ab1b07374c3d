# The harness of the shell test scripts (launcher-test.sh, dist-test.sh): a work folder removed on exit, and
# check NAME COMMAND..., which counts and prints ok / not ok (with the last run's output on a failure).
# Sourced; the caller prints its summary with: checks_summary NAME.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() { # check NAME COMMAND...: passes when COMMAND succeeds
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1)); echo "ok - $name"
  else
    failed=$((failed + 1)); echo "not ok - $name"
    echo "  stdout: $(head -c 2000 "$work/out" 2>/dev/null)"
    echo "  stderr: $(head -c 2000 "$work/err" 2>/dev/null)"
  fi
}

checks_summary() { # checks_summary NAME: the counts, and the exit status (0 when nothing failed)
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
