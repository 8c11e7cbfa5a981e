/* tests/models/test-bfd.c — the BFD model against the real kernel: every
 * (state, event) cell with a scripted peer (the path held down, events fed
 * by hand), the handshake, negotiated intervals, the exact detection law
 * after a silent failure (checked against the analytic mean and CDF derived
 * in docs/models-bfd-bgp.md), carrier loss, crashes, AdminDown, requests. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "models/bfd.h"
#include "sim/rng.h"

#define CLOUD LM_BFD_END_CLOUD
#define PARTNER LM_BFD_END_PARTNER
#define ST(x) LM_BFD_STATE_##x
#define EV(x) LM_BFD_EVENT_##x
#define DG(x) LM_BFD_DIAG_##x

/* ------------------------------------------------------------ harness */

typedef struct {
  LmTime t;
  LmBfdEnd end;
  LmBfdState state;
  LmBfdDiag diag;
} Note;

typedef struct {
  LmTime t;
  LmBfdEnd end;
  LmBfdState from, to;
} Change;

typedef struct {
  LmSim *sim;
  LmBfdSession *bfd;
  LmBfdRequest *req[LM_BFD_N_ENDS];
  GArray *notes;     /* Note */
  GArray *changes;   /* Change */
  GString *trace;
} H;

static void
on_notify (LmBfdSession *s, LmBfdEnd end, LmBfdState state, LmBfdDiag diag, gpointer data)
{
  H *h = data;
  Note n = { lm_sim_now (h->sim), end, state, diag };
  g_array_append_val (h->notes, n);
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer data)
{
  H *h = data;
  CU_ASSERT_STRING_EQUAL (s->what, "bfd");
  Change c = { s->time, g_str_has_suffix (s->component, ".cloud") ? CLOUD : PARTNER,
               s->u.state.from, s->u.state.to };
  g_array_append_val (h->changes, c);
  g_string_append_printf (h->trace, "%" G_GINT64_FORMAT " %s %s->%s (%s)\n", s->time,
                          s->component, s->u.state.from_name, s->u.state.to_name,
                          s->u.state.cause);
}

static H *
h_new (guint64 seed, const LmBfdConfig *cfg)
{
  H *h = g_new0 (H, 1);
  h->sim = lm_sim_new (seed, 0);
  h->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  h->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  h->trace = g_string_new (NULL);
  lm_sim_connect (h->sim, LM_SIGNAL_STATE, on_state, h);
  LmBfdConfig def;
  lm_bfd_config_init (&def, "ic1.A.rp1.bgp.ipv4.bfd");
  g_autoptr (GError) error = NULL;
  h->bfd = lm_bfd_session_new (h->sim, cfg ? cfg : &def, &error);
  g_assert_no_error (error);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    h->req[i] = lm_bfd_request_new (h->bfd, i, on_notify, h);
  return h;
}

static void
h_free (H *h)
{
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    lm_bfd_request_free (h->req[i]);
  lm_bfd_session_free (h->bfd);
  lm_sim_free (h->sim);
  g_array_unref (h->notes);
  g_array_unref (h->changes);
  g_string_free (h->trace, TRUE);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (H, h_free)

static LmBfdState
st (H *h, LmBfdEnd end)
{
  return lm_bfd_session_state (h->bfd, end);
}

/* Runs until both ends are in @state (or nothing is left to run). */
static gboolean
run_until_both (H *h, LmBfdState state, LmTime limit)
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

/* Time of the last change of @end into @to, or -1. */
static LmTime
changed_at (H *h, LmBfdEnd end, LmBfdState to)
{
  for (guint i = h->changes->len; i-- > 0;)
    {
      Change *c = &g_array_index (h->changes, Change, i);
      if (c->end == end && c->to == to)
        return c->t;
    }
  return -1;
}

static guint
notes_for (H *h, LmBfdEnd end)
{
  guint n = 0;
  for (guint i = 0; i < h->notes->len; i++)
    n += g_array_index (h->notes, Note, i).end == end;
  return n;
}

/* ------------------------------------------------------------ the analytic law */

/* docs/models-bfd-bgp.md §"The detection law": the gaps X of the peer's
 * packets are uniform on [l, h]; the age A of the last packet at a random
 * instant has density P(X > a) / E[X]; D = DT - A. */
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

static double
age_mean (double l, double h)
{
  /* E[A] = E[X^2] / (2 E[X]), E[X^2] = (l^2 + l h + h^2) / 3, E[X] = (l + h) / 2 */
  double ex2 = (l * l + l * h + h * h) / 3;
  return ex2 / (2 * (l + h) / 2);
}

/* ------------------------------------------------------------ cells */

typedef struct {
  LmBfdState next;
  LmBfdDiag diag;      /* checked when the state changes */
  gboolean notify;     /* the end's client hears it */
} Expect;

/* RFC 5880 §6.2/§6.8.6 as this model states it; unlisted: ignored. */
static Expect
expected (LmBfdState s, LmBfdEvent e)
{
  Expect stay = { s, DG (NONE), FALSE };
  if (e == EV (CRASH))
    return (Expect) { ST (ADMIN_DOWN), DG (NONE), FALSE };
  switch (s)
    {
    case ST (ADMIN_DOWN):
      if (e == EV (ADMIN_UP) || e == EV (RESTART))
        return (Expect) { ST (DOWN), DG (NONE), TRUE };
      return stay;
    case ST (DOWN):
      if (e == EV (RECV_DOWN))
        return (Expect) { ST (INIT), DG (NONE), TRUE };
      if (e == EV (RECV_INIT))
        return (Expect) { ST (UP), DG (NONE), TRUE };
      if (e == EV (ADMIN_DOWN))
        return (Expect) { ST (ADMIN_DOWN), DG (ADMIN_DOWN), TRUE };
      return stay;
    case ST (INIT):
    case ST (UP):
      if (e == EV (RECV_ADMIN_DOWN))   /* RFC 5882 §3.2: clients not told */
        return (Expect) { ST (DOWN), DG (NEIGHBOR_DOWN), FALSE };
      if (e == EV (RECV_DOWN) && s == ST (UP))
        return (Expect) { ST (DOWN), DG (NEIGHBOR_DOWN), TRUE };
      if ((e == EV (RECV_INIT) || e == EV (RECV_UP)) && s == ST (INIT))
        return (Expect) { ST (UP), DG (NONE), TRUE };
      if (e == EV (TIMER))
        return (Expect) { ST (DOWN), DG (TIME_EXPIRED), TRUE };
      if (e == EV (ADMIN_DOWN))
        return (Expect) { ST (ADMIN_DOWN), DG (ADMIN_DOWN), TRUE };
      if (e == EV (CARRIER_DOWN))
        return (Expect) { ST (DOWN), DG (PATH_DOWN), TRUE };
      return stay;
    default:
      g_assert_not_reached ();
    }
}

/* A session whose path is down: nothing flows, the test plays the peer. */
static H *
scripted (LmBfdState state)
{
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "cells.bfd");
  cfg.path_up = FALSE;
  H *h = h_new (7, &cfg);
  switch (state)
    {
    case ST (ADMIN_DOWN): lm_bfd_session_feed (h->bfd, CLOUD, EV (ADMIN_DOWN)); break;
    case ST (DOWN): break;
    case ST (INIT): lm_bfd_session_feed (h->bfd, CLOUD, EV (RECV_DOWN)); break;
    case ST (UP): lm_bfd_session_feed (h->bfd, CLOUD, EV (RECV_INIT)); break;
    default: g_assert_not_reached ();
    }
  g_assert (st (h, CLOUD) == state);
  g_array_set_size (h->notes, 0);
  g_array_set_size (h->changes, 0);
  return h;
}

static void
check_row (LmBfdState state)
{
  for (int ev = 0; ev < LM_BFD_N_EVENTS; ev++)
    {
      g_autoptr (H) h = scripted (state);
      Expect x = expected (state, ev);
      lm_bfd_session_feed (h->bfd, CLOUD, ev);
      gboolean ok = st (h, CLOUD) == x.next && notes_for (h, CLOUD) == (x.notify ? 1u : 0u)
                    && h->changes->len == (x.next != state ? 1u : 0u)
                    && (x.next == state || lm_bfd_session_diag (h->bfd, CLOUD) == x.diag);
      if (!ok)
        fprintf (stderr, "\n  cell \"%s in %s\": got %s diag %s, %u notes\n",
                 lm_bfd_event_name (ev), lm_bfd_state_name (state),
                 lm_bfd_state_name (st (h, CLOUD)),
                 lm_bfd_diag_name (lm_bfd_session_diag (h->bfd, CLOUD)), notes_for (h, CLOUD));
      CU_ASSERT_TRUE (ok);
      CU_ASSERT_EQUAL (st (h, PARTNER), ST (DOWN));   /* the peer is untouched */
    }
}

static void test_cells_admin_down (void) { check_row (ST (ADMIN_DOWN)); }
static void test_cells_down (void) { check_row (ST (DOWN)); }
static void test_cells_init (void) { check_row (ST (INIT)); }
static void test_cells_up (void) { check_row (ST (UP)); }

static void
test_detection_expiry_in_init (void)
{
  /* a real timer in Init: the peer's last packet + its DetectMult x 1 s */
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "init.bfd");
  g_autoptr (H) h = h_new (3, &cfg);
  /* run until the first end reaches Init, then cut the path */
  while (st (h, CLOUD) != ST (INIT) && st (h, PARTNER) != ST (INIT))
    CU_ASSERT_TRUE_FATAL (lm_sim_step (h->sim));
  LmBfdEnd e = st (h, CLOUD) == ST (INIT) ? CLOUD : PARTNER;
  LmTime t_init = lm_sim_now (h->sim);
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_SILENT);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (st (h, e), ST (DOWN));
  CU_ASSERT_EQUAL (lm_bfd_session_diag (h->bfd, e), DG (TIME_EXPIRED));
  /* the Down packet that moved it to Init arrived at t_init: 3 x 1 s later */
  CU_ASSERT_EQUAL (changed_at (h, e, ST (DOWN)), t_init + LM_S (3));
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
}

/* ------------------------------------------------------------ bring-up */

static void
test_handshake_with_few_packets (void)
{
  g_autoptr (H) h = h_new (11, NULL);
  CU_ASSERT_TRUE_FATAL (run_until_both (h, ST (UP), LM_S (5)));
  LmTime up = lm_sim_now (h->sim);
  /* first packet at a random phase of the 1 s slow rate (§6.8.3), then
   * three one-way delays: Down -> Init -> Up -> Up */
  CU_ASSERT_TRUE (up > 3 * LM_US (100));
  CU_ASSERT_TRUE (up <= LM_S (1) + 3 * LM_US (100));
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    CU_ASSERT_TRUE (lm_bfd_session_packets_sent (h->bfd, i) <= 3);
  /* the last client notice of each end says Up */
  Note *last = &g_array_index (h->notes, Note, h->notes->len - 1);
  CU_ASSERT_EQUAL (last->state, ST (UP));
  /* Up is steady state: nothing is left to run, however long we wait */
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
  CU_ASSERT_TRUE (lm_sim_now (h->sim) - up <= LM_US (100));
}

static void
test_states_pass_through_init (void)
{
  g_autoptr (H) h = h_new (12, NULL);
  CU_ASSERT_TRUE_FATAL (run_until_both (h, ST (UP), LM_S (5)));
  /* the end that heard the first Down went Down -> Init -> Up */
  gboolean some_init = changed_at (h, CLOUD, ST (INIT)) >= 0
                       || changed_at (h, PARTNER, ST (INIT)) >= 0;
  CU_ASSERT_TRUE (some_init);
}

static void
test_negotiated_interval_is_the_slower (void)
{
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "neg.bfd");
  cfg.end[PARTNER] = (LmBfdEndConfig) { LM_MS (500), LM_MS (500), 3 };
  cfg.start_up = TRUE;
  g_autoptr (H) h = h_new (5, &cfg);
  CU_ASSERT_EQUAL (lm_bfd_session_tx_interval (h->bfd, CLOUD), LM_MS (500));
  CU_ASSERT_EQUAL (lm_bfd_session_tx_interval (h->bfd, PARTNER), LM_MS (500));
  CU_ASSERT_EQUAL (lm_bfd_session_detect_time (h->bfd, CLOUD), LM_MS (1500));
  CU_ASSERT_EQUAL (lm_bfd_session_detect_time (h->bfd, PARTNER), LM_MS (1500));
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_SILENT);
  lm_sim_run (h->sim);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      LmTime d = changed_at (h, i, ST (DOWN));
      CU_ASSERT_TRUE (d > LM_MS (1000) && d <= LM_MS (1500));
    }
}

static void
test_asymmetric_intervals (void)
{
  /* cloud wants to send every 300 ms and accepts 1 s; partner sends at 300:
   * the cloud transmits at 300 ms, the partner at max(300, 1000) = 1 s */
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "asym.bfd");
  cfg.end[CLOUD].required_min_rx = LM_S (1);
  g_autoptr (H) h = h_new (5, &cfg);
  CU_ASSERT_EQUAL (lm_bfd_session_tx_interval (h->bfd, CLOUD), LM_MS (300));
  CU_ASSERT_EQUAL (lm_bfd_session_tx_interval (h->bfd, PARTNER), LM_S (1));
  CU_ASSERT_EQUAL (lm_bfd_session_detect_time (h->bfd, CLOUD), LM_S (3));
  CU_ASSERT_EQUAL (lm_bfd_session_detect_time (h->bfd, PARTNER), LM_MS (900));
}

/* ------------------------------------------------------------ detection law */

/* Draws one detection per end after a silent failure at t0 = 1 s of a
 * session that is Up, with @cfg; returns D per end in seconds. */
static void
one_detection (const LmBfdConfig *cfg, guint64 seed, double d[2])
{
  g_autoptr (LmSim) sim = lm_sim_new (seed, 0);
  g_autoptr (LmBfdSession) s = lm_bfd_session_new (sim, cfg, NULL);
  lm_sim_run_until (sim, LM_S (1));
  lm_bfd_session_path_down (s, LM_BFD_PATH_SILENT);
  lm_sim_run (sim);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      g_assert (lm_bfd_session_state (s, i) == ST (DOWN));
      g_assert (lm_bfd_session_diag (s, i) == DG (TIME_EXPIRED));
      d[i] = LM_TIME_TO_S (lm_bfd_session_since (s, i) - LM_S (1));
    }
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Kolmogorov–Smirnov distance between sorted samples of D and the law
 * D = DT - A. */
static double
ks_distance (double *d, guint n, double dt, double l, double hi)
{
  qsort (d, n, sizeof (double), cmp_double);
  double worst = 0;
  for (guint i = 0; i < n; i++)
    {
      double f = 1 - age_cdf (dt - d[i], l, hi);   /* P(D <= d) = P(A >= dt - d) */
      worst = MAX (worst, MAX (fabs (f - (double) (i + 1) / n), fabs (f - (double) i / n)));
    }
  return worst;
}

static void
test_detection_law_300ms_x3 (void)
{
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "ic1.A.rp1.bgp.ipv4.bfd");
  cfg.start_up = TRUE;
  long n = lm_test_size (10000, 2000);
  g_autofree double *d = g_new (double, 2 * n);
  double sum = 0;
  guint out = 0;
  for (long k = 0; k < n; k++)
    {
      one_detection (&cfg, 1000 + k, &d[2 * k]);
      for (int i = 0; i < 2; i++)
        {
          sum += d[2 * k + i];
          out += !(d[2 * k + i] > 0.6 && d[2 * k + i] <= 0.9);
        }
    }
  CU_ASSERT_EQUAL (out, 0);
  /* analytic: X ~ U[0.225, 0.3] s, E[D] = 0.9 - E[X^2] / (2 E[X]) */
  double mean = 0.9 - age_mean (0.225, 0.3);
  double got = sum / (2.0 * n);
  CU_ASSERT_DOUBLE_EQUAL (got, mean, 0.02 * mean);
  /* and the whole law: KS at the 0.1 % level (1.95 / sqrt n) */
  double ks = ks_distance (d, 2 * n, 0.9, 0.225, 0.3);
  CU_ASSERT_TRUE (ks < 1.95 / sqrt (2.0 * n));
  if (ks >= 1.95 / sqrt (2.0 * n) || fabs (got - mean) > 0.02 * mean)
    fprintf (stderr, "\n  mean %.5f (analytic %.5f), KS %.4f\n", got, mean, ks);
}

static void
test_detection_law_multiplier_1 (void)
{
  /* §6.8.7: with DetectMult 1 the gaps are 75–90 % of 300 ms */
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "mult1.bfd");
  cfg.start_up = TRUE;
  cfg.end[CLOUD].detect_mult = cfg.end[PARTNER].detect_mult = 1;
  long n = lm_test_size (4000, 800);
  g_autofree double *d = g_new (double, 2 * n);
  double sum = 0;
  guint out = 0;
  for (long k = 0; k < n; k++)
    {
      one_detection (&cfg, 7000 + k, &d[2 * k]);
      for (int i = 0; i < 2; i++)
        {
          sum += d[2 * k + i];
          out += !(d[2 * k + i] > 0.3 - 0.27 && d[2 * k + i] <= 0.3);
        }
    }
  CU_ASSERT_EQUAL (out, 0);
  double mean = 0.3 - age_mean (0.225, 0.27);
  CU_ASSERT_DOUBLE_EQUAL (sum / (2.0 * n), mean, 0.02 * mean);
  CU_ASSERT_TRUE (ks_distance (d, 2 * n, 0.3, 0.225, 0.27) < 1.95 / sqrt (2.0 * n));
}

static void
test_age_draw_without_jitter_is_uniform (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (gsl_rng) r = lm_sim_rng_new (sim, "age");
  long n = lm_test_size (20000, 4000);
  double sum = 0;
  for (long k = 0; k < n; k++)
    {
      LmTime a = lm_bfd_age_draw (r, LM_S (1), LM_S (1));
      CU_ASSERT_TRUE (a >= 0 && a < LM_S (1));
      sum += LM_TIME_TO_S (a);
    }
  CU_ASSERT_DOUBLE_EQUAL (sum / n, 0.5, 0.02 * 0.5);
  CU_ASSERT_DOUBLE_EQUAL (lm_bfd_age_mean_s (LM_MS (225), LM_MS (300)), age_mean (0.225, 0.3),
                          1e-12);
}

/* ------------------------------------------------------------ failures */

static H *
up_session (guint64 seed)
{
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "ic1.A.rp1.bgp.ipv4.bfd");
  cfg.start_up = TRUE;
  return h_new (seed, &cfg);
}

static void
test_carrier_loss_detected_in_a_millisecond (void)
{
  g_autoptr (H) h = up_session (21);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_CARRIER);
  lm_sim_run (h->sim);
  for (int i = 0; i < LM_BFD_N_ENDS; i++)
    {
      CU_ASSERT_EQUAL (st (h, i), ST (DOWN));
      CU_ASSERT_EQUAL (lm_bfd_session_diag (h->bfd, i), DG (PATH_DOWN));
      CU_ASSERT_EQUAL (changed_at (h, i, ST (DOWN)), LM_S (10) + LM_MS (1));
      CU_ASSERT_EQUAL (notes_for (h, i), 1);
    }
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);   /* nothing transmits into a dead link */
}

static void
test_crash_of_one_end (void)
{
  g_autoptr (H) h = up_session (22);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bfd_session_crash (h->bfd, PARTNER);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (st (h, PARTNER), ST (ADMIN_DOWN));
  CU_ASSERT_EQUAL (notes_for (h, PARTNER), 0);          /* no word to its own clients */
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (DOWN));
  CU_ASSERT_EQUAL (lm_bfd_session_diag (h->bfd, CLOUD), DG (TIME_EXPIRED));
  LmTime d = changed_at (h, CLOUD, ST (DOWN)) - LM_S (10);
  CU_ASSERT_TRUE (d > LM_MS (600) && d <= LM_MS (900));
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);         /* no hellos to a dead router */
  /* it comes back: a fresh handshake */
  lm_bfd_session_restart (h->bfd, PARTNER);
  CU_ASSERT_TRUE (run_until_both (h, ST (UP), LM_S (20)));
  CU_ASSERT_TRUE (lm_sim_now (h->sim) - LM_S (10) - d <= LM_MS (1));
}

static void
test_path_repair_brings_sessions_back (void)
{
  g_autoptr (H) h = up_session (23);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_SILENT);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (DOWN));
  lm_sim_run_until (h->sim, LM_MIN (5));
  lm_bfd_session_path_up (h->bfd);
  CU_ASSERT_TRUE_FATAL (run_until_both (h, ST (UP), LM_MIN (6)));
  LmTime back = lm_sim_now (h->sim) - LM_MIN (5);
  CU_ASSERT_TRUE (back <= LM_S (1) + 3 * LM_US (100));
  /* one end went through Init */
  CU_ASSERT_TRUE (changed_at (h, CLOUD, ST (INIT)) > LM_MIN (5)
                  || changed_at (h, PARTNER, ST (INIT)) > LM_MIN (5));
  Note *last = &g_array_index (h->notes, Note, h->notes->len - 1);
  CU_ASSERT_EQUAL (last->state, ST (UP));
}

static void
test_short_silence_goes_unnoticed (void)
{
  g_autoptr (H) h = up_session (24);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_SILENT);
  lm_sim_run_until (h->sim, LM_S (10) + LM_MS (100));
  lm_bfd_session_path_up (h->bfd);
  lm_sim_run (h->sim);
  /* the next packet is due within 300 ms of the repair, detection takes >600 ms */
  CU_ASSERT_EQUAL (h->changes->len, 0);
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
}

static void
test_admin_down_is_not_a_failure_for_the_peer_clients (void)
{
  g_autoptr (H) h = up_session (25);
  lm_sim_run_until (h->sim, LM_S (1));
  lm_bfd_session_set_admin_down (h->bfd, CLOUD, TRUE);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (ADMIN_DOWN));
  CU_ASSERT_EQUAL (lm_bfd_session_diag (h->bfd, CLOUD), DG (ADMIN_DOWN));
  CU_ASSERT_EQUAL (st (h, PARTNER), ST (DOWN));
  CU_ASSERT_EQUAL (lm_bfd_session_diag (h->bfd, PARTNER), DG (NEIGHBOR_DOWN));
  CU_ASSERT_EQUAL (changed_at (h, PARTNER, ST (DOWN)), LM_S (1) + LM_US (100));
  CU_ASSERT_EQUAL (notes_for (h, PARTNER), 0);   /* RFC 5882 §3.2 */
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);
  LmTime t = lm_sim_now (h->sim);
  lm_bfd_session_set_admin_down (h->bfd, CLOUD, FALSE);
  CU_ASSERT_TRUE (run_until_both (h, ST (UP), LM_S (3)));
  CU_ASSERT_EQUAL (lm_sim_now (h->sim), t + LM_US (100) * 3);   /* Down, Init, Up */
}

/* ------------------------------------------------------------ API */

typedef struct {
  LmBfdRequest *req;
  int calls;
} SelfFree;

static void
free_self (LmBfdSession *s, LmBfdEnd end, LmBfdState state, LmBfdDiag diag, gpointer data)
{
  SelfFree *f = data;
  f->calls++;
  g_clear_pointer (&f->req, lm_bfd_request_free);
}

static void
test_requests_outlive_or_leave (void)
{
  g_autoptr (H) h = up_session (26);
  SelfFree f = { 0 };
  f.req = lm_bfd_request_new (h->bfd, CLOUD, free_self, &f);
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_CARRIER);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL (f.calls, 1);                 /* freed itself inside the callback */
  CU_ASSERT_EQUAL (notes_for (h, CLOUD), 1);    /* the other client still heard it */
  /* a request held past the session's end reports AdminDown */
  LmBfdRequest *late = lm_bfd_request_new (h->bfd, PARTNER, NULL, NULL);
  CU_ASSERT_EQUAL (lm_bfd_request_state (late), ST (DOWN));
  g_clear_pointer (&h->bfd, lm_bfd_session_free);
  CU_ASSERT_EQUAL (lm_bfd_request_state (late), ST (ADMIN_DOWN));
  lm_bfd_request_free (late);
}

static void
test_bad_config_is_an_error (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmBfdConfig cfg;
  lm_bfd_config_init (&cfg, "bad.bfd");
  cfg.end[PARTNER].detect_mult = 0;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_PTR_NULL (lm_bfd_session_new (sim, &cfg, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_BFD_ERROR, LM_BFD_ERROR_CONFIG));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "bad.bfd.partner"));
  g_clear_error (&error);
  lm_bfd_config_init (&cfg, "");
  CU_ASSERT_PTR_NULL (lm_bfd_session_new (sim, &cfg, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_BFD_ERROR, LM_BFD_ERROR_CONFIG));
}

static char *
timeline (guint64 seed)
{
  g_autoptr (H) h = h_new (seed, NULL);
  lm_sim_run_until (h->sim, LM_S (5));
  lm_bfd_session_path_down (h->bfd, LM_BFD_PATH_SILENT);
  lm_sim_run_until (h->sim, LM_S (10));
  lm_bfd_session_path_up (h->bfd);
  lm_sim_run (h->sim);
  return g_strdup (h->trace->str);
}

static void
test_reproducible_with_seed (void)
{
  g_autofree char *a = timeline (42), *b = timeline (42), *c = timeline (43);
  CU_ASSERT_STRING_EQUAL (a, b);
  CU_ASSERT_STRING_NOT_EQUAL (a, c);
}

LM_SUITE (models_bfd) = {
  { "every event in AdminDown", test_cells_admin_down },
  { "every event in Down", test_cells_down },
  { "every event in Init", test_cells_init },
  { "every event in Up", test_cells_up },
  { "detection time expiry in Init: peer's multiplier x 1 s after its last packet",
    test_detection_expiry_in_init },
  { "handshake: Up within 1 s + 3 delays, a few packets, then no events at all",
    test_handshake_with_few_packets },
  { "handshake passes through Init", test_states_pass_through_init },
  { "negotiated interval is the slower of the two: 300 vs 500 ms -> 500 ms",
    test_negotiated_interval_is_the_slower },
  { "intervals may be asymmetric", test_asymmetric_intervals },
  { "300 ms x 3: detection in (0.6, 0.9] s, mean and law as derived",
    test_detection_law_300ms_x3 },
  { "multiplier 1: gaps 75-90 %, detection law as derived", test_detection_law_multiplier_1 },
  { "without jitter the age is uniform", test_age_draw_without_jitter_is_uniform },
  { "carrier loss: both ends Down 1 ms later, Path Down", test_carrier_loss_detected_in_a_millisecond },
  { "crash of one end: silence detected by the other, then a fresh handshake",
    test_crash_of_one_end },
  { "path repair: Init -> Up within a second", test_path_repair_brings_sessions_back },
  { "a 100 ms silence goes unnoticed", test_short_silence_goes_unnoticed },
  { "AdminDown: peer Down with diag 3, its clients not told", test_admin_down_is_not_a_failure_for_the_peer_clients },
  { "requests may leave in their callback and outlive the session", test_requests_outlive_or_leave },
  { "a bad configuration is a GError", test_bad_config_is_an_error },
  { "same seed, same timeline; another seed, another", test_reproducible_with_seed },
  CU_TEST_INFO_NULL,
};
