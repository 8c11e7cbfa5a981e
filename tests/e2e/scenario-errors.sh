# tests/e2e/scenario-errors.sh — bad scenarios and options end with exit 2
# and a located message on stderr, nothing on stdout; good ones print a
# canonical form that is a fixed point.  Sourced by run.sh ($LMSIM, lib.sh).
#
# Each tests/e2e/bad/*.sc starts with "# expect: REGEX", matched against
# stderr.

# expect_bad NAME REGEX CMD… — exit 2, stderr matches REGEX, stdout empty.
expect_bad() {
  local name=$1 re=$2; shift 2
  local out err rc
  "$@" >"$e2e_tmp/stdout" 2>"$e2e_tmp/stderr" </dev/null; rc=$?
  out=$(cat "$e2e_tmp/stdout"); err=$(cat "$e2e_tmp/stderr")
  if [ "$rc" -ne 2 ]; then bad "$name: exit $rc, expected 2" "$err"; return; fi
  if [ -n "$out" ]; then bad "$name: wrote to stdout" "$out"; return; fi
  if grep -Eq -- "$re" <<<"$err"; then ok "$name"; else bad "$name: no match for /$re/" "$err"; fi
}

e2e_tmp=$(mktemp -d)

for f in tests/e2e/bad/*.sc; do
  re=$(head -n 1 "$f" | sed -n 's/^# expect: //p')
  expect_bad "bad scenario $(basename "$f")" "$re" "$LMSIM" "$f"
done

good=scenarios/site-failure.sc
expect_bad "--set below the RFC minimum names the option" \
  '^--set bgp.hold=2s: error: hold time 2s is below 3s' "$LMSIM" --set bgp.hold=2s "$good"
expect_bad "--set of an unknown interconnect" \
  "^--set ic9.bandwidth=1Gbps: error: unknown setting 'ic9.bandwidth'; did you mean 'ic1'\?" \
  "$LMSIM" --set ic9.bandwidth=1Gbps "$good"
expect_bad "--set without '='" '^--set hold: error: expected PATH=VALUE' "$LMSIM" --set hold "$good"
expect_bad "--sweep with a bad value names the sweep" \
  '^--sweep bgp.hold=1s: error: hold time 1s is below 3s' "$LMSIM" --sweep bgp.hold=30s,1s "$good"
expect_bad "a missing scenario file" "^/nonexistent/x.sc: error: cannot read" \
  "$LMSIM" /nonexistent/x.sc

# megabytes of garbage: a prompt, located error (bounded work)
head -c 3000000 /dev/zero | tr '\0' 'q' > "$e2e_tmp/garbage.sc"
expect_bad "3 MB of garbage ends promptly" "garbage.sc:1:4097: error: line is longer than 4096 bytes" \
  timeout 20 "$LMSIM" "$e2e_tmp/garbage.sc"
head -c 6000000 /dev/zero | tr '\0' 'a' > "$e2e_tmp/huge.sc"
expect_bad "a 6 MB file is refused" "huge.sc: error: file is larger than 4 MiB" \
  timeout 20 "$LMSIM" "$e2e_tmp/huge.sc"

# the canonical form parses to itself
if "$LMSIM" --print-scenario --set bgp.bfd=off "$good" > "$e2e_tmp/p1.sc" 2>"$e2e_tmp/err" \
   && "$LMSIM" --print-scenario "$e2e_tmp/p1.sc" > "$e2e_tmp/p2.sc" 2>>"$e2e_tmp/err" \
   && cmp -s "$e2e_tmp/p1.sc" "$e2e_tmp/p2.sc"; then
  ok "--print-scenario output prints back to itself"
else
  bad "--print-scenario is not a fixed point" "$(cat "$e2e_tmp/err"; diff "$e2e_tmp/p1.sc" "$e2e_tmp/p2.sc")"
fi
expect_exit 0 "a good scenario parses" "$LMSIM" "$good"

# --failure-clocks is failures.clocks
expect_output "--failure-clocks suspend prints as clocks suspend" "^    clocks suspend$" \
  "$LMSIM" --print-scenario --failure-clocks suspend scenarios/year-of-failures.sc
expect_bad "--failure-clocks with a bad mode names the option" \
  "^--failure-clocks frozen: error: unknown failure clocks 'frozen' \(expected independent or suspend\)" \
  "$LMSIM" --failure-clocks frozen "$good"

rm -rf "$e2e_tmp"
