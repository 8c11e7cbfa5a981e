# tests/e2e/rare.sh — the rare-event method as a user runs it (issue 8):
# the options, the shipped examples, a refusal, and -j determinism.
# Sourced by run.sh ($LMSIM, lib.sh).

rare_tmp=$(mktemp -d)
expect_exit 0 "rare: scenarios/rare/default-2x2.sc" "$LMSIM" -q scenarios/rare/default-2x2.sc
expect_output "rare: the default 2 x 2 reachability to about 1 %" \
  'unavailability   3\.[2-4][0-9]*e-08 \[.*\]  ±(0\.[0-9]+|1\.00) %' \
  "$LMSIM" --method rare scenarios/rare/default-2x2.sc
expect_output "rare: --method auto says which method it chose" \
  'full_capacity \(k = 4\): plain \(chosen by auto\)' "$LMSIM" scenarios/rare/stress-2x2.sc
expect_output "rare: --k adds a criterion" '^  k=3: rare' \
  "$LMSIM" --method rare --k 3 --rare-target 5% scenarios/rare/default-2x2.sc
expect_exit 2 "rare: --method fast is a usage error" \
  "$LMSIM" --method fast scenarios/rare/default-2x2.sc
expect_exit 2 "rare: --rare-target 0 is a usage error" \
  "$LMSIM" --rare-target 0 scenarios/rare/default-2x2.sc
expect_exit 2 "rare: --k with --method plain is a usage error" \
  "$LMSIM" --method plain --k 2 scenarios/site-failure.sc
expect_exit 2 "rare: a bias of 0.9 is refused" \
  "$LMSIM" --set rare.bias=0.9 scenarios/rare/default-2x2.sc
"$LMSIM" --method rare --set "failures.link.ttf=weibull(1.5, 10y)" --set failures.link.mttr=4h \
  --json "$rare_tmp/x.json" scenarios/rare/default-2x2.sc >/dev/null 2>"$rare_tmp/err" </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'needs exponential time to failure; use --method plain' "$rare_tmp/err" \
   && [ ! -e "$rare_tmp/x.json" ]; then
  ok "rare: a Weibull time to failure is refused (exit 2, no file)"
else
  bad "rare: Weibull ttf: exit $rc" "$(cat "$rare_tmp/err")"
fi
"$LMSIM" -q -j 1 --json "$rare_tmp/j1.json" scenarios/rare/stress-2x2.sc </dev/null
"$LMSIM" -q -j 2 --json "$rare_tmp/j2.json" scenarios/rare/stress-2x2.sc </dev/null
if diff <(grep -Ev '"(wall_s|jobs)"' "$rare_tmp/j1.json") \
        <(grep -Ev '"(wall_s|jobs)"' "$rare_tmp/j2.json") >/dev/null; then
  ok "rare: -j 1 and -j 2 write the same JSON apart from run"
else
  bad "rare: -j 1 and -j 2 differ" "$(diff "$rare_tmp/j1.json" "$rare_tmp/j2.json" | head)"
fi
rm -rf "$rare_tmp"
expect_output "rare: failure clocks 'suspend' are refused, with the reason and what to use" \
  "failure clocks 'suspend' .* use --method plain" "$LMSIM" --method rare --failure-clocks suspend scenarios/rare/default-2x2.sc
expect_exit 2 "rare: suspend is exit 2" "$LMSIM" --method rare --failure-clocks suspend scenarios/rare/default-2x2.sc
