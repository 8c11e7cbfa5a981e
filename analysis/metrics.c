/* analysis/metrics.c — integrates a run's signals into its figures.
 *
 * Everything here is learnt from signals (analysis/metrics.h lists them);
 * piecewise-constant rates and 0/1 conditions are integrated exactly between
 * the times they change.
 */
#include "analysis/metrics.h"

#include <math.h>
#include <string.h>

#define RECENT 64

static const char *const avail_signals[] = {
  [LM_AVAIL_REACHABILITY] = "reachability",
  [LM_AVAIL_CAPACITY] = "capacity",
  [LM_AVAIL_HALF_CAPACITY] = "half_capacity",
  [LM_AVAIL_FULL_CAPACITY] = "full_capacity",
  [LM_AVAIL_COMPONENT_REACHABILITY] = "component.reachability",
  [LM_AVAIL_COMPONENT_HALF_CAPACITY] = "component.half_capacity",
  [LM_AVAIL_COMPONENT_FULL_CAPACITY] = "component.full_capacity",
};
G_STATIC_ASSERT (G_N_ELEMENTS (avail_signals) == LM_AVAIL_N);

typedef struct { LmTime at; char *state; } StateMark;

typedef struct {
  char *name;
  LmTime available_at;              /* -1 until announced available */
  gboolean announced;               /* a "state" signal was seen */
  int value[LM_AVAIL_N];            /* -1 unknown, 0, 1 */
  LmTime since[LM_AVAIL_N];         /* when value last changed */
  LmTime in_one[LM_AVAIL_N];        /* time with value 1 after available_at */
  LmTime down_since[LM_AVAIL_N];    /* when the current outage began; -1 none */
  guint64 outages[LM_AVAIL_N];      /* outages (of positive length) after available_at */
  LmMonthClock clock[LM_AVAIL_N];   /* 730 h months from available_at */
  LmMonths months[LM_AVAIL_N];
  GArray *states;                   /* StateMark */
  double offered_bps[LM_METRICS_N_DIRS];
  double loss_bps[LM_METRICS_N_DIRS][LM_METRICS_N_CAUSES];
  double offered[LM_METRICS_N_DIRS];
  double lost[LM_METRICS_N_DIRS][LM_METRICS_N_CAUSES];
  LmTime rates_since;
  LmFailureMetrics *latest;         /* this interconnect's most recent failure */
  GPtrArray *failures;              /* this interconnect's failures (not owned), in order */
  GPtrArray *open;                  /* … of them still open (not owned) */
} Ic;

struct _LmMetrics {
  LmSim *sim;
  GPtrArray *ics;                   /* Ic* */
  const char *const *dirs;
  const char *const *causes;
  GPtrArray *failures;              /* LmFailureMetrics* */
  LmTime end;
  guint handlers[LM_SIGNAL_N_KINDS];
};

const char *
lm_avail_kind_signal (LmAvailKind kind)
{
  g_return_val_if_fail (kind < LM_AVAIL_N, "?");
  return avail_signals[kind];
}

static void
ic_free (gpointer data)
{
  Ic *ic = data;
  for (guint i = 0; i < ic->states->len; i++)
    g_free (g_array_index (ic->states, StateMark, i).state);
  g_array_unref (ic->states);
  g_ptr_array_unref (ic->failures);
  g_ptr_array_unref (ic->open);
  g_free (ic->name);
  g_free (ic);
}

static void
failure_free (gpointer data)
{
  LmFailureMetrics *f = data;
  g_free (f->id);
  g_free (f->interconnect);
  g_free (f->scope);
  g_free (f);
}

static Ic *
find_ic (const LmMetrics *m, const char *name, gsize len)
{
  for (guint i = 0; i < m->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (m->ics, i);
      if (strlen (ic->name) == len && strncmp (ic->name, name, len) == 0)
        return ic;
    }
  return NULL;
}

/* The interconnect a component belongs to: its first name segment. */
static Ic *
ic_of (const LmMetrics *m, const char *component)
{
  if (component == NULL)
    return NULL;
  const char *dot = strchr (component, '.');
  return find_ic (m, component, dot ? (gsize) (dot - component) : strlen (component));
}

static int
index_of (const char *const *names, const char *s, gsize len)
{
  for (int i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && strncmp (names[i], s, len) == 0)
      return i;
  return -1;
}

/* ------------------------------------------------------------ integration */

/* Counts the time since the last change (after available_at) as up or
 * down, month by month; unknown counts as down, as in the availability. */
static void
integrate_avail (Ic *ic, int k, LmTime now)
{
  if (ic->available_at >= 0)
    {
      LmTime from = MAX (ic->since[k], ic->available_at);
      if (now > from)
        {
          if (ic->value[k] == 1)
            ic->in_one[k] += now - from;
          lm_month_clock_advance (&ic->clock[k], now - from, ic->value[k] == 1, &ic->months[k]);
        }
    }
  ic->since[k] = now;
}

/* An outage counts once it has lasted, after available_at, more than 0 ns:
 * a same-instant 0 → 1 flicker is no outage. */
static void
end_outage (Ic *ic, int k, LmTime now)
{
  if (ic->down_since[k] >= 0 && ic->available_at >= 0
      && now > MAX (ic->down_since[k], ic->available_at))
    ic->outages[k]++;
  ic->down_since[k] = -1;
}

static void
set_avail (Ic *ic, int k, int value, LmTime now)
{
  integrate_avail (ic, k, now);
  if (value == 1 && ic->value[k] != 1)
    end_outage (ic, k, now);
  else if (value == 0 && ic->value[k] != 0)
    ic->down_since[k] = now;
  ic->value[k] = value;
}

static void
integrate_rates (LmMetrics *m, Ic *ic, LmTime now)
{
  double dt = LM_TIME_TO_S (now - ic->rates_since);
  ic->rates_since = now;
  if (dt <= 0)
    return;
  for (int d = 0; d < LM_METRICS_N_DIRS; d++)
    {
      ic->offered[d] += ic->offered_bps[d] * dt;
      for (int c = 0; c < LM_METRICS_N_CAUSES; c++)
        {
          double bits = ic->loss_bps[d][c] * dt;
          ic->lost[d][c] += bits;
          if (ic->latest != NULL)
            ic->latest->lost_bits[d] += bits;
        }
    }
}

/* ------------------------------------------------------------ listeners */

/* The part of the world a failure on @target can move forwarding for: its
 * connection (ic1.A.rp1 for the link or one router), its site, its session,
 * or the whole interconnect (fabric, first mile, gateway). */
static char *
scope_of (const char *target, const Ic *ic)
{
  if (target == NULL || ic == NULL)
    return g_strdup ("");
  const char *last = strrchr (target, '.');
  if (last == NULL)
    return g_strdup (target);
  if (strcmp (last, ".fabric") == 0 || strcmp (last, ".first-mile") == 0
      || strcmp (last, ".gateway") == 0)
    return g_strdup (ic->name);
  if (strcmp (last, ".link") == 0 || strcmp (last, ".cloud") == 0 || strcmp (last, ".partner") == 0)
    return g_strndup (target, (gsize) (last - target));
  return g_strdup (target);
}

/* The failure signal's cause is its target's name: its interconnect is the
 * first segment. */
static void
on_failure_state (LmMetrics *m, const LmSignal *s)
{
  if (s->u.state.to == 1)
    {
      Ic *ic = ic_of (m, s->u.state.cause);
      LmFailureMetrics *f = g_new0 (LmFailureMetrics, 1);
      f->id = g_strdup (s->component);
      f->at = s->time;
      f->closed = LM_TIME_MAX;
      f->detect = f->converge = f->restored = -1;
      f->detect_side[0] = f->detect_side[1] = -1;
      f->interconnect = ic != NULL ? g_strdup (ic->name) : NULL;
      f->scope = scope_of (s->u.state.cause, ic);
      g_ptr_array_add (m->failures, f);
      if (ic != NULL)
        {
          integrate_rates (m, ic, s->time);   /* loss so far: the failure before */
          ic->latest = f;
          g_ptr_array_add (ic->failures, f);
          g_ptr_array_add (ic->open, f);
        }
      return;
    }
  Ic *ic = ic_of (m, s->u.state.cause);
  for (guint i = 0; ic != NULL && i < ic->open->len; i++)
    {
      LmFailureMetrics *f = g_ptr_array_index (ic->open, i);
      if (strcmp (f->id, s->component) == 0)
        {
          f->closed = s->time;
          g_ptr_array_remove_index (ic->open, i);   /* keeps the order */
          return;
        }
    }
}

/* The availability kind a state signal's @what names, or -1.  Most state
 * signals are BGP, BFD, MACsec and build changes, which this ignores: the
 * first letter turns them away before any string compare. */
static int
avail_index (const char *what)
{
  if (what[0] != 'r' && what[0] != 'c' && what[0] != 'h' && what[0] != 'f')
    return -1;
  for (int k = 0; k < LM_AVAIL_N; k++)
    if (strcmp (what, avail_signals[k]) == 0)
      return k;
  return -1;
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  LmMetrics *m = user_data;
  if (s->what[0] == 'f' && strcmp (s->what, "failure") == 0)
    {
      on_failure_state (m, s);
      return;
    }
  gboolean lifecycle = s->what[0] == 's' && strcmp (s->what, "state") == 0;
  int k = lifecycle ? -1 : avail_index (s->what);
  if (!lifecycle && k < 0)
    return;
  Ic *ic = find_ic (m, s->component, strlen (s->component));
  if (ic == NULL)
    return;
  if (lifecycle)
    {
      StateMark mark = { s->time, g_strdup (s->u.state.to_name) };
      g_array_append_val (ic->states, mark);
      ic->announced = TRUE;
      if (ic->available_at < 0 && strcmp (s->u.state.to_name, "available") == 0)
        {
          ic->available_at = s->time;
          for (int j = 0; j < LM_AVAIL_N; j++)
            ic->since[j] = MAX (ic->since[j], s->time);
        }
      return;
    }
  set_avail (ic, k, s->u.state.to ? 1 : 0, s->time);
}

/* Whether a forwarding change of @component (ic1.A.rp1.bgp.ipv4) is within
 * the reach of failure @f: its target's connection, site or session, or the
 * whole interconnect for the shared components. */
static gboolean
covers (const LmFailureMetrics *f, const char *component)
{
  gsize n = strlen (f->scope);
  return strncmp (component, f->scope, n) == 0 && (component[n] == '\0' || component[n] == '.');
}

static void
on_fib_change (LmMetrics *m, const LmSignal *s)
{
  /* The change belongs to the most recent failure whose reach covers it:
   * while that failure is open it converges, after its repair it is
   * restored.  (A repair of an older failure re-adding its path while a new
   * failure elsewhere is open is the old failure's restoration.) */
  Ic *ic = ic_of (m, s->component);
  LmFailureMetrics *f = NULL;
  /* newest first, and no further back than RECENT failures: a change that
   * old a failure could cause is long done */
  for (guint i = ic ? ic->failures->len : 0, seen = 0; i > 0 && f == NULL && seen < RECENT; i--, seen++)
    {
      LmFailureMetrics *c = g_ptr_array_index (ic->failures, i - 1);
      if (covers (c, s->component))
        f = c;
    }
  if (f == NULL)
    return;
  if (f->closed == LM_TIME_MAX)
    {
      /* a change converges only if it leaves a path to restore flows onto */
      if (ic->value[LM_AVAIL_REACHABILITY] == 1)
        f->converge = s->time - f->at;
    }
  else
    f->restored = s->time - f->closed;
}

static void
on_rate (LmMetrics *m, const LmSignal *s)
{
  Ic *ic = find_ic (m, s->component, strlen (s->component));
  if (ic == NULL)
    return;
  integrate_rates (m, ic, s->time);
  const char *rest = strchr (s->what, '.');
  if (rest == NULL)
    return;
  rest++;
  const char *dot = strchr (rest, '.');
  int d = index_of (m->dirs, rest, dot ? (gsize) (dot - rest) : strlen (rest));
  if (d < 0 || d >= LM_METRICS_N_DIRS)
    return;
  if (g_str_has_prefix (s->what, "offered."))
    ic->offered_bps[d] = s->u.sample.value;
  else if (dot != NULL)
    {
      int c = index_of (m->causes, dot + 1, strlen (dot + 1));
      if (c >= 0 && c < LM_METRICS_N_CAUSES)
        ic->loss_bps[d][c] = s->u.sample.value;
    }
}

static void
on_sample (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  LmMetrics *m = user_data;
  char c = s->what[0];
  if (c == 'd' && strcmp (s->what, "detect") == 0)
    {
      Ic *ic = ic_of (m, s->component);
      for (guint i = 0; ic != NULL && i < ic->open->len; i++)
        {
          LmFailureMetrics *f = g_ptr_array_index (ic->open, i);
          if (f->detect < 0)
            f->detect = s->time - f->at;
          int side = s->u.sample.value == 1 ? 0 : s->u.sample.value == 2 ? 1 : -1;
          if (side >= 0 && f->detect_side[side] < 0)
            f->detect_side[side] = s->time - f->at;
        }
    }
  else if (c == 'f' && g_str_has_prefix (s->what, "fib."))
    on_fib_change (m, s);
  else if ((c == 'o' && g_str_has_prefix (s->what, "offered."))
           || (c == 'l' && g_str_has_prefix (s->what, "loss.")))
    on_rate (m, s);
}

/* ------------------------------------------------------------ lifecycle */

LmMetrics *
lm_metrics_new (LmSim *sim, const char *const *interconnects, const char *const *dirs,
                const char *const *causes)
{
  LmMetrics *m = g_new0 (LmMetrics, 1);
  m->sim = sim;
  m->dirs = dirs;
  m->causes = causes;
  m->ics = g_ptr_array_new_with_free_func (ic_free);
  m->failures = g_ptr_array_new_with_free_func (failure_free);
  m->end = -1;
  for (int i = 0; interconnects[i] != NULL; i++)
    {
      Ic *ic = g_new0 (Ic, 1);
      ic->name = g_strdup (interconnects[i]);
      ic->available_at = -1;
      ic->states = g_array_new (FALSE, FALSE, sizeof (StateMark));
      ic->failures = g_ptr_array_new ();
      ic->open = g_ptr_array_new ();
      ic->rates_since = lm_sim_now (sim);
      for (int k = 0; k < LM_AVAIL_N; k++)
        {
          ic->value[k] = -1;
          ic->since[k] = lm_sim_now (sim);
          ic->down_since[k] = -1;
          lm_month_clock_init (&ic->clock[k]);
          lm_months_init (&ic->months[k]);
        }
      g_ptr_array_add (m->ics, ic);
    }
  m->handlers[LM_SIGNAL_STATE] = lm_sim_connect (sim, LM_SIGNAL_STATE, on_state, m);
  m->handlers[LM_SIGNAL_SAMPLE] = lm_sim_connect (sim, LM_SIGNAL_SAMPLE, on_sample, m);
  return m;
}

void
lm_metrics_free (LmMetrics *m)
{
  if (m == NULL)
    return;
  lm_sim_disconnect (m->sim, m->handlers[LM_SIGNAL_STATE]);
  lm_sim_disconnect (m->sim, m->handlers[LM_SIGNAL_SAMPLE]);
  g_ptr_array_unref (m->ics);
  g_ptr_array_unref (m->failures);
  g_free (m);
}

void
lm_metrics_finish (LmMetrics *m)
{
  LmTime now = lm_sim_now (m->sim);
  m->end = now;
  for (guint i = 0; i < m->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (m->ics, i);
      /* an interconnect nobody announced is available from the start */
      if (!ic->announced && ic->available_at < 0)
        ic->available_at = 0;
      for (int k = 0; k < LM_AVAIL_N; k++)
        {
          integrate_avail (ic, k, now);
          end_outage (ic, k, now);
        }
      integrate_rates (m, ic, now);
    }
}

/* ------------------------------------------------------------ readings */

guint
lm_metrics_n_interconnects (const LmMetrics *m)
{
  return m->ics->len;
}

const char *
lm_metrics_interconnect (const LmMetrics *m, guint ic)
{
  return ((Ic *) g_ptr_array_index (m->ics, ic))->name;
}

const char *
lm_metrics_state_at (const LmMetrics *m, guint i, LmTime t)
{
  Ic *ic = g_ptr_array_index (m->ics, i);
  const char *state = NULL;
  for (guint k = 0; k < ic->states->len; k++)
    {
      StateMark *mark = &g_array_index (ic->states, StateMark, k);
      if (mark->at > t)
        break;
      state = mark->state;
    }
  return state;
}

const char *
lm_metrics_state (const LmMetrics *m, guint ic)
{
  return lm_metrics_state_at (m, ic, LM_TIME_MAX);
}

LmTime
lm_metrics_available_at (const LmMetrics *m, guint ic)
{
  return ((Ic *) g_ptr_array_index (m->ics, ic))->available_at;
}

double
lm_metrics_availability (const LmMetrics *m, guint i, LmAvailKind kind)
{
  g_return_val_if_fail (kind < LM_AVAIL_N && m->end >= 0, NAN);
  Ic *ic = g_ptr_array_index (m->ics, i);
  if (ic->available_at < 0 || ic->value[kind] < 0)
    return NAN;
  LmTime span = m->end - ic->available_at;
  if (span <= 0)
    return NAN;
  return (double) ic->in_one[kind] / (double) span;
}

int
lm_metrics_condition (const LmMetrics *m, guint i, LmAvailKind kind)
{
  g_return_val_if_fail (kind < LM_AVAIL_N, -1);
  return ((Ic *) g_ptr_array_index (m->ics, i))->value[kind];
}

double
lm_metrics_failure_restore_s (const LmMetrics *m, const LmFailureMetrics *f, gboolean *by_repair)
{
  if (by_repair != NULL)
    *by_repair = FALSE;
  if (f->converge >= 0)
    return LM_TIME_TO_S (f->converge);
  if (f->lost_bits[0] <= 0 && f->lost_bits[1] <= 0)
    return NAN;
  if (by_repair != NULL)
    *by_repair = TRUE;
  LmTime until = MIN (f->closed, m->end >= 0 ? m->end : f->closed);
  return LM_TIME_TO_S (MAX (until - f->at, 0));
}

LmTime
lm_metrics_span (const LmMetrics *m, guint i)
{
  g_return_val_if_fail (m->end >= 0, -1);
  Ic *ic = g_ptr_array_index (m->ics, i);
  return ic->available_at < 0 ? 0 : MAX (m->end - ic->available_at, 0);
}

LmTime
lm_metrics_down_time (const LmMetrics *m, guint i, LmAvailKind kind)
{
  g_return_val_if_fail (kind < LM_AVAIL_N, -1);
  Ic *ic = g_ptr_array_index (m->ics, i);
  return lm_metrics_span (m, i) - ic->in_one[kind];
}

guint64
lm_metrics_outages (const LmMetrics *m, guint i, LmAvailKind kind)
{
  g_return_val_if_fail (kind < LM_AVAIL_N && m->end >= 0, 0);
  return ((Ic *) g_ptr_array_index (m->ics, i))->outages[kind];
}

const LmMonths *
lm_metrics_months (const LmMetrics *m, guint i, LmAvailKind kind)
{
  g_return_val_if_fail (kind < LM_AVAIL_N && m->end >= 0, NULL);
  return &((Ic *) g_ptr_array_index (m->ics, i))->months[kind];
}

double
lm_metrics_lost_bits (const LmMetrics *m, guint i, guint dir, guint cause)
{
  g_return_val_if_fail (dir < LM_METRICS_N_DIRS && cause < LM_METRICS_N_CAUSES, NAN);
  return ((Ic *) g_ptr_array_index (m->ics, i))->lost[dir][cause];
}

double
lm_metrics_offered_bits (const LmMetrics *m, guint i, guint dir)
{
  g_return_val_if_fail (dir < LM_METRICS_N_DIRS, NAN);
  return ((Ic *) g_ptr_array_index (m->ics, i))->offered[dir];
}

guint
lm_metrics_n_failures (const LmMetrics *m)
{
  return m->failures->len;
}

const LmFailureMetrics *
lm_metrics_failure (const LmMetrics *m, guint i)
{
  return g_ptr_array_index (m->failures, i);
}

const LmFailureMetrics *
lm_metrics_find_failure (const LmMetrics *m, const char *id)
{
  for (guint i = 0; i < m->failures->len; i++)
    {
      LmFailureMetrics *f = g_ptr_array_index (m->failures, i);
      if (strcmp (f->id, id) == 0)
        return f;
    }
  return NULL;
}
