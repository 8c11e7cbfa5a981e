/* analysis/replicate-io.c — chunk states to JSON and back
 * (analysis/replicate-io.h).
 *
 * One chunk: { "index": i, "events": e, "held": [per expectation],
 * "interconnects": [ [item, …] per interconnect ] }, the items in the order
 * io_stats() visits LmReplicaStats: moments as [n, mean, m2, min, max]
 * (min, max null when n = 0), ratios as [n, ȳ, x̄, Σ(y−ȳ)², Σ(x−x̄)², c],
 * months as [months, below…], histograms as {"m": moments, "bins": [[bin,
 * count], …]} with the empty bins left out.  Writing and reading go
 * through the same visitor, so the order cannot drift between them. */
#include "analysis/replicate-io.h"

#include <math.h>
#include "analysis/replicate-private.h"

#define N_BINS (2 + LM_HISTOGRAM_PER_OCTAVE * LM_HISTOGRAM_OCTAVES)

typedef struct {
  JsonBuilder *b;      /* writing, or */
  JsonArray *a;        /* reading: the items, */
  guint i;             /* the next one */
  gboolean bad;        /* a malformed item was read */
} Io;

static JsonArray *
next_array (Io *io, guint len)
{
  if (io->i >= json_array_get_length (io->a))
    {
      io->bad = TRUE;
      return NULL;
    }
  JsonNode *n = json_array_get_element (io->a, io->i++);
  JsonArray *arr = JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  if (arr == NULL || (len > 0 && json_array_get_length (arr) != len))
    {
      io->bad = TRUE;
      return NULL;
    }
  return arr;
}

static double
get_double (JsonArray *a, guint i, double if_null)
{
  JsonNode *n = json_array_get_element (a, i);
  return JSON_NODE_HOLDS_NULL (n) ? if_null : json_node_get_double (n);
}

static void
io_moments_in (Io *io, LmMoments *m, JsonBuilder *b)
{
  if (b != NULL)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, (gint64) m->n);
      json_builder_add_double_value (b, m->mean);
      json_builder_add_double_value (b, m->m2);
      if (m->n > 0)
        {
          json_builder_add_double_value (b, m->min);
          json_builder_add_double_value (b, m->max);
        }
      else
        {
          json_builder_add_null_value (b);
          json_builder_add_null_value (b);
        }
      json_builder_end_array (b);
      return;
    }
  JsonArray *a = next_array (io, 5);
  if (a == NULL)
    return;
  *m = (LmMoments) { (guint64) json_array_get_int_element (a, 0), json_array_get_double_element (a, 1),
                     json_array_get_double_element (a, 2), get_double (a, 3, INFINITY),
                     get_double (a, 4, -INFINITY) };
}

static void
io_moments (Io *io, LmMoments *m)
{
  io_moments_in (io, m, io->b);
}

static void
io_ratio (Io *io, LmRatio *r)
{
  if (io->b != NULL)
    {
      json_builder_begin_array (io->b);
      json_builder_add_int_value (io->b, (gint64) r->n);
      const double v[] = { r->mean_y, r->mean_x, r->m2_y, r->m2_x, r->c_xy };
      for (guint k = 0; k < G_N_ELEMENTS (v); k++)
        json_builder_add_double_value (io->b, v[k]);
      json_builder_end_array (io->b);
      return;
    }
  JsonArray *a = next_array (io, 6);
  if (a == NULL)
    return;
  *r = (LmRatio) { (guint64) json_array_get_int_element (a, 0), json_array_get_double_element (a, 1),
                   json_array_get_double_element (a, 2), json_array_get_double_element (a, 3),
                   json_array_get_double_element (a, 4), json_array_get_double_element (a, 5) };
}

static void
io_months (Io *io, LmMonths *m)
{
  if (io->b != NULL)
    {
      json_builder_begin_array (io->b);
      json_builder_add_int_value (io->b, (gint64) m->months);
      for (guint t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
        json_builder_add_int_value (io->b, (gint64) m->below[t]);
      json_builder_end_array (io->b);
      return;
    }
  JsonArray *a = next_array (io, 1 + LM_MONTHS_N_THRESHOLDS);
  if (a == NULL)
    return;
  m->months = (guint64) json_array_get_int_element (a, 0);
  for (guint t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
    m->below[t] = (guint64) json_array_get_int_element (a, t + 1);
}

static void
write_histogram (JsonBuilder *b, const LmHistogram *h)
{
  json_builder_begin_array (b);
  io_moments_in (NULL, (LmMoments *) &h->moments, b);
  json_builder_begin_array (b);
  for (guint k = 0; h->counts != NULL && k < N_BINS; k++)
    if (h->counts[k] > 0)
      {
        json_builder_begin_array (b);
        json_builder_add_int_value (b, k);
        json_builder_add_int_value (b, (gint64) h->counts[k]);
        json_builder_end_array (b);
      }
  json_builder_end_array (b);
  json_builder_end_array (b);
}

static void
io_histogram (Io *io, LmHistogram *h)
{
  if (io->b != NULL)
    {
      write_histogram (io->b, h);
      return;
    }
  JsonArray *a = next_array (io, 2);
  if (a == NULL)
    return;
  Io inner = { NULL, a, 0, FALSE };
  io_moments (&inner, &h->moments);
  JsonArray *bins = next_array (&inner, 0);
  io->bad |= inner.bad;
  if (bins == NULL || json_array_get_length (bins) == 0)
    return;
  h->counts = g_new0 (guint64, N_BINS);
  for (guint i = 0; i < json_array_get_length (bins); i++)
    {
      JsonArray *pair = json_array_get_array_element (bins, i);
      gint64 k = pair != NULL && json_array_get_length (pair) == 2 ? json_array_get_int_element (pair, 0) : -1;
      if (k < 0 || k >= N_BINS)
        {
          io->bad = TRUE;
          return;
        }
      h->counts[k] = (guint64) json_array_get_int_element (pair, 1);
    }
}

/* Every field of LmReplicaStats, in one fixed order. */
static void
io_stats (Io *io, LmReplicaStats *s)
{
  for (int k = 0; k < LM_AVAIL_N; k++)
    {
      io_moments (io, &s->availability[k]);
      io_moments (io, &s->outages_per_year[k]);
      io_ratio (io, &s->outage_s[k]);
      io_months (io, &s->months[k]);
      for (int t = 0; t < LM_MONTHS_N_THRESHOLDS; t++)
        io_moments (io, &s->month_below[k][t]);
    }
  io_moments (io, &s->loss_ratio);
  for (int q = 0; q < 3; q++)
    io_moments (io, &s->latency_s[q]);
  io_moments (io, &s->convergence_s);
  io_moments (io, &s->never_converged);
  io_moments (io, &s->failures);
  io_histogram (io, &s->detect_s);
  io_histogram (io, &s->converge_s);
  io_histogram (io, &s->restored_s);
}

/* The scripted failures' moments, as one flat list of items. */
static void
io_scripted (Io *io, LmScriptedStats *s, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      io_moments (io, &s[i].detect_s);
      io_moments (io, &s[i].converge_s);
      io_moments (io, &s[i].restored_s);
      io_moments (io, &s[i].lost_bits);
    }
}

void
lm_replication_chunks_json (JsonBuilder *b, const LmReplication *rep)
{
  json_builder_set_member_name (b, "chunks");
  json_builder_begin_array (b);
  for (guint c = 0; rep->kept != NULL && c < rep->kept->len; c++)
    {
      LmReplicaPartial *p = rep->kept->pdata[c];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, (gint64) (rep->first_chunk + c));
      json_builder_set_member_name (b, "events");
      json_builder_add_int_value (b, (gint64) p->events);
      json_builder_set_member_name (b, "held");
      json_builder_begin_array (b);
      for (guint i = 0; i < rep->n_expect; i++)
        json_builder_add_int_value (b, (gint64) p->held[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "scripted");
      json_builder_begin_array (b);
      Io sio = { b, NULL, 0, FALSE };
      io_scripted (&sio, p->scripted, rep->n_scripted);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "interconnects");
      json_builder_begin_array (b);
      for (guint ic = 0; ic < rep->n_ics; ic++)
        {
          Io io = { b, NULL, 0, FALSE };
          json_builder_begin_array (b);
          io_stats (&io, &p->ics[ic]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* One chunk object into @p; FALSE when it is malformed. */
static gboolean
read_chunk (JsonObject *o, LmReplicaPartial *p, const LmReplication *rep)
{
  guint n_ics = rep->n_ics, n_expect = rep->n_expect;
  JsonArray *scripted = json_object_has_member (o, "scripted")
                        ? json_object_get_array_member (o, "scripted") : NULL;
  if (scripted == NULL)
    return FALSE;
  Io sio = { NULL, scripted, 0, FALSE };
  io_scripted (&sio, p->scripted, rep->n_scripted);
  if (sio.bad || sio.i != json_array_get_length (scripted))
    return FALSE;
  JsonArray *held = json_object_has_member (o, "held") ? json_object_get_array_member (o, "held") : NULL;
  JsonArray *ics = json_object_has_member (o, "interconnects")
                   ? json_object_get_array_member (o, "interconnects") : NULL;
  if (held == NULL || ics == NULL || json_array_get_length (held) != n_expect
      || json_array_get_length (ics) != n_ics || !json_object_has_member (o, "events"))
    return FALSE;
  p->events = (guint64) json_object_get_int_member (o, "events");
  for (guint i = 0; i < n_expect; i++)
    p->held[i] = (guint64) json_array_get_int_element (held, i);
  for (guint ic = 0; ic < n_ics; ic++)
    {
      JsonArray *items = json_array_get_array_element (ics, ic);
      if (items == NULL)
        return FALSE;
      Io io = { NULL, items, 0, FALSE };
      io_stats (&io, &p->ics[ic]);
      if (io.bad || io.i != json_array_get_length (items))
        return FALSE;
    }
  return TRUE;
}

static gint64
chunk_index (JsonObject *o)
{
  return json_object_has_member (o, "index") ? json_object_get_int_member (o, "index") : -1;
}

LmReplication *
lm_replication_assemble (const LmScenario *sc, guint64 n, GPtrArray *chunks, double wall_s,
                         guint jobs, GError **error)
{
  guint64 n_chunks = lm_replicate_n_chunks (n);
  g_autofree JsonObject **by_index = g_new0 (JsonObject *, n_chunks);
  for (guint i = 0; i < chunks->len; i++)
    {
      gint64 k = chunk_index (chunks->pdata[i]);
      if (k < 0 || (guint64) k >= n_chunks || by_index[k] != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, k < 0 || (guint64) k >= n_chunks
                       ? "chunk %" G_GINT64_FORMAT " is not one of the %" G_GUINT64_FORMAT " chunks of "
                         "%" G_GUINT64_FORMAT " replications"
                       : "chunk %" G_GINT64_FORMAT " is in two parts", k, n_chunks, n);
          return NULL;
        }
      by_index[k] = chunks->pdata[i];
    }
  for (guint64 k = 0; k < n_chunks; k++)
    if (by_index[k] == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "chunk %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " is missing: a part is missing",
                     k, n_chunks);
        return NULL;
      }
  g_autoptr (LmReplication) rep = lm_replication_empty (sc, n, jobs);
  for (guint64 k = 0; k < n_chunks; k++)
    {
      LmReplicaPartial p = { 0 };
      lm_partial_init (&p, rep, FALSE);
      gboolean ok = read_chunk (by_index[k], &p, rep);
      if (ok)
        lm_partial_fold (rep, &rep->total, &p);
      lm_partial_clear (&p, rep);
      if (!ok)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "chunk %" G_GUINT64_FORMAT
                       " is malformed (or for another scenario)", k);
          return NULL;
        }
    }
  rep->wall_us = (gint64) llround (wall_s * 1e6);
  return g_steal_pointer (&rep);
}
