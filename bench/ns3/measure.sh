#!/usr/bin/env bash
# bench/ns3/measure.sh — measures the ns-3 baseline; writes bench/ns3-baseline.txt.
#
#   make -C bench/ns3 measure            (or: bash bench/ns3/measure.sh BUILDDIR)
#
# Runs the hold model side by side on this machine: build/bench-hold (lmsim),
# build/bench-hold-ref (the binary-heap reference) and build/ns3-hold with
# ns-3's MapScheduler (the default), PriorityQueueScheduler, HeapScheduler
# and CalendarScheduler, at N = 10^2, 10^4, 10^6, best of REPS (3) runs each,
# the implementations interleaved within each repetition.  All of them fire
# the same events (same stream, same draws), so every implementation's
# checksum at a given N must be the same; the script fails otherwise.
# bench/run.sh reads the "ns3-map 10000 <events/s>" line for its target.
set -u

BUILD=${1:-build}
REPS=${REPS:-3}
SEED=1
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/../ns3-baseline.txt}
SIZES=(100 10000 1000000)
declare -A EVENTS=([100]=10000000 [10000]=10000000 [1000000]=3000000)
IMPLS=(lmsim reference ns3-map ns3-priority-queue ns3-heap ns3-calendar)
# ns-3 3.37's CalendarScheduler runs ~2e4 events/s at N = 10^6 (its buckets
# degenerate): it gets fewer events there, and its checksum, being over a
# shorter run, is not compared.
CAL_EVENTS_1M=200000

events() {  # events IMPL N
  if [ "$1" = ns3-calendar ] && [ "$2" = 1000000 ]; then echo $CAL_EVENTS_1M; else echo "${EVENTS[$2]}"; fi
}

cmd() {  # cmd IMPL: the command line (without --pending/--events/--seed)
  case $1 in
    lmsim) echo "$BUILD/bench-hold" ;;
    reference) echo "$BUILD/bench-hold-ref" ;;
    ns3-*) echo "$BUILD/ns3-hold --scheduler ${1#ns3-}" ;;
  esac
}

for b in bench-hold bench-hold-ref ns3-hold; do
  [ -x "$BUILD/$b" ] || { echo "measure.sh: $BUILD/$b missing" >&2; exit 1; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for n in "${SIZES[@]}"; do
  for ((r = 0; r < REPS; r++)); do
    for impl in "${IMPLS[@]}"; do
      # shellcheck disable=SC2046
      if ! $(cmd "$impl") --pending "$n" --events "$(events "$impl" "$n")" --seed "$SEED" > "$TMP/out"; then
        echo "measure.sh: $impl at N=$n failed" >&2; exit 1
      fi
      sed -n 's/^events_per_s=//p' "$TMP/out" >> "$TMP/$impl.$n.rates"
      [ "$(events "$impl" "$n")" = "${EVENTS[$n]}" ] && sed -n 's/^checksum=//p' "$TMP/out" >> "$TMP/$n.sums"
      echo "  $impl N=$n: $(tail -n 1 "$TMP/out")" >&2
    done
  done
  if [ "$(sort -u "$TMP/$n.sums" | wc -l)" != 1 ]; then
    echo "measure.sh: checksums differ at N=$n" >&2; exit 1
  fi
done

{
  echo "# ns-3 baseline for the hold model (bench/ns3/measure.sh; see bench/README.md)"
  echo "# date: $(date -u '+%F %H:%M UTC')"
  echo "# machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores (shared), $(uname -sr)"
  echo "# load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# compilers: $(cc --version | head -n 1); $(g++ --version | head -n 1)"
  echo "# ns-3: Debian libns3-dev $(dpkg-query -W -f='${Version}' libns3-dev 2>/dev/null), build profile $(sed -n 's/^#define NS3_VERSION_BUILD_PROFILE "\(.*\)"/\1/p' /usr/include/ns3/version-defines.h)"
  echo "# command: IMPL --pending N --events E --seed $SEED (warm-up min(N, E) events untimed),"
  echo "#   IMPL = build/bench-hold | build/bench-hold-ref | build/ns3-hold --scheduler KIND"
  echo "# best of $REPS interleaved runs; every implementation's checksum agreed at each N"
  echo "#   (except ns3-calendar at N=10^6: run with E=$CAL_EVENTS_1M, too slow for more, checksum not comparable)"
  echo "#"
  printf '# %-20s %9s %14s %10s  %s\n' impl N events_per_s events checksum
  for n in "${SIZES[@]}"; do
    for impl in "${IMPLS[@]}"; do
      e=$(events "$impl" "$n")
      sum=$(head -n 1 "$TMP/$n.sums"); [ "$e" = "${EVENTS[$n]}" ] || sum=-
      printf '%-22s %9s %14s %10s  %s\n' "$impl" "$n" \
        "$(sort -g "$TMP/$impl.$n.rates" | tail -n 1)" "$e" "$sum"
    done
  done
} > "$OUT"
cat "$OUT"
