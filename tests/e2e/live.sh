# tests/e2e/live.sh — `lmsim --live` as a user runs it: options, then (when
# curl is installed) a real server on a free loopback port: scrape, inject,
# the report at the duration, and SIGTERM.  Sourced by run.sh ($LMSIM, lib.sh).

expect_exit 2 "--live beyond loopback without --token is refused" \
  "$LMSIM" --live --listen 0.0.0.0:0 scenarios/site-failure.sc
expect_output "... and says why" 'beyond loopback: give --token' \
  "$LMSIM" --live --listen 0.0.0.0:0 scenarios/site-failure.sc
expect_exit 2 "--speed without --live is a usage error" "$LMSIM" --speed 5 scenarios/site-failure.sc
expect_exit 2 "--speed 0 is a usage error" "$LMSIM" --live --speed 0 scenarios/site-failure.sc

# live_start OUT ERR ARGS… — starts lmsim --live in the background on a free
# port; sets live_pid and live_url (empty when it did not come up in 10 s).
live_start() {
  local out=$1 err=$2; shift 2
  "$LMSIM" --live --listen 127.0.0.1:0 "$@" >"$out" 2>"$err" </dev/null &
  live_pid=$!
  live_url=""
  for _ in $(seq 100); do
    live_url=$(sed -n 's|.*on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$err")
    [ -n "$live_url" ] && return
    sleep 0.1
  done
}

# live_wait — waits (at most 120 s) for the background run; sets live_rc.
live_wait() {
  for _ in $(seq 1200); do
    kill -0 "$live_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$live_pid" 2>/dev/null && kill -KILL "$live_pid"
  wait "$live_pid"; live_rc=$?
}

if ! command -v curl >/dev/null 2>&1; then
  echo "  skip  live mode over HTTP: curl is not installed"
else
  t=$(mktemp -d)
  # at real speed, so nothing races the checks; SIGTERM ends it
  live_start "$t/out" "$t/err" --speed 1 --json "$t/live.json" scenarios/site-failure.sc
  if [ -z "$live_url" ]; then
    bad "lmsim --live came up" "$(cat "$t/err")"
  else
    ok "lmsim --live came up on $live_url"
    [ "$(curl -s "$live_url/healthz")" = ok ] && ok "GET /healthz" || bad "GET /healthz"
    m=$(curl -s "$live_url/metrics")
    grep -q '^# TYPE lmsim_health gauge$' <<<"$m" \
      && grep -q '^lmsim_health{interconnect="ic1",condition="reachability"} 1$' <<<"$m" \
      && ok "GET /metrics is Prometheus text" || bad "GET /metrics" "$(printf '%s\n' "$m" | head -20)"
    r=$(curl -s -w ' %{http_code}' -X POST --data 'fail site ic1.B' "$live_url/inject")
    case "$r" in applied\ at*200) ok "POST /inject fail site ic1.B" ;; *) bad "POST /inject" "$r" ;; esac
    r=$(curl -s -w ' %{http_code}' -X POST --data 'fail site ic1.Q' "$live_url/inject")
    case "$r" in inject:1:11:\ error:*400) ok "a bad injection gets 400 and a located message" ;;
                 *) bad "a bad injection" "$r" ;; esac
    # (the body first, then grep: with pipefail, grep -q leaving early would fail curl)
    r=$(curl -s "$live_url/status")
    grep -q '"injected" : 1' <<<"$r" && ok "GET /status counts the injection" \
      || bad "GET /status"
    r=$(curl -s "$live_url/metrics")
    grep -q '^lmsim_connection_usable{interconnect="ic1",site="B",router_pair="rp1"} 0$' <<<"$r" \
      && ok "/metrics shows site B down" || bad "/metrics after the injection"
    kill -TERM "$live_pid"
    live_wait
    [ "$live_rc" -le 1 ] && ok "SIGTERM ends the run (exit $live_rc)" \
      || bad "SIGTERM: exit $live_rc" "$(cat "$t/err")"
    grep -q '^  f2    ic1.B ' "$t/out" && grep -q '^Expectations' "$t/out" \
      && ok "the report shows the injected failure" || bad "the report" "$(head -40 "$t/out")"
    [ -s "$t/live.json" ] && ok "--json is written after a live run" || bad "--json after --live"
  fi

  # fast: 2 h in 3.6 s, ending by itself with the report
  live_start "$t/out2" "$t/err2" --speed 2000 scenarios/site-failure.sc
  if [ -n "$live_url" ]; then
    live_wait
    [ "$live_rc" -eq 0 ] && grep -q '^Expectations' "$t/out2" \
      && ok "the run ends by itself at its duration, with the report (exit $live_rc)" \
      || bad "the fast run: exit $live_rc" "$(cat "$t/err2")"
  else
    bad "lmsim --live (speed 2000) came up" "$(cat "$t/err2")"
  fi
  rm -rf "$t"
fi
