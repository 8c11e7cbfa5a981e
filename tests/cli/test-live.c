/* tests/cli/test-live.c — live mode over real loopback HTTP, in-process.
 *
 * Each test builds an LmLive on port 0 of 127.0.0.1 and drives its event
 * base itself: requests go out through libevent's HTTP client on the same
 * base, and the loop turns until the answer arrives.  Nothing asserts on
 * wall-clock time: waits are on events, polls are bounded by a count, and a
 * generous watchdog only turns a hang into a failure — so the suite holds
 * under ASan and valgrind.
 */
#include <signal.h>
#include <string.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "tests/lm-test.h"
#include "tests/live-check.h"
#include "cli/live.h"
#include "analysis/live-metrics.h"
#include "analysis/report.h"

#define WATCHDOG_S 60

#define SCENARIO(duration, extra)                        \
  "scenario \"live\"\n"                                  \
  "seed 11\n"                                            \
  "duration " duration "\n"                              \
  "interconnect ic1 {\n"                                 \
  "    partner lumen\n"                                  \
  "    metro new-york\n"                                 \
  "    bandwidth 10Gbps\n"                               \
  "    gateway g1 attach transit-gateway\n"              \
  "    families ipv4 ipv6\n"                             \
  "}\n"                                                  \
  "traffic ic1 { rate 6Gbps flows 256 }\n" extra

typedef struct {
  LmScenario *sc;
  LmLive *live;
  struct evhttp_connection *conn;
  struct event *watchdog;
  gboolean timed_out;
} Fixture;

typedef struct {
  gboolean done;
  int code;               /* 0: no answer (connection failed) */
  char *body;
  char *content_type;
} Resp;

static void
resp_clear (Resp *r)
{
  g_free (r->body);
  g_free (r->content_type);
  memset (r, 0, sizeof *r);
}

static void
on_watchdog (evutil_socket_t fd, short what, void *data)
{
  ((Fixture *) data)->timed_out = TRUE;
}

static gboolean
fixture_init (Fixture *f, const char *text, const LmLiveOptions *opt)
{
  memset (f, 0, sizeof *f);
  g_autoptr (GError) error = NULL;
  f->sc = lm_scenario_parse_string (text, "live.sc", NULL, &error);
  if (f->sc == NULL)
    return FALSE;
  f->live = lm_live_new (f->sc, 0, opt, &error);
  if (f->live == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  struct event_base *base = lm_live_base (f->live);
  f->conn = evhttp_connection_base_new (base, NULL, "127.0.0.1", lm_live_port (f->live));
  f->watchdog = evtimer_new (base, on_watchdog, f);
  lm_live_start (f->live);
  return TRUE;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->conn, evhttp_connection_free);
  g_clear_pointer (&f->watchdog, event_free);
  g_clear_pointer (&f->live, lm_live_free);
  g_clear_pointer (&f->sc, lm_scenario_free);
}

static void
on_response (struct evhttp_request *req, void *data)
{
  Resp *r = data;
  r->done = TRUE;
  if (req == NULL || evhttp_request_get_response_code (req) == 0)
    return;
  r->code = evhttp_request_get_response_code (req);
  struct evbuffer *in = evhttp_request_get_input_buffer (req);
  gsize len = evbuffer_get_length (in);
  r->body = g_malloc (len + 1);
  evbuffer_copyout (in, r->body, len);
  r->body[len] = '\0';
  const char *ct = evhttp_find_header (evhttp_request_get_input_headers (req), "Content-Type");
  r->content_type = g_strdup (ct);
}

/* Sends one request on the fixture's keep-alive connection and turns the
 * loop until the answer (or the watchdog). */
static void
request (Fixture *f, enum evhttp_cmd_type cmd, const char *path, const char *body, gsize len,
         const char *auth, Resp *r)
{
  resp_clear (r);
  struct evhttp_request *req = evhttp_request_new (on_response, r);
  struct evkeyvalq *h = evhttp_request_get_output_headers (req);
  evhttp_add_header (h, "Host", "127.0.0.1");
  if (auth != NULL)
    evhttp_add_header (h, "Authorization", auth);
  if (body != NULL)
    evbuffer_add (evhttp_request_get_output_buffer (req), body, len);
  CU_ASSERT_EQUAL_FATAL (evhttp_make_request (f->conn, req, cmd, path), 0);
  struct timeval tv = { WATCHDOG_S, 0 };
  evtimer_add (f->watchdog, &tv);   /* a hang becomes a failure, not a stuck suite */
  while (!r->done && !f->timed_out)
    event_base_loop (lm_live_base (f->live), EVLOOP_ONCE);
  evtimer_del (f->watchdog);
  CU_ASSERT_FALSE (f->timed_out);
}

static void
get (Fixture *f, const char *path, Resp *r)
{
  request (f, EVHTTP_REQ_GET, path, NULL, 0, NULL, r);
}

static void
inject (Fixture *f, const char *line, Resp *r)
{
  request (f, EVHTTP_REQ_POST, "/inject", line, strlen (line), NULL, r);
}

/* Lets the loop turn for about @ms of wall time (virtual time moves on);
 * only ever used between bounded polls. */
static void
pause_loop (Fixture *f, int ms)
{
  struct timeval tv = { 0, ms * 1000 };
  event_base_loopexit (lm_live_base (f->live), &tv);
  event_base_dispatch (lm_live_base (f->live));
}

static char *raw_exchange (Fixture *f, const char *bytes, gsize len);

/* ------------------------------------------------------------ tests */

static void
test_scrape_inject_and_see_the_change (void)
{
  Fixture f;
  LmLiveOptions opt = { 1000, "127.0.0.1:0", FALSE, NULL };
  CU_ASSERT_TRUE_FATAL (fixture_init (&f, SCENARIO ("1y", ""), &opt));
  CU_ASSERT_NOT_EQUAL (lm_live_port (f.live), 0);
  Resp r = { 0 };
  get (&f, "/healthz", &r);
  CU_ASSERT_EQUAL (r.code, 200);
  CU_ASSERT_STRING_EQUAL (r.body, "ok\n");
  get (&f, "/metrics", &r);
  CU_ASSERT_EQUAL_FATAL (r.code, 200);
  CU_ASSERT_STRING_EQUAL (r.content_type, LM_LIVE_METRICS_CONTENT_TYPE);
  CU_ASSERT_TRUE (lm_check_exposition (r.body, NULL));
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_health", "condition=\"reachability\""), 1);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_failures_open", NULL), 0);

  inject (&f, "fail site ic1.A", &r);
  CU_ASSERT_EQUAL (r.code, 200);
  CU_ASSERT (g_str_has_prefix (r.body, "applied at "));
  get (&f, "/metrics", &r);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_failures_open", NULL), 1);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_injected_actions_total", NULL), 1);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_connection_usable", "site=\"A\",router_pair=\"rp2\""), 0);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_connection_usable", "site=\"B\",router_pair=\"rp2\""), 1);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_bgp_session_state",
                                    "site=\"A\",router_pair=\"rp1\",family=\"ipv6\",end=\"partner\",state=\"Idle\""), 1);

  /* the other site too: nothing is reachable, and loss grows as virtual
   * time goes on — polled, at most 500 times */
  inject (&f, "fail site ic1.B", &r);
  CU_ASSERT_EQUAL (r.code, 200);
  get (&f, "/metrics", &r);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_health", "condition=\"reachability\""), 0);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_interconnect_state", "state=\"down\""), 1);
  double lost = 0;
  for (int i = 0; i < 500 && !(lost > 0); i++)
    {
      pause_loop (&f, 10);
      get (&f, "/metrics", &r);
      lost = lm_metric_value (r.body, "lmsim_packets_lost_total", "direction=\"to-cloud\",cause=\"failover\"");
    }
  CU_ASSERT (lost > 0);
  CU_ASSERT (lm_metric_value (r.body, "lmsim_availability_ratio", "condition=\"reachability\"") < 1);

  /* repaired: reachable again */
  inject (&f, "repair site ic1.*", &r);
  CU_ASSERT_EQUAL (r.code, 200);
  double up = 0;
  for (int i = 0; i < 500 && up != 1; i++)
    {
      get (&f, "/status", &r);
      CU_ASSERT_EQUAL (r.code, 200);
      up = strstr (r.body, "\"reachability\" : true") != NULL;
      if (up != 1)
        pause_loop (&f, 10);
    }
  CU_ASSERT_EQUAL (up, 1);
  CU_ASSERT_STRING_EQUAL (r.content_type, "application/json");

  /* the report of the run lists the injected failures */
  lm_live_stop (f.live);
  g_autofree char *text = lm_report_text (lm_live_run (f.live), "0");
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "  f1    ic1.A "));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "  f2    ic1.B "));
  g_autofree char *json = lm_report_json (lm_live_run (f.live), "0", "0", 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"file\" : \"inject\""));
  resp_clear (&r);
  fixture_clear (&f);
}

static void
test_bad_requests (void)
{
  Fixture f;
  LmLiveOptions opt = { 1000, "127.0.0.1:0", FALSE, NULL };
  CU_ASSERT_TRUE_FATAL (fixture_init (&f, SCENARIO ("1y", ""), &opt));
  Resp r = { 0 };
  inject (&f, "fail site ic1.Q", &r);
  CU_ASSERT_EQUAL (r.code, 400);
  CU_ASSERT (g_str_has_prefix (r.body, "inject:1:11: error: ic1 has no site 'Q'"));
  inject (&f, "at 5m fail site ic1.A", &r);
  CU_ASSERT_EQUAL (r.code, 400);
  CU_ASSERT (g_str_has_prefix (r.body, "inject:1:1: error: a live action runs now"));
  inject (&f, "repair site ic1.A", &r);
  CU_ASSERT_EQUAL (r.code, 400);
  CU_ASSERT (g_str_has_prefix (r.body, "inject:1:13: error: nothing to repair"));
  inject (&f, "provision ic1 via console", &r);
  CU_ASSERT_EQUAL (r.code, 400);
  inject (&f, "  \n", &r);
  CU_ASSERT_EQUAL (r.code, 400);
  inject (&f, "fail site ic1.A\nfail site ic1.B", &r);
  CU_ASSERT_EQUAL (r.code, 400);
  request (&f, EVHTTP_REQ_POST, "/inject", "fail\0site", 9, NULL, &r);
  CU_ASSERT_EQUAL (r.code, 400);
  get (&f, "/inject", &r);
  CU_ASSERT_EQUAL (r.code, 405);
  request (&f, EVHTTP_REQ_POST, "/metrics", "x", 1, NULL, &r);
  CU_ASSERT_EQUAL (r.code, 405);
  get (&f, "/nowhere", &r);
  CU_ASSERT_EQUAL (r.code, 404);
  /* nothing was applied by any of them */
  get (&f, "/metrics", &r);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_failures_total", NULL), 0);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_injected_actions_total", NULL), 0);

  /* 64 KiB + 1 announced: refused with 413 before it is read (raw, since
   * the server closes while a client would still be sending); the server
   * goes on */
  g_autofree char *head = g_strdup_printf ("POST /inject HTTP/1.1\r\nHost: x\r\n"
                                           "Content-Length: %d\r\n\r\nfail site",
                                           LM_LIVE_MAX_BODY + 1);
  g_autofree char *answer = raw_exchange (&f, head, strlen (head));
  CU_ASSERT (g_str_has_prefix (answer, "HTTP/1.1 413 "));
  get (&f, "/healthz", &r);
  CU_ASSERT_EQUAL (r.code, 200);
  resp_clear (&r);
  fixture_clear (&f);
}

static void
test_token (void)
{
  Fixture f;
  LmLiveOptions opt = { 1000, "127.0.0.1:0", FALSE, "s3cret" };
  CU_ASSERT_TRUE_FATAL (fixture_init (&f, SCENARIO ("1y", ""), &opt));
  Resp r = { 0 };
  inject (&f, "fail site ic1.A", &r);
  CU_ASSERT_EQUAL (r.code, 401);
  request (&f, EVHTTP_REQ_POST, "/inject", "fail site ic1.A", 15, "Bearer s3creT", &r);
  CU_ASSERT_EQUAL (r.code, 401);
  request (&f, EVHTTP_REQ_POST, "/inject", "fail site ic1.A", 15, "Bearer s3cret", &r);
  CU_ASSERT_EQUAL (r.code, 200);
  get (&f, "/metrics", &r);   /* reading needs no token */
  CU_ASSERT_EQUAL (r.code, 200);
  resp_clear (&r);
  fixture_clear (&f);
}

static void
test_listen_safety (void)
{
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (SCENARIO ("1h", ""), "live.sc", NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const char *bad[] = { "0.0.0.0:0", "[::]:0", "192.0.2.7:9464" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      LmLiveOptions opt = { 1, bad[i], FALSE, NULL };
      g_autoptr (LmLive) live = lm_live_new (sc, 0, &opt, &error);
      CU_ASSERT_PTR_NULL (live);
      CU_ASSERT (g_error_matches (error, LM_LIVE_ERROR, LM_LIVE_ERROR_USAGE));
      CU_ASSERT (error != NULL && strstr (error->message, "--token") != NULL);
    }
  const char *malformed[] = { "9464", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000",
                              "example.com:80", "::1:9464", "" };
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr (GError) error = NULL;
      LmLiveOptions opt = { 1, malformed[i], FALSE, "t" };
      g_autoptr (LmLive) live = lm_live_new (sc, 0, &opt, &error);
      CU_ASSERT_PTR_NULL (live);
      CU_ASSERT (g_error_matches (error, LM_LIVE_ERROR, LM_LIVE_ERROR_USAGE));
    }
  g_autoptr (GError) error = NULL;
  LmLiveOptions v6 = { 1, "[::1]:0", FALSE, NULL };
  g_autoptr (LmLive) live = lm_live_new (sc, 0, &v6, &error);
  /* a host without IPv6 cannot bind ::1; that is a listen error, not usage */
  CU_ASSERT (live != NULL || g_error_matches (error, LM_LIVE_ERROR, LM_LIVE_ERROR_LISTEN));
}

static void
test_duration_ends_the_run (void)
{
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (
    SCENARIO ("20s", "at 5s fail site ic1.A\nexpect ic1 state at 10s == available\n"),
    "live.sc", NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  LmLiveOptions opt = { 2000, "127.0.0.1:0", FALSE, NULL };
  g_autoptr (LmLive) live = lm_live_new (sc, LM_RUN_TIMELINE, &opt, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (live);
  lm_live_loop (live);   /* returns by itself at the duration */
  CU_ASSERT_TRUE (lm_live_ended (live));
  LmRun *run = lm_live_run (live);
  CU_ASSERT_EQUAL (lm_sim_now (lm_run_sim (run)), LM_S (20));
  CU_ASSERT_TRUE (lm_run_finished (run));
  CU_ASSERT_EQUAL (lm_run_expectations (run)->len, 1);
  CU_ASSERT_TRUE (lm_run_all_passed (run));
  CU_ASSERT_EQUAL (lm_metrics_n_failures (lm_run_metrics (run)), 1);
}

static void
test_sigterm_ends_the_run (void)
{
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (SCENARIO ("1y", ""), "live.sc", NULL, NULL);
  LmLiveOptions opt = { 1, "127.0.0.1:0", FALSE, NULL };
  g_autoptr (LmLive) live = lm_live_new (sc, 0, &opt, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (live);
  lm_live_start (live);
  raise (SIGTERM);       /* libevent's handler queues it for the loop */
  lm_live_loop (live);
  CU_ASSERT_TRUE (lm_live_ended (live));
  CU_ASSERT_TRUE (lm_run_finished (lm_live_run (live)));
  CU_ASSERT (lm_sim_now (lm_run_sim (lm_live_run (live))) < LM_Y (1));
}

static void
test_hold_serves_the_final_state (void)
{
  Fixture f;
  LmLiveOptions opt = { 5000, "127.0.0.1:0", TRUE, NULL };
  CU_ASSERT_TRUE_FATAL (fixture_init (&f, SCENARIO ("10s", ""), &opt));
  Resp r = { 0 };
  double ended = 0;
  for (int i = 0; i < 1000 && ended != 1; i++)
    {
      get (&f, "/metrics", &r);
      ended = lm_metric_value (r.body, "lmsim_run_ended", NULL);
      if (ended != 1)
        pause_loop (&f, 5);
    }
  CU_ASSERT_EQUAL (ended, 1);
  CU_ASSERT_EQUAL (lm_metric_value (r.body, "lmsim_simulated_time_seconds", NULL), 10);
  CU_ASSERT_TRUE (lm_run_finished (lm_live_run (f.live)));
  inject (&f, "fail site ic1.A", &r);
  CU_ASSERT_EQUAL (r.code, 409);
  get (&f, "/metrics", &r);     /* still serving */
  CU_ASSERT_EQUAL (r.code, 200);
  resp_clear (&r);
  fixture_clear (&f);
}

/* ------------------------------------------------------------ raw bytes */

typedef struct { GString *got; gboolean closed; } Raw;

static void
on_raw_read (struct bufferevent *bev, void *data)
{
  Raw *raw = data;
  char buf[4096];
  gsize n;
  while ((n = bufferevent_read (bev, buf, sizeof buf)) > 0)
    g_string_append_len (raw->got, buf, (gssize) n);
}

static void
on_raw_event (struct bufferevent *bev, short what, void *data)
{
  if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
    ((Raw *) data)->closed = TRUE;
}

/* Sends @bytes on a fresh connection and collects until the server closes. */
static char *
raw_exchange (Fixture *f, const char *bytes, gsize len)
{
  struct event_base *base = lm_live_base (f->live);
  struct bufferevent *bev = bufferevent_socket_new (base, -1, BEV_OPT_CLOSE_ON_FREE);
  Raw raw = { g_string_new (NULL), FALSE };
  bufferevent_setcb (bev, on_raw_read, NULL, on_raw_event, &raw);
  bufferevent_enable (bev, EV_READ | EV_WRITE);
  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons (lm_live_port (f->live)) };
  sin.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  bufferevent_socket_connect (bev, (struct sockaddr *) &sin, sizeof sin);
  bufferevent_write (bev, bytes, len);
  struct timeval tv = { WATCHDOG_S, 0 };
  evtimer_add (f->watchdog, &tv);
  while (!raw.closed && !f->timed_out)
    event_base_loop (base, EVLOOP_ONCE);
  evtimer_del (f->watchdog);
  bufferevent_free (bev);
  return g_string_free (raw.got, FALSE);
}

static void
test_malformed_http (void)
{
  Fixture f;
  LmLiveOptions opt = { 1000, "127.0.0.1:0", FALSE, NULL };
  CU_ASSERT_TRUE_FATAL (fixture_init (&f, SCENARIO ("1y", ""), &opt));
  static const char *const junk[] = {
    "GARBAGE\r\n\r\n",
    "GET /metrics HTTP/9.9\r\n\r\n",
    "POST /inject HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    "POST /inject HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
    "POST /inject HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n",
    "GET /%zz HTTP/1.0\r\n\r\n",
    "GET /metrics HTTP/1.0\r\nX: \x01\x02\xff\r\n\r\n",
    "\0\0\0\0\r\n\r\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      gsize len = i + 1 == G_N_ELEMENTS (junk) ? 8 : strlen (junk[i]);
      g_autofree char *answer = raw_exchange (&f, junk[i], len);
      CU_ASSERT (answer[0] == '\0' || g_str_has_prefix (answer, "HTTP/1."));
      CU_ASSERT (strstr (answer, " 200 ") == NULL || strstr (junk[i], "GET") != NULL);
    }
  g_autofree char *big = g_strnfill (20000, 'a');
  g_autofree char *hdr = g_strdup_printf ("GET /metrics HTTP/1.1\r\nX-Big: %s\r\n\r\n", big);
  g_autofree char *answer = raw_exchange (&f, hdr, strlen (hdr));
  CU_ASSERT (strstr (answer, " 200 ") == NULL);
  Resp r = { 0 };
  get (&f, "/healthz", &r);   /* still standing */
  CU_ASSERT_EQUAL (r.code, 200);
  resp_clear (&r);
  fixture_clear (&f);
}

/* ------------------------------------------------------------ load */

static void
test_scrape_load (void)
{
  Fixture f;
  LmLiveOptions opt = { 1000, "127.0.0.1:0", FALSE, NULL };
  CU_ASSERT_TRUE_FATAL (fixture_init (&f, SCENARIO ("1y", ""), &opt));
  long n = lm_test_size (10000, 500);
  Resp r = { 0 };
  LmSim *sim = lm_run_sim (lm_live_run (f.live));
  gsize footprint = 0, lines = 0;
  long errors = 0;
  for (long i = 0; i < n; i++)
    {
      get (&f, i % 10 == 9 ? "/status" : "/metrics", &r);
      errors += r.code != 200;
      if (i == n / 10)
        {
          footprint = lm_sim_footprint (sim);
          lines = lm_metric_value (r.body, "lmsim_failures_open", NULL) == 0 ? strlen (r.body) : 0;
        }
      if (f.timed_out)
        {
          g_printerr ("timed out at scrape %ld\n", i);
          break;
        }
    }
  CU_ASSERT_EQUAL (errors, 0);
  CU_ASSERT (lines > 0);
  /* flat: the kernel holds no more after 90 % of the scrapes than after 10 % */
  CU_ASSERT (lm_sim_footprint (sim) <= footprint);
  get (&f, "/metrics", &r);
  CU_ASSERT_TRUE (lm_check_exposition (r.body, NULL));
  resp_clear (&r);
  fixture_clear (&f);
}

LM_SUITE (live) = {
  { "scrape /metrics, inject site failures, watch health and loss change, repair",
    test_scrape_inject_and_see_the_change },
  { "bad injections get 400 with a located message; 405, 404; 413 above 64 KiB",
    test_bad_requests },
  { "with --token, /inject needs the bearer token", test_token },
  { "beyond loopback without a token, or a malformed --listen, is refused", test_listen_safety },
  { "at the duration the run ends by itself, expectations evaluated", test_duration_ends_the_run },
  { "SIGTERM ends the run cleanly", test_sigterm_ends_the_run },
  { "--hold keeps serving the final state; injecting then is a conflict",
    test_hold_serves_the_final_state },
  { "malformed HTTP gets an error or a close, never a crash", test_malformed_http },
  { "10,000 loopback scrapes: no error, flat memory", test_scrape_load },
  CU_TEST_INFO_NULL,
};
