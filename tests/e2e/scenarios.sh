# tests/e2e/scenarios.sh — every shipped scenario, as a user runs it: its
# expectations hold (exit 0), its trace matches the golden file byte for
# byte, a second run prints the same bytes, and --json writes a file.
# Monte Carlo scenarios (replications > 1, or a sweep) have no single trace:
# for them, -j 1 and -j 2 must give the same JSON apart from the run object.
# Sourced by run.sh ($LMSIM, lib.sh).  Regenerate the golden files with
# `make regen-golden` and review the diff.

sc_tmp=$(mktemp -d)
montecarlo() { grep -Eq '^sweep |^replications +([2-9]|[1-9][0-9])' "$1"; }
for f in scenarios/*.sc; do
  name=$(basename "$f" .sc)
  if montecarlo "$f"; then
    "$LMSIM" -j 1 --json "$sc_tmp/$name.1.json" "$f" >"$sc_tmp/$name.out" 2>&1 </dev/null
    rc=$?
    if [ "$rc" -eq 0 ]; then ok "$name: every expectation holds (Monte Carlo)"; else bad "$name: exit $rc" "$(tail -n 20 "$sc_tmp/$name.out")"; fi
    "$LMSIM" -q -j 2 --json "$sc_tmp/$name.2.json" "$f" >/dev/null 2>&1 </dev/null
    if diff <(grep -Ev '"(wall_s|jobs)"' "$sc_tmp/$name.1.json") <(grep -Ev '"(wall_s|jobs)"' "$sc_tmp/$name.2.json") >/dev/null \
       && grep -q '"interconnects"' "$sc_tmp/$name.1.json"; then
      ok "$name: -j 1 and -j 2 give the same JSON"
    else
      bad "$name: -j 1 and -j 2 differ (or no JSON)"
    fi
    continue
  fi
  "$LMSIM" --trace "$sc_tmp/$name.trace" --json "$sc_tmp/$name.json" "$f" >"$sc_tmp/$name.out" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -eq 0 ]; then ok "$name: every expectation holds"; else bad "$name: exit $rc" "$(tail -n 20 "$sc_tmp/$name.out")"; fi
  if [ ! -f "tests/golden/$name.trace" ]; then
    bad "$name: no golden trace (make regen-golden)"
  elif cmp -s "tests/golden/$name.trace" "$sc_tmp/$name.trace"; then
    ok "$name: trace matches tests/golden/$name.trace"
  else
    bad "$name: trace differs from tests/golden/$name.trace" \
        "$(diff "tests/golden/$name.trace" "$sc_tmp/$name.trace" | head -n 10)"
  fi
  "$LMSIM" "$f" >"$sc_tmp/$name.again" 2>&1 </dev/null
  if cmp -s "$sc_tmp/$name.out" "$sc_tmp/$name.again"; then ok "$name: same seed, same report"; else bad "$name: the report changed between two runs"; fi
  if grep -q '"interconnects"' "$sc_tmp/$name.json" 2>/dev/null; then ok "$name: --json written"; else bad "$name: --json missing or empty"; fi
done

# a broken budget exits 1 and says FAIL
"$LMSIM" --set bgp.bfd=off scenarios/silent-link-failure.sc >"$sc_tmp/fail.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^  FAIL ' "$sc_tmp/fail.out"; then ok "a broken budget exits 1 with FAIL"; else bad "broken budget: exit $rc" "$(tail -n 8 "$sc_tmp/fail.out")"; fi
# --json into a folder that does not exist: exit 2, nothing half-written
"$LMSIM" -q --json /nonexistent/dir/out.json scenarios/site-failure.sc >/dev/null 2>"$sc_tmp/err" </dev/null
rc=$?
if [ "$rc" -eq 2 ]; then ok "--json into a missing folder is exit 2"; else bad "--json into a missing folder: exit $rc" "$(cat "$sc_tmp/err")"; fi
rm -rf "$sc_tmp"
