#!/usr/bin/env bash
# bench/scale.sh — beyond one machine (issue 9; `make bench` runs it):
# replication-years per second of scenarios/year-of-failures.sc on 1, 2 and
# 4 MPI ranks (one thread each) beside lmsim -j 1 and -j 2, the parallel
# efficiency, and the time `lmsim merge` takes for 1,000 parts.
#
#   bash bench/scale.sh BUILDDIR
#
# SCALE_REPS (20000) sets the replications of the rank runs.  The MPI rows
# need build/lmsim-mpi (make MPI=1) and mpirun; they are skipped otherwise.
set -u
BUILD=${1:-build}
N=${SCALE_REPS:-20000}
PARTS=${SCALE_PARTS:-1000}
SC=bench/year-2x2.sc   # year-of-failures.sc without its expectations (see the file)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
cores=$(nproc)

echo "scale: $N replication-years of $SC, $cores cores"
printf '  %-28s %10s %14s %11s\n' "run" "wall s" "rep-years/s" "efficiency"
t0=$(now); "$BUILD/lmsim" -q -r "$N" -j 1 "$SC" >/dev/null; t1=$(now)
one=$(secs "$t0" "$t1"); base=$(rate "$N" "$one")
printf '  %-28s %10s %14s %11s\n' "lmsim -j 1" "$one" "$base" "1.00"
t0=$(now); "$BUILD/lmsim" -q -r "$N" -j 2 "$SC" >/dev/null; t1=$(now)
w=$(secs "$t0" "$t1"); r=$(rate "$N" "$w")
printf '  %-28s %10s %14s %11s\n' "lmsim -j 2" "$w" "$r" "$(awk -v r="$r" -v b="$base" -v c="$cores" 'BEGIN { k = (c < 2 ? c : 2); printf "%.2f", r / (k * b) }')"
if [ -x "$BUILD/lmsim-mpi" ] && command -v mpirun >/dev/null 2>&1; then
  for ranks in 1 2 4; do
    t0=$(now)
    mpirun --allow-run-as-root --oversubscribe -n "$ranks" "$BUILD/lmsim-mpi" -q -r "$N" -j 1 "$SC" >/dev/null 2>&1
    t1=$(now)
    w=$(secs "$t0" "$t1"); r=$(rate "$N" "$w")
    # efficiency against the cores the ranks can actually use
    eff=$(awk -v r="$r" -v b="$base" -v n="$ranks" -v c="$cores" 'BEGIN { k = (n < c ? n : c); printf "%.2f", r / (k * b) }')
    printf '  %-28s %10s %14s %11s\n' "mpirun -n $ranks lmsim-mpi" "$w" "$r" "$eff"
  done
else
  echo "  (MPI rows skipped: no $BUILD/lmsim-mpi or no mpirun; make MPI=1)"
fi

# merge: 1,000 parts of a short run (256 replications per chunk, one chunk per part)
reps=$((PARTS * 256))
echo "merge: $PARTS parts of $reps one-hour replications ($SC --set duration=1h)"
t0=$(now)
seq 1 "$PARTS" | xargs -P "$cores" -I{} "$BUILD/lmsim" -q --set duration=1h --shard {}/"$PARTS" \
  --partial "$TMP/p{}.json" -r "$reps" "$SC" >/dev/null 2>&1
t1=$(now)
echo "  shards written in $(secs "$t0" "$t1") s ($(du -sh "$TMP" | cut -f1) of parts)"
t0=$(now); "$BUILD/lmsim" merge -q "$TMP"/p*.json --json "$TMP/merged.json"; rc=$?; t1=$(now)
echo "  lmsim merge of $PARTS parts: $(secs "$t0" "$t1") s (exit $rc)"
"$BUILD/lmsim" -q --set duration=1h -r "$reps" -j "$cores" --json "$TMP/whole.json" "$SC" >/dev/null
if diff <(grep -Ev '"(wall_s|jobs)"' "$TMP/whole.json") <(grep -Ev '"(wall_s|jobs)"' "$TMP/merged.json") >/dev/null; then
  echo "  merged JSON = one machine's JSON (apart from run): yes"
else
  echo "  merged JSON = one machine's JSON: NO"; exit 1
fi
