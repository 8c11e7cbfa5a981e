# tests/e2e/mpi.sh — build/lmsim-mpi under mpirun gives the JSON one machine
# gives (issue 9); a rank that cannot run aborts the job naming the rank.
# Runs when Open MPI and the MPI build are there ($LMSIM_MPI; `make check`
# builds it when mpicc and mpirun exist; .ci/run installs Open MPI).
# Sourced by run.sh ($LMSIM, lib.sh).

if [ -n "${LMSIM_MPI:-}" ] && [ -x "$LMSIM_MPI" ] && command -v mpirun >/dev/null 2>&1; then
  mp_tmp=$(mktemp -d)
  mpirun_() { mpirun --allow-run-as-root --oversubscribe "$@"; }
  "$LMSIM" -q -r 700 -j 1 --json "$mp_tmp/one.json" scenarios/year-of-failures.sc >/dev/null 2>&1 </dev/null
  mpirun_ -n 4 "$LMSIM_MPI" -r 700 --json "$mp_tmp/mpi.json" scenarios/year-of-failures.sc >"$mp_tmp/out" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -eq 0 ] && diff <(grep -Ev '"(wall_s|jobs)"' "$mp_tmp/one.json") <(grep -Ev '"(wall_s|jobs)"' "$mp_tmp/mpi.json") >/dev/null; then
    ok "mpirun -n 4 lmsim-mpi: the same JSON as -j 1"
  else bad "mpirun -n 4: exit $rc or JSON differs" "$(tail -n 5 "$mp_tmp/out")"; fi
  if [ "$(grep -c '^Availability over replications' "$mp_tmp/out")" -eq 1 ]; then
    ok "only rank 0 prints the report"; else bad "report printed $(grep -c '^Availability over' "$mp_tmp/out") times"; fi
  "$LMSIM" -q --method rare --json "$mp_tmp/rare1.json" scenarios/rare/default-2x2.sc >/dev/null 2>&1 </dev/null
  mpirun_ -n 3 "$LMSIM_MPI" --method rare --json "$mp_tmp/rare3.json" scenarios/rare/default-2x2.sc >"$mp_tmp/rare.out" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -eq 0 ] && diff <(grep -Ev '"(wall_s|jobs)"' "$mp_tmp/rare1.json") <(grep -Ev '"(wall_s|jobs)"' "$mp_tmp/rare3.json") >/dev/null \
     && [ "$(grep -c '^lmsim ' "$mp_tmp/rare.out")" -eq 1 ]; then
    ok "the rare-event method over 3 ranks: the same JSON as one process, one report"
  else bad "rare over MPI: exit $rc or JSON differs" "$(tail -n 5 "$mp_tmp/rare.out")"; fi
  mpirun_ -n 2 "$LMSIM_MPI" -q -r 1 scenarios/year-of-failures.sc >"$mp_tmp/bad" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -ne 0 ] && grep -q 'lmsim-mpi: rank [01]: ' "$mp_tmp/bad"; then
    ok "a rank that cannot run aborts the job, naming the rank"; else bad "rank failure: exit $rc" "$(cat "$mp_tmp/bad")"; fi
  rm -rf "$mp_tmp"
else
  echo "  skip  mpi: no build/lmsim-mpi or no mpirun (make check builds it when Open MPI is installed)"
fi
