/* tests/models/test-bgp.c — the BGP model against the real kernel: every
 * (state, event) cell with a scripted peer (the path held down, events fed
 * by hand), bring-up timing, negotiated timers, the hold-timer law after a
 * silent failure without BFD, BFD teardown, carrier loss, crashes, admin
 * reset and shutdown, RFC 8326 drain, the prefix limit, two families. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "models/bgp.h"

#define CLOUD LM_BGP_END_CLOUD
#define PARTNER LM_BGP_END_PARTNER
#define ST(x) LM_BGP_STATE_##x
#define EV(x) LM_BGP_EVENT_##x
#define D LM_US (100)   /* the default one-way delay */

/* ------------------------------------------------------------ harness */

typedef struct {
  LmTime t;
  LmBgpEnd end;
  LmBgpRouteChange change;
  guint n;
} Note;

typedef struct {
  LmTime t;
  char *component;
  int from, to;
  const char *what;
} Change;

typedef struct {
  LmSim *sim;
  LmBfdSession *bfd;
  LmBgpSession *bgp;
  GArray *notes;     /* Note */
  GArray *changes;   /* Change */
  GString *trace;
} H;

static void
on_routes (LmBgpSession *s, LmBgpEnd end, LmBgpRouteChange change, guint n, LmTime when,
           gpointer data)
{
  H *h = data;
  Note note = { when, end, change, n };
  g_array_append_val (h->notes, note);
  g_string_append_printf (h->trace, "%" G_GINT64_FORMAT " %s routes %s %u\n", when,
                          lm_bgp_end_name (end), lm_bgp_route_change_name (change), n);
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer data)
{
  H *h = data;
  Change c = { s->time, g_strdup (s->component), s->u.state.from, s->u.state.to, s->what };
  g_array_append_val (h->changes, c);
  g_string_append_printf (h->trace, "%" G_GINT64_FORMAT " %s %s %s->%s (%s)\n", s->time,
                          s->component, s->what, s->u.state.from_name, s->u.state.to_name,
                          s->u.state.cause);
}

static void
change_clear (gpointer p)
{
  g_free (((Change *) p)->component);
}

static H *
h_alloc (guint64 seed)
{
  H *h = g_new0 (H, 1);
  h->sim = lm_sim_new (seed, 0);
  h->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  h->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (h->changes, change_clear);
  h->trace = g_string_new (NULL);
  lm_sim_connect (h->sim, LM_SIGNAL_STATE, on_state, h);
  return h;
}

static void
h_bgp (H *h, const LmBgpConfig *cfg)
{
  g_autoptr (GError) error = NULL;
  h->bgp = lm_bgp_session_new (h->sim, cfg, &error);
  g_assert_no_error (error);
  /* an Established start with a working path is steady state: no events */
  if (cfg->start_established && cfg->path_up)
    CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    lm_bgp_session_watch (h->bgp, i, on_routes, h);
}

/* A session with @cfg (defaults when NULL), no BFD. */
static H *
h_new (guint64 seed, const LmBgpConfig *cfg)
{
  H *h = h_alloc (seed);
  LmBgpConfig def;
  lm_bgp_config_init (&def, "ic1.A.rp1.bgp.ipv4", LM_BGP_FAMILY_IPV4);
  h_bgp (h, cfg ? cfg : &def);
  return h;
}

/* BGP over BFD, both up from the start (or brought up when !up). */
static H *
h_new_bfd (guint64 seed, gboolean up)
{
  H *h = h_alloc (seed);
  LmBfdConfig bc;
  lm_bfd_config_init (&bc, "ic1.A.rp1.bgp.ipv4.bfd");
  bc.start_up = up;
  h->bfd = lm_bfd_session_new (h->sim, &bc, NULL);
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "ic1.A.rp1.bgp.ipv4", LM_BGP_FAMILY_IPV4);
  cfg.bfd = h->bfd;
  cfg.start_established = up;
  h_bgp (h, &cfg);
  return h;
}

static void
h_free (H *h)
{
  lm_bgp_session_free (h->bgp);
  lm_bfd_session_free (h->bfd);
  lm_sim_free (h->sim);
  g_array_unref (h->notes);
  g_array_unref (h->changes);
  g_string_free (h->trace, TRUE);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (H, h_free)

static LmBgpState
st (H *h, LmBgpEnd end)
{
  return lm_bgp_session_state (h->bgp, end);
}

static void
path_down (H *h, gboolean carrier)
{
  if (h->bfd)
    lm_bfd_session_path_down (h->bfd, carrier ? LM_BFD_PATH_CARRIER : LM_BFD_PATH_SILENT);
  lm_bgp_session_path_down (h->bgp, carrier ? LM_BGP_PATH_CARRIER : LM_BGP_PATH_SILENT);
}

static void
path_up (H *h)
{
  if (h->bfd)
    lm_bfd_session_path_up (h->bfd);
  lm_bgp_session_path_up (h->bgp);
}

/* Steps until both ends are in @state; FALSE past @limit. */
static gboolean
run_until_both (H *h, LmBgpState state, LmTime limit)
{
  while (!(st (h, CLOUD) == state && st (h, PARTNER) == state))
    {
      LmTime next;
      if (!lm_sim_next_time (h->sim, &next) || next > limit)
        return FALSE;
      lm_sim_step (h->sim);
    }
  return TRUE;
}

/* Time of the first BGP change of @end into @to at or after @from, or -1. */
static LmTime
entered (H *h, LmBgpEnd end, LmBgpState to, LmTime from)
{
  const char *suffix = end == CLOUD ? ".cloud" : ".partner";
  for (guint i = 0; i < h->changes->len; i++)
    {
      Change *c = &g_array_index (h->changes, Change, i);
      if (c->t >= from && c->to == (int) to && strcmp (c->what, "bgp") == 0
          && g_str_has_suffix (c->component, suffix))
        return c->t;
    }
  return -1;
}

static LmTime
bfd_entered (H *h, LmBgpEnd end, LmBfdState to, LmTime from)
{
  const char *suffix = end == CLOUD ? ".cloud" : ".partner";
  for (guint i = 0; i < h->changes->len; i++)
    {
      Change *c = &g_array_index (h->changes, Change, i);
      if (c->t >= from && c->to == (int) to && strcmp (c->what, "bfd") == 0
          && g_str_has_suffix (c->component, suffix))
        return c->t;
    }
  return -1;
}

/* Time of the first route note of @end with @change at or after @from, or -1. */
static LmTime
noted (H *h, LmBgpEnd end, LmBgpRouteChange change, LmTime from)
{
  for (guint i = 0; i < h->notes->len; i++)
    {
      Note *n = &g_array_index (h->notes, Note, i);
      if (n->t >= from && n->end == end && n->change == change)
        return n->t;
    }
  return -1;
}

static LmBgpCounters
ctr (H *h, LmBgpEnd end)
{
  LmBgpCounters c;
  lm_bgp_session_counters (h->bgp, end, &c);
  return c;
}

/* The analytic age law of docs/models-bfd-bgp.md (gaps uniform on [l, h]). */
static double
age_mean (double l, double h)
{
  return (l * l + l * h + h * h) / 3 / (l + h);
}

static double
age_cdf (double a, double l, double h)
{
  double m = (l + h) / 2;
  if (a <= 0)
    return 0;
  if (a <= l)
    return a / m;
  if (a >= h)
    return 1;
  double w = h - l;
  return l / m + (w * w - (h - a) * (h - a)) / (2 * w * m);
}

/* ------------------------------------------------------------ cells */

typedef struct {
  LmBgpState next;
  guint8 code, subcode;   /* NOTIFICATION sent (0: none) */
  gboolean restarts;      /* when it lands in Idle: automatic restart armed */
} Expect;

static Expect expected_connected (LmBgpState s, LmBgpEvent e);

/* RFC 4271 §8.2.2 as this model states it (docs/models-bfd-bgp.md), written
 * independently of the model's table. */
static Expect
expected (LmBgpState s, LmBgpEvent e)
{
  Expect stay = { s, 0, 0, FALSE };
  Expect idle = { ST (IDLE), 0, 0, TRUE };
  gboolean starts = e == EV (MANUAL_START) || e == EV (MANUAL_START_PASSIVE)
                    || e == EV (AUTOMATIC_START) || e == EV (AUTOMATIC_START_PASSIVE);
  if (e == EV (CRASH))
    return (Expect) { ST (IDLE), 0, 0, FALSE };
  if (s == ST (IDLE))
    {
      if (e == EV (MANUAL_START) || e == EV (AUTOMATIC_START))
        return (Expect) { ST (CONNECT), 0, 0, FALSE };
      if (e == EV (MANUAL_START_PASSIVE) || e == EV (AUTOMATIC_START_PASSIVE))
        return (Expect) { ST (ACTIVE), 0, 0, FALSE };
      if (e == EV (MANUAL_STOP))
        return (Expect) { ST (IDLE), 0, 0, FALSE };
      if (e == EV (RESTART))
        return idle;
      return stay;
    }
  if (starts || e == EV (RESTART))
    return stay;
  if (s == ST (CONNECT) || s == ST (ACTIVE))
    {
      if (e == EV (MANUAL_STOP))
        return (Expect) { ST (IDLE), 0, 0, FALSE };
      if (e == EV (CONNECT_RETRY_EXPIRES))
        return (Expect) { ST (CONNECT), 0, 0, FALSE };
      if (e == EV (TCP_CONNECTED))
        return (Expect) { ST (OPENSENT), 0, 0, FALSE };
      if (e == EV (TCP_FAILS) && s == ST (CONNECT))
        return (Expect) { ST (ACTIVE), 0, 0, FALSE };
      return idle;   /* listed or not: Idle without a NOTIFICATION */
    }
  return expected_connected (s, e);
}

/* OpenSent, OpenConfirm, Established */
static Expect
expected_connected (LmBgpState s, LmBgpEvent e)
{
  Expect stay = { s, 0, 0, FALSE };
  Expect idle = { ST (IDLE), 0, 0, TRUE };
  switch (e)
    {
    case EV (MANUAL_STOP): return (Expect) { ST (IDLE), 6, 2, FALSE };
    case EV (ADMIN_RESET): return (Expect) { ST (IDLE), 6, 4, TRUE };
    case EV (HOLD_EXPIRES): return (Expect) { ST (IDLE), 4, 0, TRUE };
    case EV (TCP_CONNECTED): return stay;
    case EV (NOTIFICATION_RECEIVED): return idle;
    case EV (BFD_DOWN): return (Expect) { ST (IDLE), 6, 10, TRUE };
    case EV (INTERFACE_DOWN): return idle;
    default: break;
    }
  if (s == ST (OPENSENT))
    {
      if (e == EV (TCP_FAILS))
        return (Expect) { ST (ACTIVE), 0, 0, FALSE };
      if (e == EV (OPEN_RECEIVED))
        return (Expect) { ST (OPENCONFIRM), 0, 0, FALSE };
      if (e == EV (OPEN_ERROR))
        return (Expect) { ST (IDLE), 2, 6, TRUE };
    }
  if (s == ST (OPENCONFIRM))
    {
      if (e == EV (KEEPALIVE_EXPIRES))
        return stay;
      if (e == EV (TCP_FAILS))
        return idle;
      if (e == EV (OPEN_RECEIVED))
        return (Expect) { ST (IDLE), 6, 7, TRUE };
      if (e == EV (OPEN_ERROR))
        return (Expect) { ST (IDLE), 2, 6, TRUE };
      if (e == EV (KEEPALIVE_RECEIVED))
        return (Expect) { ST (ESTABLISHED), 0, 0, FALSE };
    }
  if (s == ST (ESTABLISHED))
    {
      if (e == EV (KEEPALIVE_EXPIRES) || e == EV (KEEPALIVE_RECEIVED)
          || e == EV (UPDATE_RECEIVED))
        return stay;
      if (e == EV (TCP_FAILS))
        return idle;
      if (e == EV (PREFIX_LIMIT))
        return (Expect) { ST (IDLE), 6, 1, FALSE };
    }
  /* the unexpected-event policy: FSM Error, subcode per RFC 6608 */
  guint8 sub = s == ST (OPENSENT) ? 1 : s == ST (OPENCONFIRM) ? 2 : 3;
  return (Expect) { ST (IDLE), 5, sub, TRUE };
}

/* A session whose path is down: the test plays the peer by feeding events. */
static H *
scripted (LmBgpState state)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "cells.bgp", LM_BGP_FAMILY_IPV4);
  cfg.path_up = FALSE;
  H *h = h_new (7, &cfg);
  static const int path[LM_BGP_N_STATES][6] = {
    [ST (IDLE)] = { -1 },
    [ST (CONNECT)] = { EV (AUTOMATIC_START), -1 },
    [ST (ACTIVE)] = { EV (AUTOMATIC_START_PASSIVE), -1 },
    [ST (OPENSENT)] = { EV (AUTOMATIC_START), EV (TCP_CONNECTED), -1 },
    [ST (OPENCONFIRM)] = { EV (AUTOMATIC_START), EV (TCP_CONNECTED), EV (OPEN_RECEIVED), -1 },
    [ST (ESTABLISHED)] = { EV (AUTOMATIC_START), EV (TCP_CONNECTED), EV (OPEN_RECEIVED),
                           EV (KEEPALIVE_RECEIVED), EV (UPDATE_RECEIVED) /* routes */, -1 },
  };
  for (int i = 0; path[state][i] >= 0; i++)
    lm_bgp_session_feed (h->bgp, CLOUD, path[state][i]);
  g_assert (st (h, CLOUD) == state);
  g_array_set_size (h->notes, 0);
  g_array_set_size (h->changes, 0);
  return h;
}

static gboolean
check_cell (LmBgpState state, LmBgpEvent ev)
{
  g_autoptr (H) h = scripted (state);
  Expect x = expected (state, ev);
  LmBgpCounters before = ctr (h, CLOUD);
  gboolean had_routes = lm_bgp_session_routes (h->bgp, CLOUD) > 0;
  lm_bgp_session_feed (h->bgp, CLOUD, ev);
  LmBgpCounters after = ctr (h, CLOUD);
  gboolean ok = st (h, CLOUD) == x.next;
  ok &= h->changes->len == (x.next != state ? 1u : 0u);
  ok &= after.notifications_sent == before.notifications_sent + (x.code ? 1 : 0);
  if (x.code)
    ok &= after.last_code == x.code && after.last_subcode == x.subcode;
  if (x.next == ST (IDLE) && state != ST (IDLE))
    {
      for (int t = 0; t < LM_BGP_N_TIMERS; t++)   /* the reset state stops everything */
        ok &= lm_bgp_session_timer (h->bgp, CLOUD, t, NULL) == (t == LM_BGP_TIMER_IDLE_HOLD
                                                                 && x.restarts);
      /* leaving Established withdraws, except when the router crashed */
      ok &= h->notes->len == (had_routes && ev != EV (CRASH) ? 1u : 0u);
    }
  if (state == ST (IDLE) && x.next == ST (IDLE))   /* armed since creation unless stopped */
    ok &= lm_bgp_session_timer (h->bgp, CLOUD, LM_BGP_TIMER_IDLE_HOLD, NULL)
          == (ev != EV (MANUAL_STOP) && ev != EV (CRASH));
  if (!ok)
    fprintf (stderr, "\n  cell \"%s in %s\": got %s, notification %u/%u (%" G_GUINT64_FORMAT ")\n",
             lm_bgp_event_name (ev), lm_bgp_state_name (state), lm_bgp_state_name (st (h, CLOUD)),
             after.last_code, after.last_subcode, after.notifications_sent);
  return ok;
}

static void
check_row (LmBgpState state)
{
  for (int ev = 0; ev < LM_BGP_N_EVENTS; ev++)
    CU_ASSERT_TRUE (check_cell (state, ev));
}

static void test_cells_idle (void) { check_row (ST (IDLE)); }
static void test_cells_connect (void) { check_row (ST (CONNECT)); }
static void test_cells_active (void) { check_row (ST (ACTIVE)); }
static void test_cells_opensent (void) { check_row (ST (OPENSENT)); }
static void test_cells_openconfirm (void) { check_row (ST (OPENCONFIRM)); }
static void test_cells_established (void) { check_row (ST (ESTABLISHED)); }

static void
test_cell_actions (void)
{
  /* what some cells do besides changing state */
  g_autoptr (H) h = scripted (ST (OPENCONFIRM));
  guint64 ka = ctr (h, CLOUD).keepalives_sent;
  lm_bgp_session_feed (h->bgp, CLOUD, EV (KEEPALIVE_EXPIRES));
  CU_ASSERT_EQUAL (ctr (h, CLOUD).keepalives_sent, ka + 1);
  CU_ASSERT_TRUE (lm_bgp_session_timer (h->bgp, CLOUD, LM_BGP_TIMER_KEEPALIVE, NULL));
  lm_bgp_session_feed (h->bgp, CLOUD, EV (KEEPALIVE_RECEIVED));
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (ESTABLISHED));
  /* Established: keepalives are steady state, no timer */
  CU_ASSERT_FALSE (lm_bgp_session_timer (h->bgp, CLOUD, LM_BGP_TIMER_KEEPALIVE, NULL));
  lm_bgp_session_feed (h->bgp, CLOUD, EV (UPDATE_RECEIVED));
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, CLOUD), 1);
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_INSTALLED, 0), 0);
  lm_bgp_session_feed (h->bgp, CLOUD, EV (HOLD_EXPIRES));
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_WITHDRAWN, 0), 0);
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, CLOUD), 0);
}

/* ------------------------------------------------------------ timers in real time */

static void
test_hold_expiry_in_openconfirm (void)
{
  g_autoptr (H) h = scripted (ST (OPENCONFIRM));
  lm_sim_run_until (h->sim, LM_MIN (5));
  LmTime t = entered (h, CLOUD, ST (IDLE), 0);
  CU_ASSERT_EQUAL (t, LM_S (90));   /* the negotiated hold after the OPEN */
  LmBgpCounters c = ctr (h, CLOUD);
  CU_ASSERT_EQUAL (c.last_code, 4);
  /* keepalives every 22.5–30 s meanwhile: the one on OPEN plus 3 or 4 */
  CU_ASSERT_TRUE (c.keepalives_sent >= 4 && c.keepalives_sent <= 5);
}

static void
test_hold_expiry_in_opensent (void)
{
  g_autoptr (H) h = scripted (ST (OPENSENT));
  lm_sim_run_until (h->sim, LM_MIN (10));
  CU_ASSERT_EQUAL (entered (h, CLOUD, ST (IDLE), 0), LM_MIN (4));   /* §8.2.2 */
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_code, 4);
}

static void
test_connect_retry_expiry_in_connect (void)
{
  g_autoptr (H) h = scripted (ST (CONNECT));
  LmTime cr;
  CU_ASSERT_TRUE_FATAL (lm_bgp_session_timer (h->bgp, CLOUD, LM_BGP_TIMER_CONNECT_RETRY, &cr));
  CU_ASSERT_TRUE (cr >= LM_S (90) && cr <= LM_S (120));   /* 120 s, jitter 0.75–1 (§10) */
  lm_sim_run_until (h->sim, cr - 1);
  /* SYNs at 0, 1, 3, 7, 15, 31, 63 s (RTO 1 s doubling, RFC 6298) */
  CU_ASSERT_EQUAL (ctr (h, CLOUD).syns_sent, 7);
  lm_sim_run_until (h->sim, cr);
  CU_ASSERT_EQUAL (ctr (h, CLOUD).syns_sent, 8);   /* a new attempt */
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (CONNECT));
  LmTime cr2;
  CU_ASSERT_TRUE (lm_bgp_session_timer (h->bgp, CLOUD, LM_BGP_TIMER_CONNECT_RETRY, &cr2));
  CU_ASSERT_TRUE (cr2 - cr >= LM_S (90) && cr2 - cr <= LM_S (120));
}

/* ------------------------------------------------------------ bring-up */

static void
test_bringup_timing (void)
{
  g_autoptr (H) h = h_new (1, NULL);
  lm_sim_run (h->sim);
  /* idle hold 1 s, then SYN, SYN-ACK + OPEN, OPEN + KEEPALIVE, KEEPALIVE */
  CU_ASSERT_EQUAL (entered (h, PARTNER, ST (ESTABLISHED), 0), LM_S (1) + 3 * D);
  CU_ASSERT_EQUAL (entered (h, CLOUD, ST (ESTABLISHED), 0), LM_S (1) + 4 * D);
  /* MRAI 0: each end's UPDATE one delay after it is Established */
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_INSTALLED, 0), LM_S (1) + 4 * D);
  CU_ASSERT_EQUAL (noted (h, PARTNER, LM_BGP_ROUTES_INSTALLED, 0), LM_S (1) + 5 * D);
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, CLOUD), 1);
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, PARTNER), 1);
  /* one connection: the collision left one SYN each, one OPEN each */
  CU_ASSERT_EQUAL (ctr (h, CLOUD).opens_sent, 1);
  CU_ASSERT_EQUAL (ctr (h, PARTNER).opens_sent, 1);
  /* Established is steady state: nothing left to run for a whole day */
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
  guint64 ran = lm_sim_events_run (h->sim);
  lm_sim_run_until (h->sim, LM_D (1));
  CU_ASSERT_EQUAL (lm_sim_events_run (h->sim), ran);
}

static void
test_passive_end_listens (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "ic1.A.rp1.bgp.ipv4", LM_BGP_FAMILY_IPV4);
  cfg.end[PARTNER].passive = TRUE;
  g_autoptr (H) h = h_new (2, &cfg);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (entered (h, PARTNER, ST (ACTIVE), 0), LM_S (1));
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (ESTABLISHED));
  CU_ASSERT_EQUAL (st (h, PARTNER), ST (ESTABLISHED));
  CU_ASSERT_EQUAL (ctr (h, PARTNER).syns_sent, 0);
}

static void
test_negotiated_timers (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "neg.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[PARTNER].hold = LM_S (30);
  cfg.end[PARTNER].keepalive = LM_S (10);
  g_autoptr (H) h = h_new (3, &cfg);
  lm_sim_run (h->sim);
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      CU_ASSERT_EQUAL (lm_bgp_session_hold_time (h->bgp, i), LM_S (30));
      CU_ASSERT_EQUAL (lm_bgp_session_keepalive_time (h->bgp, i), LM_S (10));
    }
  /* keepalive one third of the hold unless configured lower */
  lm_bgp_config_init (&cfg, "neg2.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[PARTNER].hold = LM_S (30);
  g_autoptr (H) h2 = h_new (3, &cfg);
  lm_sim_run (h2->sim);
  CU_ASSERT_EQUAL (lm_bgp_session_keepalive_time (h2->bgp, CLOUD), LM_S (10));
  CU_ASSERT_EQUAL (lm_bgp_session_keepalive_time (h2->bgp, PARTNER), LM_S (10));
}

static void
test_hold_zero_never_detects (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "zero.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[PARTNER].hold = 0;
  cfg.start_established = TRUE;
  g_autoptr (H) h = h_new (4, &cfg);
  CU_ASSERT_EQUAL (lm_bgp_session_hold_time (h->bgp, CLOUD), 0);
  CU_ASSERT_EQUAL (lm_bgp_session_keepalive_time (h->bgp, CLOUD), 0);
  path_down (h, FALSE);
  lm_sim_run_until (h->sim, LM_H (1));
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (ESTABLISHED));
  CU_ASSERT_EQUAL (st (h, PARTNER), ST (ESTABLISHED));
}

/* ------------------------------------------------------------ the hold law */

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
test_hold_detection_without_bfd (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "ic1.A.rp1.bgp.ipv4", LM_BGP_FAMILY_IPV4);
  cfg.start_established = TRUE;
  long n = lm_test_size (4000, 800);
  g_autofree double *d = g_new (double, 2 * n);
  guint out = 0;
  double sum = 0;
  for (long k = 0; k < n; k++)
    {
      g_autoptr (H) h = h_new (100 + k, &cfg);
      lm_sim_run_until (h->sim, LM_S (1));
      path_down (h, FALSE);
      lm_sim_run_until (h->sim, LM_S (100));
      for (int i = 0; i < 2; i++)
        {
          double x = LM_TIME_TO_S (entered (h, i, ST (IDLE), 0) - LM_S (1));
          d[2 * k + i] = x;
          sum += x;
          out += !(x > 60 && x <= 90);
          out += ctr (h, i).last_code != 4;
        }
    }
  CU_ASSERT_EQUAL (out, 0);
  /* keepalive gaps uniform on [22.5, 30] s (RFC 4271 §10 jitter) */
  double mean = 90 - age_mean (22.5, 30);
  CU_ASSERT_DOUBLE_EQUAL (sum / (2.0 * n), mean, 0.02 * mean);
  qsort (d, 2 * n, sizeof (double), cmp_double);
  double ks = 0;
  for (long i = 0; i < 2 * n; i++)
    {
      double f = 1 - age_cdf (90 - d[i], 22.5, 30);
      ks = MAX (ks, MAX (fabs (f - (i + 1.0) / (2 * n)), fabs (f - (double) i / (2 * n))));
    }
  CU_ASSERT_TRUE (ks < 1.95 / sqrt (2.0 * n));
}

static void
test_short_silence_without_bfd_unnoticed (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "blip.bgp", LM_BGP_FAMILY_IPV4);
  cfg.start_established = TRUE;
  g_autoptr (H) h = h_new (5, &cfg);
  path_down (h, FALSE);
  lm_sim_run_until (h->sim, LM_S (10));
  path_up (h);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (h->changes->len, 0);
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
}

/* ------------------------------------------------------------ BFD */

static void
test_bfd_down_tears_bgp_down_at_once (void)
{
  g_autoptr (H) h = h_new_bfd (6, TRUE);
  lm_sim_run_until (h->sim, LM_S (10));
  path_down (h, FALSE);
  CU_ASSERT_TRUE_FATAL (run_until_both (h, ST (IDLE), LM_S (12)));
  lm_sim_run_until (h->sim, LM_S (30));
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmTime bfd_down = bfd_entered (h, i, LM_BFD_STATE_DOWN, 0);
      CU_ASSERT_TRUE (bfd_down > LM_S (10) + LM_MS (600) && bfd_down <= LM_S (10) + LM_MS (900));
      CU_ASSERT_EQUAL (entered (h, i, ST (IDLE), 0), bfd_down);
      CU_ASSERT_EQUAL (noted (h, i, LM_BGP_ROUTES_WITHDRAWN, 0), bfd_down);
      LmBgpCounters c = ctr (h, i);
      CU_ASSERT_EQUAL (c.last_code, 6);
      CU_ASSERT_EQUAL (c.last_subcode, 10);   /* Cease, BFD Down (RFC 9384) */
      CU_ASSERT_FALSE (lm_bgp_session_timer (h->bgp, i, LM_BGP_TIMER_HOLD, NULL));
      /* waiting for BFD: no connection attempts into the dead path */
      CU_ASSERT_EQUAL (c.syns_sent, 0);
    }
  /* repair: BFD comes up first, then BGP, then the routes */
  lm_sim_run_until (h->sim, LM_MIN (1));
  path_up (h);
  CU_ASSERT_TRUE_FATAL (run_until_both (h, ST (ESTABLISHED), LM_MIN (2)));
  lm_sim_run (h->sim);
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmTime bfd_up = bfd_entered (h, i, LM_BFD_STATE_UP, LM_MIN (1));
      LmTime out_of_idle = entered (h, i, ST (CONNECT), LM_MIN (1));
      LmTime routes = noted (h, i, LM_BGP_ROUTES_INSTALLED, LM_MIN (1));
      CU_ASSERT_TRUE (bfd_up > 0 && bfd_up <= LM_MIN (1) + LM_S (1) + 3 * D);
      CU_ASSERT_TRUE (out_of_idle >= bfd_up);
      CU_ASSERT_TRUE (routes > 0 && routes <= bfd_up + LM_MS (5));
    }
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
}

static void
test_established_only_with_bfd_up (void)
{
  g_autoptr (H) h = h_new_bfd (8, FALSE);
  CU_ASSERT_TRUE_FATAL (run_until_both (h, ST (ESTABLISHED), LM_S (30)));
  for (int i = 0; i < LM_BGP_N_ENDS; i++)
    {
      LmTime bfd_up = bfd_entered (h, i, LM_BFD_STATE_UP, 0);
      CU_ASSERT_TRUE (bfd_up >= 0);
      CU_ASSERT_TRUE (entered (h, i, ST (ESTABLISHED), 0) > bfd_up);
      /* no start before BFD said Up (the idle hold is 1 s) */
      CU_ASSERT_TRUE (entered (h, i, ST (CONNECT), 0) >= MIN (bfd_up, LM_S (1)));
      CU_ASSERT_TRUE (entered (h, i, ST (CONNECT), 0) >= bfd_up
                      || entered (h, i, ST (ACTIVE), 0) >= 0);
    }
}

static void
test_bfd_admin_down_keeps_bgp (void)
{
  g_autoptr (H) h = h_new_bfd (9, TRUE);
  lm_bfd_session_set_admin_down (h->bfd, LM_BFD_END_CLOUD, TRUE);
  lm_sim_run_until (h->sim, LM_S (10));
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (ESTABLISHED));   /* RFC 5882 §3.2 */
  CU_ASSERT_EQUAL (st (h, PARTNER), ST (ESTABLISHED));
}

/* ------------------------------------------------------------ failures */

static void
test_carrier_loss (void)
{
  for (int with_bfd = 0; with_bfd < 2; with_bfd++)
    {
      g_autoptr (H) h = NULL;
      if (with_bfd)
        h = h_new_bfd (10, TRUE);
      else
        {
          LmBgpConfig cfg;
          lm_bgp_config_init (&cfg, "carrier.bgp", LM_BGP_FAMILY_IPV4);
          cfg.start_established = TRUE;
          h = h_new (10, &cfg);
        }
      lm_sim_run_until (h->sim, LM_S (5));
      path_down (h, TRUE);
      lm_sim_run_until (h->sim, LM_S (6));
      for (int i = 0; i < LM_BGP_N_ENDS; i++)
        {
          CU_ASSERT_EQUAL (entered (h, i, ST (IDLE), 0), LM_S (5) + LM_MS (1));
          CU_ASSERT_EQUAL (noted (h, i, LM_BGP_ROUTES_WITHDRAWN, 0), LM_S (5) + LM_MS (1));
        }
    }
}

static void
test_crash_of_one_end_with_bfd (void)
{
  g_autoptr (H) h = h_new_bfd (11, TRUE);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bfd_session_crash (h->bfd, LM_BFD_END_CLOUD);
  lm_bgp_session_crash (h->bgp, CLOUD);
  lm_sim_run_until (h->sim, LM_S (20));
  CU_ASSERT_EQUAL (entered (h, CLOUD, ST (IDLE), 0), LM_S (10));
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_WITHDRAWN, 0), -1);   /* it said nothing */
  LmTime t = entered (h, PARTNER, ST (IDLE), 0);
  CU_ASSERT_TRUE (t > LM_S (10) + LM_MS (600) && t <= LM_S (10) + LM_MS (900));
  CU_ASSERT_EQUAL (noted (h, PARTNER, LM_BGP_ROUTES_WITHDRAWN, 0), t);
  CU_ASSERT_EQUAL (ctr (h, CLOUD).notifications_sent, 0);
  /* the router comes back */
  lm_bfd_session_restart (h->bfd, LM_BFD_END_CLOUD);
  lm_bgp_session_restart (h->bgp, CLOUD);
  CU_ASSERT_TRUE (run_until_both (h, ST (ESTABLISHED), LM_S (40)));
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, CLOUD), 1);
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, PARTNER), 1);
}

static void
test_crash_without_bfd_waits_for_hold (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "crash.bgp", LM_BGP_FAMILY_IPV4);
  cfg.start_established = TRUE;
  g_autoptr (H) h = h_new (12, &cfg);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bgp_session_crash (h->bgp, PARTNER);
  lm_sim_run_until (h->sim, LM_S (200));
  LmTime t = entered (h, CLOUD, ST (IDLE), 0) - LM_S (10);
  CU_ASSERT_TRUE (t > LM_S (60) && t <= LM_S (90));
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_code, 4);
}

static void
test_admin_reset_withdraws_and_reconnects (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "reset.bgp", LM_BGP_FAMILY_IPV4);
  cfg.start_established = TRUE;
  g_autoptr (H) h = h_new (13, &cfg);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bgp_session_clear (h->bgp, CLOUD);
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_WITHDRAWN, 0), LM_S (10));
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_code, 6);
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_subcode, 4);   /* Cease, Administrative Reset */
  CU_ASSERT_TRUE (run_until_both (h, ST (ESTABLISHED), LM_S (20)));
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (noted (h, PARTNER, LM_BGP_ROUTES_WITHDRAWN, 0), LM_S (10) + D);
  CU_ASSERT_EQUAL (ctr (h, PARTNER).notifications_received, 1);
  LmTime back = noted (h, PARTNER, LM_BGP_ROUTES_INSTALLED, LM_S (10));
  CU_ASSERT_TRUE (back > LM_S (11) && back <= LM_S (11) + LM_MS (10));
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, CLOUD), 1);
}

static void
test_admin_shutdown_holds_until_start (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "shut.bgp", LM_BGP_FAMILY_IPV4);
  cfg.start_established = TRUE;
  g_autoptr (H) h = h_new (14, &cfg);
  lm_bgp_session_stop (h->bgp, CLOUD, FALSE);
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_subcode, 2);   /* Administrative Shutdown */
  lm_sim_run_until (h->sim, LM_MIN (30));
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (IDLE));
  CU_ASSERT_EQUAL (noted (h, PARTNER, LM_BGP_ROUTES_WITHDRAWN, 0), D);
  /* the partner keeps trying, refused, listening in between: few events */
  CU_ASSERT_TRUE (lm_sim_events_run (h->sim) < 200);
  lm_bgp_session_start (h->bgp, CLOUD);
  LmTime t = lm_sim_now (h->sim);
  CU_ASSERT_TRUE (run_until_both (h, ST (ESTABLISHED), t + LM_MIN (3)));
  CU_ASSERT_TRUE (lm_sim_now (h->sim) - t <= LM_MS (1));   /* the partner was listening */
}

static void
test_graceful_drain (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "drain.bgp", LM_BGP_FAMILY_IPV4);
  cfg.start_established = TRUE;
  g_autoptr (H) h = h_new (15, &cfg);
  lm_sim_run_until (h->sim, LM_S (100));
  lm_bgp_session_stop (h->bgp, CLOUD, TRUE);
  lm_sim_run_until (h->sim, LM_S (200));
  /* RFC 8326: both ends depreference first, withdraw after the drain time */
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_DEPREFERENCED, 0), LM_S (100));
  CU_ASSERT_EQUAL (noted (h, PARTNER, LM_BGP_ROUTES_DEPREFERENCED, 0), LM_S (100) + D);
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_WITHDRAWN, 0), LM_S (105));
  CU_ASSERT_EQUAL (noted (h, PARTNER, LM_BGP_ROUTES_WITHDRAWN, 0), LM_S (105) + D);
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_subcode, 2);
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (IDLE));
}

static void
test_prefix_limit (void)
{
  LmBgpConfig cfg;
  lm_bgp_config_init (&cfg, "limit.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[PARTNER].prefixes = 100;   /* the limit itself is fine */
  g_autoptr (H) ok = h_new (16, &cfg);
  lm_sim_run (ok->sim);
  CU_ASSERT_EQUAL (lm_bgp_session_routes (ok->bgp, CLOUD), 100);

  cfg.end[PARTNER].prefixes = 101;
  g_autoptr (H) h = h_new (16, &cfg);
  lm_sim_run_until (h->sim, LM_MIN (30));
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (IDLE));   /* and it stays there */
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_code, 6);
  CU_ASSERT_EQUAL (ctr (h, CLOUD).last_subcode, 1);   /* Maximum Number of Prefixes */
  CU_ASSERT_EQUAL (ctr (h, CLOUD).established, 1);
  CU_ASSERT_EQUAL (noted (h, CLOUD, LM_BGP_ROUTES_INSTALLED, 0), -1);
  /* the customer trims to 100 and the operator clears the session */
  lm_bgp_session_set_prefixes (h->bgp, PARTNER, 100);
  lm_bgp_session_clear (h->bgp, CLOUD);
  LmTime t = lm_sim_now (h->sim);
  CU_ASSERT_TRUE (run_until_both (h, ST (ESTABLISHED), t + LM_MIN (3)));
  lm_sim_run_until (h->sim, lm_sim_now (h->sim) + LM_S (1));
  CU_ASSERT_EQUAL (lm_bgp_session_routes (h->bgp, CLOUD), 100);
}

static void
test_families_are_independent (void)
{
  g_autoptr (H) h = h_alloc (17);
  LmBgpConfig c4, c6;
  lm_bgp_config_init (&c4, "ic1.A.rp1.bgp.ipv4", LM_BGP_FAMILY_IPV4);
  lm_bgp_config_init (&c6, "ic1.A.rp1.bgp.ipv6", LM_BGP_FAMILY_IPV6);
  c4.start_established = c6.start_established = TRUE;
  h_bgp (h, &c4);
  g_autoptr (LmBgpSession) v6 = lm_bgp_session_new (h->sim, &c6, NULL);
  lm_bgp_session_clear (h->bgp, CLOUD);
  lm_sim_run_until (h->sim, LM_S (30));
  CU_ASSERT_EQUAL (lm_bgp_session_state (v6, CLOUD), ST (ESTABLISHED));
  for (guint i = 0; i < h->changes->len; i++)
    CU_ASSERT_FALSE (g_str_has_prefix (g_array_index (h->changes, Change, i).component,
                                       "ic1.A.rp1.bgp.ipv6"));
  /* a silent failure of both: independent hold draws */
  lm_bgp_session_path_down (h->bgp, LM_BGP_PATH_SILENT);
  lm_bgp_session_path_down (v6, LM_BGP_PATH_SILENT);
  LmTime e4, e6;
  CU_ASSERT_TRUE (lm_bgp_session_timer (h->bgp, CLOUD, LM_BGP_TIMER_HOLD, &e4));
  CU_ASSERT_TRUE (lm_bgp_session_timer (v6, CLOUD, LM_BGP_TIMER_HOLD, &e6));
  CU_ASSERT_NOT_EQUAL (e4, e6);
}

/* ------------------------------------------------------------ configuration */

static void
test_bad_configs_are_errors (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmBgpConfig cfg;
  g_autoptr (GError) error = NULL;
  lm_bgp_config_init (&cfg, "gr.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[CLOUD].graceful_restart = TRUE;
  CU_ASSERT_PTR_NULL (lm_bgp_session_new (sim, &cfg, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_BGP_ERROR, LM_BGP_ERROR_UNSUPPORTED));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "graceful restart"));
  g_clear_error (&error);
  lm_bgp_config_init (&cfg, "hold.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[PARTNER].hold = LM_S (2);
  CU_ASSERT_PTR_NULL (lm_bgp_session_new (sim, &cfg, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "hold.bgp.partner"));
  g_clear_error (&error);
  lm_bgp_config_init (&cfg, "ka.bgp", LM_BGP_FAMILY_IPV4);
  cfg.end[CLOUD].keepalive = 0;
  CU_ASSERT_PTR_NULL (lm_bgp_session_new (sim, &cfg, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG));
  g_clear_error (&error);
  /* Established needs BFD Up */
  LmBfdConfig bc;
  lm_bfd_config_init (&bc, "down.bfd");
  g_autoptr (LmBfdSession) bfd = lm_bfd_session_new (sim, &bc, NULL);
  lm_bgp_config_init (&cfg, "est.bgp", LM_BGP_FAMILY_IPV4);
  cfg.bfd = bfd;
  cfg.start_established = TRUE;
  CU_ASSERT_PTR_NULL (lm_bgp_session_new (sim, &cfg, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_BGP_ERROR, LM_BGP_ERROR_CONFIG));
}

static char *
timeline (guint64 seed)
{
  g_autoptr (H) h = h_new_bfd (seed, FALSE);
  lm_sim_run_until (h->sim, LM_S (30));
  path_down (h, FALSE);
  lm_sim_run_until (h->sim, LM_S (60));
  path_up (h);
  lm_sim_run_until (h->sim, LM_S (120));
  return g_strdup (h->trace->str);
}

static void
test_reproducible_with_seed (void)
{
  g_autofree char *a = timeline (42), *b = timeline (42), *c = timeline (43);
  CU_ASSERT_STRING_EQUAL (a, b);
  CU_ASSERT_STRING_NOT_EQUAL (a, c);
}

LM_SUITE (models_bgp) = {
  { "every event in Idle", test_cells_idle },
  { "every event in Connect", test_cells_connect },
  { "every event in Active", test_cells_active },
  { "every event in OpenSent", test_cells_opensent },
  { "every event in OpenConfirm", test_cells_openconfirm },
  { "every event in Established", test_cells_established },
  { "cell actions: keepalives in OpenConfirm, none in Established, routes in and out",
    test_cell_actions },
  { "hold timer expiry in OpenConfirm, after the negotiated hold", test_hold_expiry_in_openconfirm },
  { "hold timer expiry in OpenSent, after 4 minutes", test_hold_expiry_in_opensent },
  { "ConnectRetry expiry in Connect: 90-120 s, SYNs backing off meanwhile",
    test_connect_retry_expiry_in_connect },
  { "bring-up: Established 1 s + 3-4 delays, routes one delay later, then no events",
    test_bringup_timing },
  { "a passive end listens in Active", test_passive_end_listens },
  { "negotiated timers: hold 90 vs 30 -> 30, keepalive a third", test_negotiated_timers },
  { "hold 0: no keepalives, a silent path is never noticed", test_hold_zero_never_detects },
  { "without BFD a silent path is detected in (60, 90] s, law as derived",
    test_hold_detection_without_bfd },
  { "without BFD a 10 s silence goes unnoticed", test_short_silence_without_bfd_unnoticed },
  { "BFD Down tears BGP down at once; repair waits for BFD Up", test_bfd_down_tears_bgp_down_at_once },
  { "Established only once BFD is Up", test_established_only_with_bfd_up },
  { "BFD AdminDown does not tear BGP down", test_bfd_admin_down_keeps_bgp },
  { "carrier loss: withdrawn 1 ms later, with or without BFD", test_carrier_loss },
  { "crash of one end with BFD: the peer withdraws within 0.9 s; restart re-establishes",
    test_crash_of_one_end_with_bfd },
  { "crash of one end without BFD: the hold timer, 60-90 s", test_crash_without_bfd_waits_for_hold },
  { "admin reset: Cease, immediate withdraw at both ends, back in about a second",
    test_admin_reset_withdraws_and_reconnects },
  { "admin shutdown holds the session down until started", test_admin_shutdown_holds_until_start },
  { "graceful drain: depreference, wait 5 s, withdraw", test_graceful_drain },
  { "prefix limit: 101 prefixes idle the cloud end for good; 100 are fine", test_prefix_limit },
  { "IPv4 and IPv6 sessions are independent", test_families_are_independent },
  { "graceful restart, hold 2 s, keepalive 0 are GErrors", test_bad_configs_are_errors },
  { "same seed, same timeline; another seed, another", test_reproducible_with_seed },
  CU_TEST_INFO_NULL,
};
