/* analysis/series.c — records a run's time series from its signals
 * (analysis/series.h): a point per change of an interconnect's figures, and
 * an interval per state of each connection's components.
 */
#include "analysis/series.h"

#include <math.h>
#include <string.h>

static const char *const dir_names[] = { "to-cloud", "from-cloud", NULL };
static const char *const cause_names[] = { "failover", "congestion", "policing", "macsec",
                                           "errors", NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (dir_names) == LM_SERIES_N_DIRS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (cause_names) == LM_SERIES_N_CAUSES + 1);

/* What an open failure holds down on the connections it covers, in the
 * order the link row reports it. */
typedef enum { HOLD_SITE, HOLD_ROUTER, HOLD_LINK, HOLD_SHARED, HOLD_N, HOLD_NONE } Hold;
static const char *const hold_state[] = {
  [HOLD_SITE] = "site-failed", [HOLD_ROUTER] = "router-failed",
  [HOLD_LINK] = "link-failed", [HOLD_SHARED] = "shared-failed",
};
G_STATIC_ASSERT (G_N_ELEMENTS (hold_state) == HOLD_N);

typedef struct {
  const char *component, *connection, *kind;   /* in the string chunk */
  const char *state;
  LmTime since;
  /* link rows only */
  gboolean built;
  guint held[HOLD_N];
} Track;

typedef struct {
  char *name;
  GArray *points;          /* LmSeriesPoint */
} Ic;

struct _LmSeries {
  LmSim *sim;
  GPtrArray *ics;          /* Ic* */
  GArray *tracks;          /* Track */
  GHashTable *by_name;     /* component → track index + 1 */
  GArray *intervals;       /* LmSeriesInterval */
  GHashTable *targets;     /* failure id → target */
  GStringChunk *strings;
  LmTime start, end;
  gboolean attached;       /* the components are known (lm_series_attach) */
  guint handlers[2];
};

static const char *
intern (LmSeries *s, const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (s->strings, text) : NULL;
}

/* ------------------------------------------------------------ points */

static Ic *
find_ic (const LmSeries *s, const char *name)
{
  for (guint i = 0; i < s->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (s->ics, i);
      if (strcmp (ic->name, name) == 0)
        return ic;
    }
  return NULL;
}

/* The point at now, to be changed: the last one if it is at now, else a
 * copy of it. */
static LmSeriesPoint *
point_now (LmSeries *s, Ic *ic)
{
  LmTime now = lm_sim_now (s->sim);
  LmSeriesPoint *last = &g_array_index (ic->points, LmSeriesPoint, ic->points->len - 1);
  if (last->at == now)
    return last;
  LmSeriesPoint next = *last;
  next.at = now;
  g_array_append_val (ic->points, next);
  return &g_array_index (ic->points, LmSeriesPoint, ic->points->len - 1);
}

static gboolean
same (double a, double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static const LmSeriesPoint *
last_point (const Ic *ic)
{
  return &g_array_index (ic->points, LmSeriesPoint, ic->points->len - 1);
}

static void
set_value (LmSeries *s, Ic *ic, gsize offset, double value)
{
  if (same (G_STRUCT_MEMBER (double, last_point (ic), offset), value))
    return;
  LmSeriesPoint *p = point_now (s, ic);
  G_STRUCT_MEMBER (double, p, offset) = value;
  p->capacity_bps = p->usable >= 0 && !isnan (p->port_bps) ? p->usable * p->port_bps : NAN;
}

static int
index_of (const char *const *names, const char *text, gsize len)
{
  for (int i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && strncmp (names[i], text, len) == 0)
      return i;
  return -1;
}

/* "offered.DIR", "latency.DIR", "loss.DIR.CAUSE": the field's offset. */
static gssize
rate_offset (const char *what)
{
  const char *dot = strchr (what, '.');
  if (dot == NULL)
    return -1;
  const char *rest = dot + 1, *dot2 = strchr (rest, '.');
  int d = index_of (dir_names, rest, dot2 ? (gsize) (dot2 - rest) : strlen (rest));
  if (d < 0)
    return -1;
  gsize head = (gsize) (dot - what);
  if (dot2 == NULL && head == 7 && strncmp (what, "offered", 7) == 0)
    return G_STRUCT_OFFSET (LmSeriesPoint, offered_bps) + d * sizeof (double);
  if (dot2 == NULL && head == 7 && strncmp (what, "latency", 7) == 0)
    return G_STRUCT_OFFSET (LmSeriesPoint, latency_s) + d * sizeof (double);
  int c = dot2 != NULL ? index_of (cause_names, dot2 + 1, strlen (dot2 + 1)) : -1;
  if (c >= 0 && head == 4 && strncmp (what, "loss", 4) == 0)
    return G_STRUCT_OFFSET (LmSeriesPoint, loss_bps) + (d * LM_SERIES_N_CAUSES + c) * sizeof (double);
  return -1;
}

static void
on_sample (LmSim *sim, const LmSignal *sig, gpointer user_data)
{
  LmSeries *s = user_data;
  Ic *ic = find_ic (s, sig->component);
  if (ic == NULL)
    return;
  double v = sig->u.sample.value;
  if (strcmp (sig->what, "usable") == 0)
    {
      if (last_point (ic)->usable == (int) v)
        return;
      LmSeriesPoint *p = point_now (s, ic);
      p->usable = (int) v;
      p->capacity_bps = !isnan (p->port_bps) ? p->usable * p->port_bps : NAN;
    }
  else if (strcmp (sig->what, "tier") == 0)
    set_value (s, ic, G_STRUCT_OFFSET (LmSeriesPoint, tier_bps), v);
  else if (strcmp (sig->what, "port") == 0)
    set_value (s, ic, G_STRUCT_OFFSET (LmSeriesPoint, port_bps), v);
  else
    {
      gssize off = rate_offset (sig->what);
      if (off >= 0)
        set_value (s, ic, (gsize) off, v);
    }
}

static void
on_flag (LmSeries *s, const LmSignal *sig)
{
  Ic *ic = find_ic (s, sig->component);
  if (ic == NULL)
    return;
  gsize off;
  if (strcmp (sig->what, "reachability") == 0)
    off = G_STRUCT_OFFSET (LmSeriesPoint, reachability);
  else if (strcmp (sig->what, "half_capacity") == 0)
    off = G_STRUCT_OFFSET (LmSeriesPoint, half_capacity);
  else if (strcmp (sig->what, "full_capacity") == 0)
    off = G_STRUCT_OFFSET (LmSeriesPoint, full_capacity);
  else
    return;
  int v = sig->u.state.to ? 1 : 0;
  if (G_STRUCT_MEMBER (int, last_point (ic), off) != v)
    G_STRUCT_MEMBER (int, point_now (s, ic), off) = v;
}

/* ------------------------------------------------------------ intervals */

static guint
add_track (LmSeries *s, const char *component, const char *connection, const char *kind,
           const char *state)
{
  Track t = { intern (s, component), intern (s, connection), intern (s, kind),
              intern (s, state), s->start, TRUE, { 0 } };
  g_array_append_val (s->tracks, t);
  g_hash_table_insert (s->by_name, (gpointer) t.component, GUINT_TO_POINTER (s->tracks->len));
  return s->tracks->len - 1;
}

static void
track_set (LmSeries *s, guint index, const char *state)
{
  Track *t = &g_array_index (s->tracks, Track, index);
  LmTime now = lm_sim_now (s->sim);
  if (t->state != NULL && strcmp (t->state, state) == 0)
    return;
  if (now > t->since && t->state != NULL)
    {
      LmSeriesInterval iv = { t->component, t->connection, t->kind, t->state, t->since, now, index };
      g_array_append_val (s->intervals, iv);
    }
  t->state = intern (s, state);
  t->since = now;
}

static const char *
link_state (const Track *t)
{
  if (!t->built)
    return "not-built";
  for (int h = 0; h < HOLD_N; h++)
    if (t->held[h] > 0)
      return hold_state[h];
  return "up";
}

LmScClass
lm_series_target_class (const char *target)
{
  g_auto (GStrv) seg = g_strsplit (target, ".", 0);
  guint n = g_strv_length (seg);
  if (n == 1)
    return LM_SC_CLASS_INTERCONNECT;
  if (n == 2 && strlen (seg[1]) == 1 && g_ascii_isupper (seg[1][0]))
    return LM_SC_CLASS_SITE;
  if (n == 2)
    return strcmp (seg[1], "fabric") == 0 ? LM_SC_CLASS_PARTNER_FABRIC
           : strcmp (seg[1], "first-mile") == 0 ? LM_SC_CLASS_FIRST_MILE
           : strcmp (seg[1], "gateway") == 0 ? LM_SC_CLASS_GATEWAY : LM_SC_CLASS_NONE;
  if (n == 3)
    return LM_SC_CLASS_ROUTER_PAIR;
  if (n == 4 && strcmp (seg[3], "link") == 0)
    return LM_SC_CLASS_LINK;
  if (n == 4 && (strcmp (seg[3], "cloud") == 0 || strcmp (seg[3], "partner") == 0))
    return LM_SC_CLASS_ROUTER;
  return strcmp (seg[3], "bgp") == 0 ? LM_SC_CLASS_BGP : LM_SC_CLASS_NONE;
}

/* What a failure of @target holds down (series.h). */
static Hold
hold_of (const char *target)
{
  switch (lm_series_target_class (target))
    {
    case LM_SC_CLASS_SITE: return HOLD_SITE;
    case LM_SC_CLASS_ROUTER_PAIR: case LM_SC_CLASS_ROUTER: return HOLD_ROUTER;
    case LM_SC_CLASS_LINK: return HOLD_LINK;
    case LM_SC_CLASS_INTERCONNECT: case LM_SC_CLASS_PARTNER_FABRIC:
    case LM_SC_CLASS_FIRST_MILE: case LM_SC_CLASS_GATEWAY: return HOLD_SHARED;
    default: return HOLD_NONE;   /* a BGP session reset: its own rows show it */
    }
}

static gboolean
has_prefix_segment (const char *name, const char *prefix)
{
  gsize n = strlen (prefix);
  return strncmp (name, prefix, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

static gboolean
covers (Hold hold, const char *target, const char *connection)
{
  if (hold == HOLD_SHARED)
    {
      const char *dot = strchr (target, '.');
      g_autofree char *ic = dot ? g_strndup (target, (gsize) (dot - target)) : g_strdup (target);
      return has_prefix_segment (connection, ic);
    }
  /* a site or pair above the connection; a router or link below it */
  return has_prefix_segment (connection, target) || has_prefix_segment (target, connection);
}

static void
on_failure (LmSeries *s, const LmSignal *sig)
{
  const char *target = sig->u.state.cause;
  if (target == NULL)
    return;
  int delta = sig->u.state.to == 1 ? +1 : -1;
  if (delta > 0)
    g_hash_table_replace (s->targets, g_strdup (sig->component), g_strdup (target));
  Hold hold = hold_of (target);
  if (hold == HOLD_NONE)
    return;
  for (guint i = 0; i < s->tracks->len; i++)
    {
      Track *t = &g_array_index (s->tracks, Track, i);
      if (strcmp (t->kind, "link") != 0 || !covers (hold, target, t->connection))
        continue;
      t->held[hold] = (guint) ((int) t->held[hold] + delta);
      track_set (s, i, link_state (t));
    }
}

static void
on_build (LmSeries *s, const LmSignal *sig)
{
  gpointer found = g_hash_table_lookup (s->by_name, sig->component);
  if (found == NULL)
    return;
  guint i = GPOINTER_TO_UINT (found) - 1;
  Track *t = &g_array_index (s->tracks, Track, i);
  t->built = strcmp (sig->u.state.to_name, "built") == 0;
  track_set (s, i, link_state (t));
}

static void
on_state (LmSim *sim, const LmSignal *sig, gpointer user_data)
{
  LmSeries *s = user_data;
  const char *what = sig->what;
  if (strcmp (what, "failure") == 0)
    on_failure (s, sig);
  else if (!s->attached && (strcmp (what, "build") == 0 || strcmp (what, "macsec") == 0
                            || strcmp (what, "bfd") == 0 || strcmp (what, "bgp") == 0))
    return;   /* while the world is built: lm_series_attach() reads where they ended */
  else if (strcmp (what, "build") == 0)
    on_build (s, sig);
  else if (strcmp (what, "macsec") == 0 || strcmp (what, "bfd") == 0 || strcmp (what, "bgp") == 0)
    {
      gpointer found = g_hash_table_lookup (s->by_name, sig->component);
      guint i = found ? GPOINTER_TO_UINT (found) - 1
                      : add_track (s, sig->component, sig->component, what, sig->u.state.from_name);
      track_set (s, i, sig->u.state.to_name);
    }
  else
    on_flag (s, sig);
}

/* ------------------------------------------------------------ lifecycle */

static void
add_component (const LmWorldComponent *c, gpointer data)
{
  LmSeries *s = data;
  if (strcmp (c->kind, "build") == 0)
    {
      guint i = add_track (s, c->connection, c->connection, "link", NULL);
      Track *t = &g_array_index (s->tracks, Track, i);
      t->built = strcmp (c->state, "built") == 0;
      t->state = intern (s, link_state (t));
    }
  else
    add_track (s, c->component, c->connection, c->kind, c->state);
}

void
lm_series_attach (LmSeries *s, LmWorld *world)
{
  g_return_if_fail (!s->attached);
  for (guint i = 0; i < s->ics->len; i++)
    lm_world_foreach_component (world, i, add_component, s);
  s->attached = TRUE;
  lm_world_set_detail (world, TRUE);   /* latency and usable connections */
}

LmSeries *
lm_series_new (LmSim *sim, const LmScenario *sc)
{
  LmSeries *s = g_new0 (LmSeries, 1);
  s->sim = sim;
  s->start = lm_sim_now (sim);
  s->end = -1;
  s->strings = g_string_chunk_new (1024);
  s->ics = g_ptr_array_new ();
  s->tracks = g_array_new (FALSE, TRUE, sizeof (Track));
  s->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  s->intervals = g_array_new (FALSE, TRUE, sizeof (LmSeriesInterval));
  s->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < sc->interconnects->len; i++)
    {
      Ic *ic = g_new0 (Ic, 1);
      ic->name = g_strdup (((LmScInterconnect *) sc->interconnects->pdata[i])->name);
      ic->points = g_array_new (FALSE, TRUE, sizeof (LmSeriesPoint));
      LmSeriesPoint p = { .at = s->start, .tier_bps = NAN, .port_bps = NAN, .usable = -1,
                          .capacity_bps = NAN, .reachability = -1, .half_capacity = -1,
                          .full_capacity = -1 };
      for (int d = 0; d < LM_SERIES_N_DIRS; d++)
        p.latency_s[d] = NAN;
      g_array_append_val (ic->points, p);
      g_ptr_array_add (s->ics, ic);
    }
  s->handlers[0] = lm_sim_connect (sim, LM_SIGNAL_STATE, on_state, s);
  s->handlers[1] = lm_sim_connect (sim, LM_SIGNAL_SAMPLE, on_sample, s);
  return s;
}

void
lm_series_free (LmSeries *s)
{
  if (s == NULL)
    return;
  lm_sim_disconnect (s->sim, s->handlers[0]);
  lm_sim_disconnect (s->sim, s->handlers[1]);
  for (guint i = 0; i < s->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (s->ics, i);
      g_array_unref (ic->points);
      g_free (ic->name);
      g_free (ic);
    }
  g_ptr_array_unref (s->ics);
  g_array_unref (s->tracks);
  g_hash_table_unref (s->by_name);
  g_array_unref (s->intervals);
  g_hash_table_unref (s->targets);
  g_string_chunk_free (s->strings);
  g_free (s);
}

static gint
by_track_then_time (gconstpointer a, gconstpointer b)
{
  const LmSeriesInterval *x = a, *y = b;
  if (x->track != y->track)
    return x->track < y->track ? -1 : 1;
  return x->from < y->from ? -1 : x->from > y->from;
}

void
lm_series_finish (LmSeries *s)
{
  if (s->end >= 0)
    return;
  s->end = lm_sim_now (s->sim);
  for (guint i = 0; i < s->tracks->len; i++)
    {
      Track *t = &g_array_index (s->tracks, Track, i);
      if (t->state != NULL && s->end > t->since)
        {
          LmSeriesInterval iv = { t->component, t->connection, t->kind, t->state, t->since,
                                  s->end, i };
          g_array_append_val (s->intervals, iv);
        }
    }
  g_array_sort (s->intervals, by_track_then_time);
}

/* ------------------------------------------------------------ readings */

guint lm_series_n_interconnects (const LmSeries *s) { return s->ics->len; }
const GArray *lm_series_intervals (const LmSeries *s) { return s->intervals; }
guint lm_series_n_components (const LmSeries *s) { return s->tracks->len; }
LmTime lm_series_end (const LmSeries *s) { return s->end >= 0 ? s->end : lm_sim_now (s->sim); }

const char *
lm_series_interconnect (const LmSeries *s, guint ic)
{
  return ((Ic *) g_ptr_array_index (s->ics, ic))->name;
}

const GArray *
lm_series_points (const LmSeries *s, guint ic)
{
  return ((Ic *) g_ptr_array_index (s->ics, ic))->points;
}

const LmSeriesPoint *
lm_series_at (const LmSeries *s, guint i, LmTime t)
{
  const GArray *pts = lm_series_points (s, i);
  const LmSeriesPoint *found = NULL;
  guint lo = 0, hi = pts->len;   /* binary search: the last point with at <= t */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (pts, LmSeriesPoint, mid).at <= t)
        {
          found = &g_array_index (pts, LmSeriesPoint, mid);
          lo = mid + 1;
        }
      else
        hi = mid;
    }
  return found;
}

const char *
lm_series_component (const LmSeries *s, guint track, const char **kind, const char **connection)
{
  const Track *t = &g_array_index (s->tracks, Track, track);
  if (kind != NULL)
    *kind = t->kind;
  if (connection != NULL)
    *connection = t->connection;
  return t->component;
}

const char *
lm_series_state_at (const LmSeries *s, const char *component, LmTime t)
{
  gpointer found = g_hash_table_lookup (s->by_name, component);
  if (found == NULL)
    return NULL;
  guint track = GPOINTER_TO_UINT (found) - 1;
  const Track *tr = &g_array_index (s->tracks, Track, track);
  if (t >= tr->since)
    return tr->state;
  for (guint i = 0; i < s->intervals->len; i++)
    {
      const LmSeriesInterval *iv = &g_array_index (s->intervals, LmSeriesInterval, i);
      if (iv->track == track && iv->from <= t && t < iv->to)
        return iv->state;
    }
  return NULL;
}

const char *
lm_series_failure_target (const LmSeries *s, const char *id)
{
  return g_hash_table_lookup (s->targets, id);
}
