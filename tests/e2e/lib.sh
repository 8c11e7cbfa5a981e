# tests/e2e/lib.sh — tiny assertions for end-to-end scripts (sourced).
e2e_pass=0
e2e_fail=0

ok()   { e2e_pass=$((e2e_pass + 1)); printf '  ok    %s\n' "$1"; }
bad()  { e2e_fail=$((e2e_fail + 1)); printf '  FAIL  %s\n' "$1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/        /'; }

# expect_exit CODE NAME CMD… — the command exits with CODE.
expect_exit() {
  local want=$1 name=$2; shift 2
  local out rc
  out=$("$@" 2>&1 </dev/null); rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$name (exit $rc)"; else bad "$name: exit $rc, expected $want" "$out"; fi
}

# expect_output NAME REGEX CMD… — stdout+stderr match the extended REGEX.
expect_output() {
  local name=$1 re=$2; shift 2
  local out
  out=$("$@" 2>&1 </dev/null)
  if grep -Eq -- "$re" <<<"$out"; then ok "$name"; else bad "$name: no match for /$re/" "$out"; fi
}

summary() {
  echo "e2e: $e2e_pass passed, $e2e_fail failed"
  [ "$e2e_fail" -eq 0 ]
}
