# tests/e2e/montecarlo.sh — Monte Carlo outputs as a CI maintainer uses them:
# a sweep's ranked table, JSON and CSV; per-replication rows; --check lines
# and exit codes; JUnit XML; bad sweeps refused with nothing written.
# Sourced by run.sh ($LMSIM, lib.sh).

mc_tmp=$(mktemp -d)
yf=scenarios/year-of-failures.sc

# a sweep: four designs, ranked 2 x 2 first and 1 x 1 last
"$LMSIM" --sweep sites=1,2 --sweep pairs-per-site=1,2 -r 64 -j 2 \
  --json "$mc_tmp/sweep.json" --csv "$mc_tmp/csv" "$yf" >"$mc_tmp/sweep.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 1 ]; then ok "a sweep whose 1 x 1 design misses 99.99 % exits 1"; else bad "sweep: exit $rc" "$(cat "$mc_tmp/sweep.out")"; fi
first=$(grep -E '^ +1  ' "$mc_tmp/sweep.out"); last=$(grep -E '^ +4  ' "$mc_tmp/sweep.out")
if [[ "$first" == *"sites=2 pairs-per-site=2"* && "$last" == *"sites=1 pairs-per-site=1"* ]]; then
  ok "the comparison ranks 2 x 2 first and 1 x 1 last"
else bad "ranking" "$(cat "$mc_tmp/sweep.out")"; fi
if [ "$(grep -c '"label"' "$mc_tmp/sweep.json")" -eq 4 ]; then ok "sweep JSON has four designs"; else bad "sweep JSON designs"; fi
if [ "$(wc -l <"$mc_tmp/csv/designs.csv")" -eq 5 ] && head -1 "$mc_tmp/csv/designs.csv" | grep -q '^design,rank,interconnect,replications,reachability,reachability_ci95_lo'; then
  ok "designs.csv: a header and four rows"; else bad "designs.csv" "$(head -3 "$mc_tmp/csv/designs.csv")"; fi
if [ "$(wc -l <"$mc_tmp/csv/replications.csv")" -eq $((1 + 4 * 64)) ]; then
  ok "replications.csv: one row per design and replication"; else bad "replications.csv rows: $(wc -l <"$mc_tmp/csv/replications.csv")"; fi
if ! ls -A "$mc_tmp/csv" | grep -q '^\.'; then ok "no temporary file left in the CSV folder"; else bad "temporary files left" "$(ls -A "$mc_tmp/csv")"; fi

# the same sweep with -j 1: the same JSON apart from the run object
"$LMSIM" -q --sweep sites=1,2 --sweep pairs-per-site=1,2 -r 64 -j 1 --json "$mc_tmp/sweep1.json" "$yf" >/dev/null 2>&1 </dev/null
if diff <(grep -Ev '"(wall_s|jobs)"' "$mc_tmp/sweep.json") <(grep -Ev '"(wall_s|jobs)"' "$mc_tmp/sweep1.json") >/dev/null; then
  ok "sweep JSON identical for -j 1 and -j 2"; else bad "sweep JSON differs between -j 1 and -j 2"; fi

# a bad sweep value: exit 2, located message, nothing written
"$LMSIM" --sweep sites=1,0 --json "$mc_tmp/bad.json" --csv "$mc_tmp/badcsv" "$yf" >"$mc_tmp/bad.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q '^--sweep sites=0' "$mc_tmp/bad.out" && [ ! -e "$mc_tmp/bad.json" ] && [ ! -e "$mc_tmp/badcsv" ]; then
  ok "a bad --sweep value: exit 2, named, nothing written"; else bad "bad sweep: exit $rc" "$(cat "$mc_tmp/bad.out"; ls "$mc_tmp")"; fi

# --check over several files, one missing: PASS lines, an ERROR line, exit 2
"$LMSIM" --check --junit "$mc_tmp/junit.xml" scenarios/site-failure.sc "$mc_tmp/missing.sc" >"$mc_tmp/check.out" 2>"$mc_tmp/check.err" </dev/null
rc=$?
if [ "$rc" -eq 2 ] && [ "$(grep -c '^PASS  scenarios/site-failure.sc:' "$mc_tmp/check.out")" -eq 4 ] \
   && grep -q "^ERROR $mc_tmp/missing.sc" "$mc_tmp/check.out"; then
  ok "--check: a PASS line per expectation, an ERROR line, exit 2"; else bad "--check: exit $rc" "$(cat "$mc_tmp/check.out" "$mc_tmp/check.err")"; fi
if grep -q '<testsuites name="lmsim" tests="5" failures="0" errors="1"' "$mc_tmp/junit.xml" \
   && grep -q '<testcase name="21: ic1 convergence &lt;= 1s" classname="scenarios/site-failure.sc"' "$mc_tmp/junit.xml" \
   && grep -q '<error message=' "$mc_tmp/junit.xml"; then
  ok "--junit: one testcase per expectation named LINE: text, an <error> for the missing file"
else bad "--junit" "$(cat "$mc_tmp/junit.xml")"; fi

# a broken budget under --check: FAIL and exit 1, a <failure> in JUnit
"$LMSIM" --check --junit "$mc_tmp/fail.xml" --set bgp.bfd=off scenarios/silent-link-failure.sc >"$mc_tmp/fail.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^FAIL  ' "$mc_tmp/fail.out" && grep -q '<failure message="measured' "$mc_tmp/fail.xml"; then
  ok "--check: a broken budget is FAIL, exit 1, <failure> in JUnit"; else bad "--check fail: exit $rc" "$(cat "$mc_tmp/fail.out")"; fi

# replications: per-replication rows; no progress bar when stderr is not a terminal
"$LMSIM" -q -r 40 --csv "$mc_tmp/rcsv" "$yf" >/dev/null 2>"$mc_tmp/r.err" </dev/null
if [ "$(wc -l <"$mc_tmp/rcsv/replications.csv")" -eq 41 ] && [ ! -s "$mc_tmp/r.err" ]; then
  ok "-r 40 --csv: 40 rows, and stderr stays silent off a terminal"; else bad "replication rows" "$(cat "$mc_tmp/r.err")"; fi
"$LMSIM" -q -r 40 --csv /proc/lmsim-no "$yf" >/dev/null 2>"$mc_tmp/r2.err" </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q -- '--csv /proc/lmsim-no' "$mc_tmp/r2.err"; then ok "--csv into a folder that cannot be made: exit 2"; else bad "--csv bad dir: exit $rc" "$(cat "$mc_tmp/r2.err")"; fi
rm -rf "$mc_tmp"
