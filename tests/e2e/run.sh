#!/usr/bin/env bash
# tests/e2e/run.sh — end-to-end runs of the program as a user runs it.
# Usage: LMSIM=build/lmsim bash tests/e2e/run.sh
# Runs the checks below, then every other tests/e2e/*.sh with $LMSIM set.
# Ends with the line "e2e: N passed, N failed".
set -uo pipefail
LMSIM=${LMSIM:-build/lmsim}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"
export LMSIM
source "$here/lib.sh"

# --- the program itself
expect_exit 0 "--version" "$LMSIM" --version
expect_output "--version prints 'lmsim <version>'" '^lmsim [0-9]+\.[0-9]+\.[0-9]+$' "$LMSIM" --version
expect_exit 0 "--help" "$LMSIM" --help
expect_output "--help documents exit code 2" '2  bad input or usage' "$LMSIM" --help
expect_exit 2 "no argument is a usage error" "$LMSIM"
expect_exit 2 "an unknown option is a usage error" "$LMSIM" --no-such-option
expect_exit 2 "a missing file is bad input" "$LMSIM" /nonexistent/x.sc

# --- every other script in this folder
for t in "$here"/*.sh; do
  case "$(basename "$t")" in run.sh|lib.sh) continue ;; esac
  source "$t"
done

summary
