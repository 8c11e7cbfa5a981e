# tests/e2e/shards.sh — a run split into shards and merged gives what one
# machine gives (DESIGN §8, issue 9): JSON and CSV byte-identical apart from
# the run object; parts that do not belong together are refused (exit 2).
# Sourced by run.sh ($LMSIM, lib.sh).

sh_tmp=$(mktemp -d)
yf=scenarios/year-of-failures.sc
strip() { grep -Ev '"(wall_s|jobs)"' "$1"; }

"$LMSIM" -q -r 800 -j 1 --json "$sh_tmp/one.json" "$yf" >/dev/null 2>&1 </dev/null
"$LMSIM" -q -r 800 -j 2 --json "$sh_tmp/two.json" "$yf" >/dev/null 2>&1 </dev/null
for k in 1 2 3 4; do
  "$LMSIM" -q --shard $k/4 --partial "$sh_tmp/p$k.json" -r 800 "$yf" >/dev/null 2>&1 </dev/null
done
"$LMSIM" merge "$sh_tmp/p3.json" "$sh_tmp/p1.json" "$sh_tmp/p4.json" "$sh_tmp/p2.json" \
  --json "$sh_tmp/merged.json" >"$sh_tmp/merge.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 0 ] && diff <(strip "$sh_tmp/one.json") <(strip "$sh_tmp/two.json") >/dev/null \
   && diff <(strip "$sh_tmp/one.json") <(strip "$sh_tmp/merged.json") >/dev/null; then
  ok "-j 1, -j 2 and 4 shards merged in any order: the same JSON"
else bad "shards: merge exit $rc or JSON differs" "$(cat "$sh_tmp/merge.out"; diff <(strip "$sh_tmp/one.json") <(strip "$sh_tmp/merged.json") | head)"; fi
if grep -q '^Availability over replications' "$sh_tmp/merge.out"; then ok "merge prints the report one run prints"; else bad "merge report" "$(head "$sh_tmp/merge.out")"; fi

# a sweep with per-replication rows: designs and rows identical too
cd_sc=scenarios/compare-designs.sc
"$LMSIM" -q -r 300 --json "$sh_tmp/sw.json" --csv "$sh_tmp/wcsv" "$cd_sc" >/dev/null 2>&1 </dev/null
for k in 1 2 3; do
  "$LMSIM" -q --shard $k/3 --partial "$sh_tmp/s$k.json" -r 300 --csv "$sh_tmp/unused" "$cd_sc" >/dev/null 2>&1 </dev/null
done
"$LMSIM" merge -q "$sh_tmp/s1.json" "$sh_tmp/s2.json" "$sh_tmp/s3.json" --json "$sh_tmp/sm.json" --csv "$sh_tmp/mcsv" >/dev/null 2>&1 </dev/null
if diff <(strip "$sh_tmp/sw.json") <(strip "$sh_tmp/sm.json") >/dev/null \
   && cmp -s "$sh_tmp/wcsv/replications.csv" "$sh_tmp/mcsv/replications.csv" \
   && cmp -s "$sh_tmp/wcsv/designs.csv" "$sh_tmp/mcsv/designs.csv" && [ ! -e "$sh_tmp/unused" ]; then
  ok "a sharded sweep merges to the same JSON, designs.csv and replications.csv"
else bad "sharded sweep differs"; fi

# refusals: missing, doubled, foreign parts, malformed, bad --shard
expect_output "a missing slice is named" 'missing slice 2/4' "$LMSIM" merge "$sh_tmp/p1.json" "$sh_tmp/p3.json" "$sh_tmp/p4.json"
expect_exit 2 "a missing slice is exit 2" "$LMSIM" merge "$sh_tmp/p1.json" "$sh_tmp/p3.json" "$sh_tmp/p4.json"
expect_output "a slice given twice is named" 'slice 1/4 is also in' "$LMSIM" merge "$sh_tmp/p1.json" "$sh_tmp/p1.json" "$sh_tmp/p2.json" "$sh_tmp/p3.json" "$sh_tmp/p4.json"
"$LMSIM" -q --shard 1/4 --partial "$sh_tmp/other.json" -r 900 "$yf" >/dev/null 2>&1 </dev/null
expect_output "a part of another run does not belong" 'does not belong with .*config_sha256 differs' "$LMSIM" merge "$sh_tmp/other.json" "$sh_tmp/p2.json" "$sh_tmp/p3.json" "$sh_tmp/p4.json"
echo '{"not": "a part"}' >"$sh_tmp/junk.json"
expect_exit 2 "a file that is no part is exit 2" "$LMSIM" merge "$sh_tmp/junk.json"
expect_output "--shard needs K/N" 'expected K/N' "$LMSIM" --shard 5/4 --partial "$sh_tmp/x.json" -r 10 "$yf"
expect_exit 2 "--shard without --partial is a usage error" "$LMSIM" --shard 1/2 -r 10 "$yf"
"$LMSIM" merge "$sh_tmp/p1.json" --json "$sh_tmp/merged-bad.json" >/dev/null 2>&1 </dev/null
if [ ! -e "$sh_tmp/merged-bad.json" ]; then ok "a refused merge writes no --json"; else bad "a refused merge wrote --json"; fi
rm -rf "$sh_tmp"

# a scenario with scripted failures: their statistics survive the split too
sf_tmp=$(mktemp -d)
"$LMSIM" -q -r 300 --json "$sf_tmp/w.json" scenarios/site-failure.sc >/dev/null 2>&1 </dev/null
for k in 1 2; do "$LMSIM" -q --shard $k/2 --partial "$sf_tmp/p$k.json" -r 300 scenarios/site-failure.sc >/dev/null 2>&1 </dev/null; done
"$LMSIM" merge -q "$sf_tmp/p2.json" "$sf_tmp/p1.json" --json "$sf_tmp/m.json" >/dev/null 2>&1 </dev/null
if grep -q '"converge_s" : {' "$sf_tmp/w.json" \
   && diff <(grep -Ev '"(wall_s|jobs)"' "$sf_tmp/w.json") <(grep -Ev '"(wall_s|jobs)"' "$sf_tmp/m.json") >/dev/null; then
  ok "scripted failures' statistics: the same after shards and merge"
else bad "scripted failures after shards differ"; fi
rm -rf "$sf_tmp"
