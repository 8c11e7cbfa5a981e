# tests/e2e/figures.sh — --csv DIR and --plot DIR as a user runs them: the
# files appear (creating DIR), with the documented columns; figures render
# when gnuplot is installed and are still written as scripts when it is
# not; a DIR that cannot be made is exit 2 with nothing written.
# Sourced by run.sh ($LMSIM, lib.sh).

fig_tmp=$(mktemp -d)
sf=scenarios/site-failure.sc

"$LMSIM" -q --csv "$fig_tmp/csv/deeper" "$sf" >"$fig_tmp/out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$fig_tmp/csv/deeper/series.csv" ] && [ -s "$fig_tmp/csv/deeper/states.csv" ] \
   && [ -s "$fig_tmp/csv/deeper/failures.csv" ]; then
  ok "--csv creates DIR and writes series.csv, states.csv, failures.csv"
else
  bad "--csv: exit $rc" "$(ls -R "$fig_tmp" 2>&1; cat "$fig_tmp/out")"
fi
if head -n 1 "$fig_tmp/csv/deeper/series.csv" | grep -q '^time_s,interconnect,offered_to_cloud_bps,offered_from_cloud_bps,capacity_bps,'; then
  ok "series.csv starts with its documented columns"
else
  bad "series.csv header" "$(head -n 1 "$fig_tmp/csv/deeper/series.csv")"
fi
if grep -q '^1800\.000000000,ic1,6000000000,6000000000,20000000000,' "$fig_tmp/csv/deeper/series.csv"; then
  ok "series.csv: capacity halves at exactly 1800 s"
else
  bad "series.csv has no row for the failure" "$(head -n 4 "$fig_tmp/csv/deeper/series.csv")"
fi
if grep -q '^f1,ic1,ic1\.A,site,scripted,1800\.000000000,3600\.000000000,' "$fig_tmp/csv/deeper/failures.csv"; then
  ok "failures.csv: f1 with its times"
else
  bad "failures.csv" "$(cat "$fig_tmp/csv/deeper/failures.csv")"
fi

"$LMSIM" -q --plot "$fig_tmp/fig" "$sf" >"$fig_tmp/out" 2>&1 </dev/null
rc=$?
n_gp=$(ls "$fig_tmp/fig"/*.gp 2>/dev/null | wc -l)
if [ "$rc" -eq 0 ] && [ "$n_gp" -eq 5 ]; then ok "--plot writes five scripts"; else bad "--plot: exit $rc, $n_gp scripts" "$(cat "$fig_tmp/out")"; fi
if command -v gnuplot >/dev/null 2>&1; then
  n_png=$(find "$fig_tmp/fig" -name '*.png' -size +1k | wc -l)
  n_svg=$(find "$fig_tmp/fig" -name '*.svg' -size +1k | wc -l)
  if [ "$n_png" -eq 5 ] && [ "$n_svg" -eq 5 ]; then ok "--plot renders PNG and SVG with gnuplot"; else bad "--plot rendered $n_png PNG, $n_svg SVG" "$(cat "$fig_tmp/out")"; fi
  if (cd "$fig_tmp/fig" && gnuplot -e 'fmt="svg"' states.gp); then ok "a written script renders again by hand"; else bad "gnuplot states.gp failed"; fi
fi

# no gnuplot: scripts only, and a clear note
env PATH=/nonexistent "$LMSIM" -q --plot "$fig_tmp/nognu" "$sf" >"$fig_tmp/out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$fig_tmp/nognu/states.gp" ] && ! ls "$fig_tmp/nognu"/*.png >/dev/null 2>&1 \
   && grep -q 'gnuplot is not on PATH' "$fig_tmp/out"; then
  ok "--plot without gnuplot writes the scripts and says so"
else
  bad "--plot without gnuplot: exit $rc" "$(cat "$fig_tmp/out"; ls "$fig_tmp/nognu")"
fi

# a directory that cannot be made: exit 2, nothing written
: >"$fig_tmp/plain"
"$LMSIM" -q --csv "$fig_tmp/plain/sub" "$sf" >/dev/null 2>"$fig_tmp/err" </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q -- '--csv' "$fig_tmp/err"; then ok "--csv into a file's path is exit 2"; else bad "--csv into a file's path: exit $rc" "$(cat "$fig_tmp/err")"; fi
"$LMSIM" -q --plot "$fig_tmp/plain/sub" "$sf" >/dev/null 2>"$fig_tmp/err" </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q -- '--plot' "$fig_tmp/err"; then ok "--plot into a file's path is exit 2"; else bad "--plot into a file's path: exit $rc" "$(cat "$fig_tmp/err")"; fi

# --csv is one run's; with replications it says so
"$LMSIM" -q --replications 4 --csv "$fig_tmp/r" "$sf" >/dev/null 2>&1 </dev/null
if [ -f "$fig_tmp/r/replications.csv" ] && [ ! -e "$fig_tmp/r/series.csv" ]; then
  ok "--csv with replications writes per-replication rows, not one run's series"
else bad "--csv with replications" "$(ls "$fig_tmp/r" 2>&1)"; fi
"$LMSIM" -q --replications 20 --plot "$fig_tmp/mc" scenarios/year-of-failures.sc >"$fig_tmp/out" 2>&1 </dev/null
rc=$?
if [ "$rc" -le 1 ] && [ -s "$fig_tmp/mc/designs.gp" ] && [ -s "$fig_tmp/mc/mttr.gp" ] && [ -s "$fig_tmp/mc/mttr.dat" ]; then
  ok "--plot with replications draws the design and availability against MTTR"
else
  bad "--plot with replications: exit $rc" "$(cat "$fig_tmp/out")"
fi
rm -rf "$fig_tmp"
