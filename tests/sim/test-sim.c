/* tests/sim/test-sim.c — the loop, one-shot events, timers and signals. */
#include <string.h>
#include <gsl/gsl_randist.h>
#include "tests/lm-test.h"
#include "sim/sim.h"

/* ------------------------------------------------------------ ordering */

typedef struct { GArray *order; int tag; } Rec;

static void
record (LmSim *sim, gpointer data)
{
  Rec *r = data;
  g_array_append_val (r->order, r->tag);
}

static void
test_fifo_equal_times (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (int));
  Rec recs[50];
  for (int i = 0; i < 50; i++)
    {
      recs[i] = (Rec) { order, i };
      /* three distinct times, interleaved */
      lm_sim_schedule (sim, LM_MS (10 * (i % 3)), record, &recs[i]);
    }
  lm_sim_run (sim);
  CU_ASSERT_EQUAL_FATAL (order->len, 50);
  int k = 0;
  for (int t = 0; t < 3; t++)
    for (int i = t; i < 50; i += 3)
      CU_ASSERT_EQUAL (g_array_index (order, int, k++), i);
  CU_ASSERT_EQUAL (lm_sim_now (sim), LM_MS (20));
}

static void
test_run_until (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (int));
  Rec a = { order, 1 }, b = { order, 2 };
  lm_sim_schedule (sim, LM_S (1), record, &a);
  lm_sim_schedule (sim, LM_S (3), record, &b);
  CU_ASSERT_EQUAL (lm_sim_run_until (sim, LM_S (2)), 1);
  CU_ASSERT_EQUAL (lm_sim_now (sim), LM_S (2));
  LmTime next;
  CU_ASSERT_TRUE (lm_sim_next_time (sim, &next));
  CU_ASSERT_EQUAL (next, LM_S (3));
  /* an event exactly at the end time runs */
  CU_ASSERT_EQUAL (lm_sim_run_until (sim, LM_S (3)), 1);
  CU_ASSERT_EQUAL (order->len, 2);
  CU_ASSERT_FALSE (lm_sim_step (sim));
}

/* ------------------------------------------------------------ cancel */

typedef struct {
  LmSim *sim;
  LmEventId victim;
  gboolean cancelled;
  int victim_ran;
  int self_ran;
  LmEventId self;
} CancelCtx;

static void
victim (LmSim *sim, gpointer data)
{
  ((CancelCtx *) data)->victim_ran++;
}

static void
canceller (LmSim *sim, gpointer data)
{
  CancelCtx *c = data;
  c->cancelled = lm_sim_cancel (sim, c->victim);
  /* Its own id is no longer pending: cancelling it is a no-op. */
  CU_ASSERT_FALSE (lm_sim_cancel (sim, c->self));
  c->self_ran++;
}

static void
test_cancel_from_handler (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  CancelCtx c = { 0 };
  c.self = lm_sim_schedule (sim, LM_S (1), canceller, &c);
  c.victim = lm_sim_schedule (sim, LM_S (1), victim, &c);   /* same time, after */
  lm_sim_run (sim);
  CU_ASSERT_TRUE (c.cancelled);
  CU_ASSERT_EQUAL (c.victim_ran, 0);
  CU_ASSERT_EQUAL (c.self_ran, 1);
  /* stale ids: already cancelled, never issued */
  CU_ASSERT_FALSE (lm_sim_cancel (sim, c.victim));
  CU_ASSERT_FALSE (lm_sim_cancel (sim, LM_EVENT_NONE));
  CU_ASSERT_FALSE (lm_sim_cancel (sim, ((LmEventId) 77 << 32) | 5));
}

static int destroyed;

static void
count_destroy (gpointer data)
{
  destroyed++;
}

static void
noop (LmSim *sim, gpointer data)
{
}

static void
test_destroy_notify (void)
{
  destroyed = 0;
  LmSim *sim = lm_sim_new (1, 0);
  lm_sim_schedule_full (sim, LM_S (1), noop, NULL, count_destroy);           /* runs */
  LmEventId c = lm_sim_schedule_full (sim, LM_S (2), noop, NULL, count_destroy);
  lm_sim_schedule_full (sim, LM_S (9), noop, NULL, count_destroy);           /* discarded */
  lm_sim_cancel (sim, c);
  CU_ASSERT_EQUAL (destroyed, 1);
  lm_sim_run_until (sim, LM_S (5));
  CU_ASSERT_EQUAL (destroyed, 2);
  lm_sim_free (sim);
  CU_ASSERT_EQUAL (destroyed, 3);
}

/* ------------------------------------------------------------ timers */

typedef struct {
  LmTimer *timer;
  int fired;
  int rearm_times;
  gboolean armed_in_handler;
  LmTime fired_at[8];
} TimerCtx;

static void
on_timer (LmSim *sim, gpointer data)
{
  TimerCtx *c = data;
  c->armed_in_handler = lm_timer_is_armed (c->timer);
  if (c->fired < 8)
    c->fired_at[c->fired] = lm_sim_now (sim);
  c->fired++;
  if (c->fired <= c->rearm_times)
    lm_timer_start (c->timer, LM_S (10));
}

static void
test_timer_rearm_from_handler (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  TimerCtx c = { .rearm_times = 3 };
  c.timer = lm_timer_new (sim, on_timer, &c);
  lm_timer_start (c.timer, LM_S (1));
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (c.fired, 4);
  CU_ASSERT_FALSE (c.armed_in_handler);   /* disarmed before its handler ran */
  CU_ASSERT_EQUAL (c.fired_at[0], LM_S (1));
  CU_ASSERT_EQUAL (c.fired_at[3], LM_S (31));
  CU_ASSERT_FALSE (lm_timer_is_armed (c.timer));
  lm_timer_free (c.timer);
}

static void
test_timer_restart_moves_expiry (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  TimerCtx c = { 0 };
  c.timer = lm_timer_new (sim, on_timer, &c);
  lm_timer_start (c.timer, LM_S (90));
  lm_sim_run_until (sim, LM_S (30));
  lm_timer_start (c.timer, LM_S (90));      /* keepalive received: restart */
  CU_ASSERT_EQUAL (lm_timer_expires (c.timer), LM_S (120));
  lm_sim_run_until (sim, LM_S (100));
  CU_ASSERT_EQUAL (c.fired, 0);
  lm_timer_stop (c.timer);
  lm_timer_stop (c.timer);                  /* idempotent */
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (c.fired, 0);
  lm_timer_start (c.timer, LM_S (1));
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (c.fired, 1);
  CU_ASSERT_EQUAL (c.fired_at[0], LM_S (101));
  lm_timer_free (c.timer);
}

static void
free_own_timer (LmSim *sim, gpointer data)
{
  TimerCtx *c = data;
  c->fired++;
  lm_timer_free (c->timer);
  c->timer = NULL;
}

static void
test_timer_frees_itself (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  TimerCtx c = { 0 };
  c.timer = lm_timer_new (sim, free_own_timer, &c);
  lm_timer_start (c.timer, LM_S (1));
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (c.fired, 1);
  CU_ASSERT_PTR_NULL (c.timer);
}

typedef struct {
  LmTimer *hold;
  long restarts_left;
  int expired;
} HoldCtx;

static void
on_keepalive (LmSim *sim, gpointer data)
{
  HoldCtx *h = data;
  lm_timer_start (h->hold, LM_S (90));
  if (--h->restarts_left > 0)
    lm_sim_schedule (sim, LM_S (30), on_keepalive, h);
}

static void
on_hold_expired (LmSim *sim, gpointer data)
{
  ((HoldCtx *) data)->expired++;
}

static void
test_timer_restart_no_growth (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  HoldCtx h = { 0 };
  h.hold = lm_timer_new (sim, on_hold_expired, &h);
  h.restarts_left = 10;
  lm_sim_schedule (sim, 0, on_keepalive, &h);
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (h.expired, 1);
  CU_ASSERT_EQUAL (lm_sim_now (sim), LM_S (270 + 90));
  gsize small = lm_sim_footprint (sim);
  h.restarts_left = lm_test_size (1000000, 200000);
  lm_sim_schedule (sim, 0, on_keepalive, &h);
  lm_sim_run (sim);
  CU_ASSERT_EQUAL (h.expired, 2);            /* once after each keepalive train */
  CU_ASSERT_EQUAL (lm_sim_footprint (sim), small);
  CU_ASSERT_EQUAL (lm_sim_pending (sim), 0);
  lm_timer_free (h.hold);
}

/* ------------------------------------------------------------ signals */

static void
append_signal (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  GString *out = user_data;
  g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %s %s", s->time,
                          lm_signal_kind_name (s->kind), s->component, s->what);
  if (s->kind == LM_SIGNAL_STATE)
    g_string_append_printf (out, " %s->%s", s->u.state.from_name, s->u.state.to_name);
  else if (s->kind == LM_SIGNAL_COUNTER)
    g_string_append_printf (out, " %+" G_GINT64_FORMAT, s->u.counter.delta);
  else
    g_string_append_printf (out, " %.17g", s->u.sample.value);
  g_string_append_c (out, '\n');
}

static void
emit_some (LmSim *sim, gpointer data)
{
  lm_sim_emit_state (sim, "ic1.A.rp1.bfd", "bfd", 3, "up", 1, "down", "timeout");
  lm_sim_emit_counter (sim, "ic1", "lost.failover", 1234);
  lm_sim_emit_sample (sim, "ic1.A.rp1.bfd", "detect", 0.75);
}

static void
test_signals_by_kind (void)
{
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  g_autoptr (GString) states = g_string_new (NULL);
  g_autoptr (GString) all = g_string_new (NULL);
  lm_sim_connect (sim, LM_SIGNAL_STATE, append_signal, states);
  guint a = lm_sim_connect (sim, LM_SIGNAL_STATE, append_signal, all);
  lm_sim_connect (sim, LM_SIGNAL_COUNTER, append_signal, all);
  lm_sim_connect (sim, LM_SIGNAL_SAMPLE, append_signal, all);
  lm_sim_schedule (sim, LM_MS (1500), emit_some, NULL);
  lm_sim_run (sim);
  CU_ASSERT_STRING_EQUAL (states->str, "1500000000 state ic1.A.rp1.bfd bfd up->down\n");
  CU_ASSERT_STRING_EQUAL (all->str,
                          "1500000000 state ic1.A.rp1.bfd bfd up->down\n"
                          "1500000000 counter ic1 lost.failover +1234\n"
                          "1500000000 sample ic1.A.rp1.bfd detect 0.75\n");
  lm_sim_disconnect (sim, a);
  g_string_truncate (all, 0);
  lm_sim_schedule (sim, 0, emit_some, NULL);
  lm_sim_run (sim);
  CU_ASSERT_PTR_NULL (strstr (all->str, "state"));
}

/* ------------------------------------------------------------ threads */

/* A small world: components with their own streams and timers, emitting
 * signals; the trace is every signal, in order. */
typedef struct {
  LmSim *sim;
  gsl_rng *rng;
  LmTimer *timer;
  char name[32];
  int state;
} Comp;

static const char *const state_names[] = { "down", "up" };

static void
comp_fire (LmSim *sim, gpointer data)
{
  Comp *c = data;
  int next = !c->state;
  lm_sim_emit_state (sim, c->name, "link", c->state, state_names[c->state], next,
                     state_names[next], NULL);
  c->state = next;
  lm_sim_emit_sample (sim, c->name, "draw", gsl_rng_uniform (c->rng));
  lm_timer_start (c->timer, (LmTime) (gsl_ran_exponential (c->rng, 1.0) * 1e9));
}

static char *
run_world (guint64 seed, int n_comp, LmTime until)
{
  LmSim *sim = lm_sim_new (seed, 3);
  GString *trace = g_string_new (NULL);
  lm_sim_connect (sim, LM_SIGNAL_STATE, append_signal, trace);
  lm_sim_connect (sim, LM_SIGNAL_SAMPLE, append_signal, trace);
  Comp *comps = g_new0 (Comp, n_comp);
  for (int i = 0; i < n_comp; i++)
    {
      g_snprintf (comps[i].name, sizeof comps[i].name, "ic1.%c.rp%d", 'A' + i % 4, i);
      comps[i].rng = lm_sim_rng_new (sim, comps[i].name);
      comps[i].timer = lm_timer_new (sim, comp_fire, &comps[i]);
      lm_timer_start (comps[i].timer, LM_MS (i));
    }
  lm_sim_run_until (sim, until);
  for (int i = 0; i < n_comp; i++)
    {
      lm_timer_free (comps[i].timer);
      gsl_rng_free (comps[i].rng);
    }
  g_free (comps);
  lm_sim_free (sim);
  return g_string_free (trace, FALSE);
}

static gpointer
thread_world (gpointer data)
{
  return run_world (GPOINTER_TO_UINT (data), 40, LM_S (lm_test_size (200, 50)));
}

static void
test_two_threads_identical (void)
{
  GThread *a = g_thread_new ("sim-a", thread_world, GUINT_TO_POINTER (42));
  GThread *b = g_thread_new ("sim-b", thread_world, GUINT_TO_POINTER (42));
  g_autofree char *ta = g_thread_join (a);
  g_autofree char *tb = g_thread_join (b);
  g_autofree char *tmain = thread_world (GUINT_TO_POINTER (42));
  g_autofree char *other = thread_world (GUINT_TO_POINTER (43));
  CU_ASSERT (strlen (ta) > 10000);
  CU_ASSERT_STRING_EQUAL (ta, tb);
  CU_ASSERT_STRING_EQUAL (ta, tmain);
  CU_ASSERT_STRING_NOT_EQUAL (ta, other);
}

LM_SUITE (sim_kernel) = {
  { "equal times run in the order scheduled", test_fifo_equal_times },
  { "run_until stops at the end time and advances now", test_run_until },
  { "a handler cancels a pending event at its own time", test_cancel_from_handler },
  { "destroy notifies run after firing, on cancel and at free", test_destroy_notify },
  { "a timer handler re-arms its own timer", test_timer_rearm_from_handler },
  { "restarting a hold timer moves its expiry", test_timer_restart_moves_expiry },
  { "a timer handler frees its own timer", test_timer_frees_itself },
  { "a timer restarted a million times uses no more memory", test_timer_restart_no_growth },
  { "signals reach listeners of their kind, in connect order", test_signals_by_kind },
  { "two simulations in two threads give identical traces", test_two_threads_identical },
  CU_TEST_INFO_NULL,
};
