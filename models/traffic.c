/* models/traffic.c — fluid traffic over the interconnect's paths.
 *
 * Models: ECMP by flow hash over the paths in the sender's forwarding table
 * (modulo-N over the sorted next-hop list, as a plain hash-threshold ECMP
 * does — RFC 2992 discusses the variants; resilient hashing is not
 * modelled); edge policing at the ordered tier; port capacity; loss by
 * cause; latency as propagation + serialization of one MTU frame + an M/M/1
 * waiting time (P(wait > 0) = ρ, wait | wait > 0 ~ Exp(μ − λ)), or the
 * port's queue limit when the port is saturated.
 * Abstracts away: packets (rates are fluid), TCP's reaction to loss (the
 * offered load is what the scenario says, whatever is lost), flow sizes
 * (all flows carry equal rates), reordering.
 *
 * Objects: one LmTraffic per interconnect, owned by the world.  It keeps the
 * current rates and, at every change, adds rate × elapsed time to its
 * integrals (lost bits by direction and cause, delivered bits, latency
 * mixture weights), so results are exact for piecewise-constant inputs.
 */
#include "models/traffic.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include "sim/rng.h"

#define MAX_FAMILIES 2

/* One piece of the latency mixture: delivered bits whose latency is
 * fixed + (with probability rho) an exponential wait of rate theta. */
typedef struct {
  double fixed_s, rho, theta, weight;
} Segment;

/* A slot of the segment index: a hash of (fixed, rho, theta) and the
 * segment's index + 1 (0: empty). */
typedef struct {
  guint64 key;
  guint32 index;
} SegSlot;

struct _LmTraffic {
  LmSim *sim;
  char *name;
  LmTrafficConfig cfg;
  guint n_paths;
  LmPathStatus *status;
  double *err;
  gboolean *fib[LM_DIR_N][MAX_FAMILIES];
  guint32 *share;                       /* [f][m-1][r]: family f's flows with hash % m == r */
  gboolean counted[64];                 /* share[.][m-1] is counted */
  /* current rates, bits per second */
  double lost_bps[LM_DIR_N][LM_LOSS_N];
  double delivered_bps[LM_DIR_N];
  double carried_bps[LM_DIR_N][64];     /* per path (n_paths <= 64) */
  /* integrals, bits */
  double lost[LM_DIR_N][LM_LOSS_N];
  double announced_loss[LM_DIR_N][LM_LOSS_N];   /* last rates emitted */
  double announced_offered[LM_DIR_N];
  double announced_latency[LM_DIR_N];           /* NaN: nothing delivered */
  guint64 announced_tier, announced_port;
  gboolean detail;                              /* announce latency (lm_traffic_set_detail) */
  char *what_loss[LM_DIR_N][LM_LOSS_N];         /* "loss.to-cloud.failover" */
  char *what_offered[LM_DIR_N];                 /* "offered.to-cloud" */
  char *what_latency[LM_DIR_N];                 /* "latency.to-cloud" */
  double offered[LM_DIR_N];
  double delivered[LM_DIR_N];
  LmTime last;
  GArray *segments;                     /* Segment */
  SegSlot *index;                       /* open addressing: hash of (fixed, rho, theta) */
  /* the segment each path's carried rate went to at the last flush (index +
   * 1; 0: none): the same rate (and port) is the same segment, found again
   * without hashing */
  guint32 seg_of[LM_DIR_N][64];
  double seg_carried[LM_DIR_N][64];
  guint index_cap;                      /* a power of two, at least twice segments->len */
};

static const char *const cause_names[] = {
  [LM_LOSS_FAILOVER] = "failover",
  [LM_LOSS_CONGESTION] = "congestion",
  [LM_LOSS_POLICING] = "policing",
  [LM_LOSS_MACSEC] = "macsec",
  [LM_LOSS_ERRORS] = "errors",
};
G_STATIC_ASSERT (G_N_ELEMENTS (cause_names) == LM_LOSS_N);

static const char *const dir_names[] = {
  [LM_DIR_TO_CLOUD] = "to-cloud",
  [LM_DIR_FROM_CLOUD] = "from-cloud",
};
G_STATIC_ASSERT (G_N_ELEMENTS (dir_names) == LM_DIR_N);

const char *
lm_loss_cause_name (LmLossCause cause)
{
  g_return_val_if_fail (cause < LM_LOSS_N, "?");
  return cause_names[cause];
}

const char *
lm_flow_dir_name (LmFlowDir dir)
{
  g_return_val_if_fail (dir < LM_DIR_N, "?");
  return dir_names[dir];
}

static void recompute (LmTraffic *t);

/* Flow hashes are fixed per (interconnect, flow), as a 5-tuple hash is; flow
 * i belongs to family i mod n_families and, with m usable paths, goes to the
 * (hash mod m)-th of them.  Only the number of flows per residue matters, so
 * it is counted once per m, the first time m paths are usable: a FIB change
 * then costs O(paths²), not O(flows).
 *
 * Counting is the set-up cost of a Monte Carlo replication (bench/README.md),
 * so the first count hashes each flow once and counts every m up to
 * SMALL_M in the same pass: constant divisors (a multiply, not a division)
 * and, per m, counters packed 16 bits apiece in two registers, emptied every
 * 65535 flows (no store-to-load chain through a few hot counters).  A larger
 * m is counted on its own when first needed. */
#define SMALL_M 8
#define PACK_MAX 65535u

typedef struct { guint64 lo, hi; } Packed;   /* residues 0-3 and 4-7, 16 bits each */

/* What the count depends on: the flows' hashes and how they are split. */
typedef struct {
  guint64 base;        /* fnv1a64 of the interconnect's name */
  guint flows, n_families, n_paths;
} Layout;

static void
unpack (Packed *acc, guint32 *share, guint n, guint top, gsize family_off)
{
  for (guint m = 2; m <= top; m++)
    {
      guint32 *row = share + family_off + (gsize) (m - 1) * n;
      for (guint r = 0; r < m; r++)
        row[r] += (guint32) (((r < 4 ? acc[m].lo : acc[m].hi) >> (16 * (r & 3))) & 0xffff);
      acc[m].lo = acc[m].hi = 0;
    }
}

/* Family @f's flows (i = f, f + nf, …) for every m in [1, top], into
 * @share laid out as [f][m-1][r]. */
static void
count_family (const Layout *l, guint32 *share, guint f, guint top)
{
  const guint n = l->n_paths;
  const gsize family_off = (gsize) f * n * n;
  Packed acc[SMALL_M + 1] = { { 0, 0 } };
  guint pending = 0;
  for (guint i = f; i < l->flows; i += l->n_families)
    {
      const guint64 h = lm_rng_splitmix64 (l->base ^ lm_rng_splitmix64 (i));
      share[family_off]++;                          /* m = 1: everything on residue 0 */
#define COUNT(M)                                                             \
      if (top >= (M))                                                        \
        {                                                                    \
          const guint r = (guint) (h % (M));                                 \
          if ((M) <= 4 || r < 4)                                             \
            acc[M].lo += G_GUINT64_CONSTANT (1) << (16 * (r & 3));           \
          else                                                               \
            acc[M].hi += G_GUINT64_CONSTANT (1) << (16 * (r & 3));           \
        }
      COUNT (2) COUNT (3) COUNT (4) COUNT (5) COUNT (6) COUNT (7) COUNT (8)
#undef COUNT
      if (++pending == PACK_MAX)
        {
          unpack (acc, share, n, top, family_off);
          pending = 0;
        }
    }
  unpack (acc, share, n, top, family_off);
}

/* Every m in [1, top] (top <= SMALL_M), every family. */
static void
count_small (const Layout *l, guint32 *share, guint top)
{
  for (guint f = 0; f < l->n_families; f++)
    count_family (l, share, f, top);
}

static Layout
layout_of (const char *name, const LmTrafficConfig *cfg, guint n_paths)
{
  return (Layout) { lm_rng_fnv1a64 (name), cfg->flows, cfg->n_families, n_paths };
}

struct _LmTrafficShares {
  guint n_families, n_paths, top;
  guint32 *share;      /* [f][m-1][r], m <= top */
};

LmTrafficShares *
lm_traffic_shares_new (const char *name, const LmTrafficConfig *cfg, guint n_paths)
{
  g_return_val_if_fail (n_paths >= 1 && n_paths <= 64 && cfg->flows >= 1, NULL);
  g_return_val_if_fail (cfg->n_families >= 1 && cfg->n_families <= MAX_FAMILIES, NULL);
  LmTrafficShares *s = g_new0 (LmTrafficShares, 1);
  s->n_families = cfg->n_families;
  s->n_paths = n_paths;
  s->top = MIN (n_paths, SMALL_M);
  s->share = g_new0 (guint32, (gsize) cfg->n_families * n_paths * n_paths);
  Layout l = layout_of (name, cfg, n_paths);
  count_small (&l, s->share, s->top);
  return s;
}

void
lm_traffic_shares_free (LmTrafficShares *s)
{
  if (s == NULL)
    return;
  g_free (s->share);
  g_free (s);
}

static const guint32 *
shares (LmTraffic *t, guint f, guint m)
{
  const guint n = t->n_paths, nf = t->cfg.n_families;
  guint32 *row = t->share + ((gsize) f * n + (m - 1)) * n;
  if (t->counted[m - 1])
    return row;
  Layout l = layout_of (t->name, &t->cfg, n);
  if (m <= SMALL_M)
    {
      guint top = MIN (n, SMALL_M);
      count_small (&l, t->share, top);
      for (guint k = 1; k <= top; k++)
        t->counted[k - 1] = TRUE;
      return row;
    }
  for (guint i = 0; i < t->cfg.flows; i++)
    {
      guint64 h = lm_rng_splitmix64 (l.base ^ lm_rng_splitmix64 (i));
      t->share[((gsize) (i % nf) * n + (m - 1)) * n + h % m]++;
    }
  t->counted[m - 1] = TRUE;
  return row;
}

LmTraffic *
lm_traffic_new (LmSim *sim, const char *name, const LmTrafficConfig *cfg, guint n_paths)
{
  return lm_traffic_new_shared (sim, name, cfg, n_paths, NULL);
}

LmTraffic *
lm_traffic_new_shared (LmSim *sim, const char *name, const LmTrafficConfig *cfg, guint n_paths,
                       const LmTrafficShares *counted)
{
  g_return_val_if_fail (n_paths >= 1 && n_paths <= 64, NULL);
  g_return_val_if_fail (cfg->flows >= 1 && cfg->packet_bytes >= 1, NULL);
  g_return_val_if_fail (cfg->n_families >= 1 && cfg->n_families <= MAX_FAMILIES, NULL);
  g_return_val_if_fail (cfg->port_bps > 0 && cfg->tier_bps > 0, NULL);
  LmTraffic *t = g_new0 (LmTraffic, 1);
  t->sim = sim;
  t->name = g_strdup (name);
  t->cfg = *cfg;
  t->n_paths = n_paths;
  t->status = g_new0 (LmPathStatus, n_paths);
  t->err = g_new0 (double, n_paths);
  for (int d = 0; d < LM_DIR_N; d++)
    for (guint f = 0; f < cfg->n_families; f++)
      {
        t->fib[d][f] = g_new (gboolean, n_paths);
        for (guint p = 0; p < n_paths; p++)
          t->fib[d][f][p] = TRUE;
      }
  t->share = g_new0 (guint32, (gsize) cfg->n_families * n_paths * n_paths);
  if (counted != NULL)
    {
      g_return_val_if_fail (counted->n_paths == n_paths
                            && counted->n_families == cfg->n_families, NULL);
      memcpy (t->share, counted->share, (gsize) cfg->n_families * n_paths * n_paths
                                        * sizeof *t->share);
      for (guint m = 1; m <= counted->top; m++)
        t->counted[m - 1] = TRUE;
    }
  for (int d = 0; d < LM_DIR_N; d++)
    {
      t->what_offered[d] = g_strconcat ("offered.", dir_names[d], NULL);
      t->what_latency[d] = g_strconcat ("latency.", dir_names[d], NULL);
      t->announced_latency[d] = -1;   /* never a latency: the first is announced */
      for (int c = 0; c < LM_LOSS_N; c++)
        t->what_loss[d][c] = g_strconcat ("loss.", dir_names[d], ".", cause_names[c], NULL);
    }
  t->last = lm_sim_now (sim);
  t->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  t->index_cap = 16;
  t->index = g_new0 (SegSlot, t->index_cap);
  recompute (t);
  return t;
}

void
lm_traffic_free (LmTraffic *t)
{
  if (t == NULL)
    return;
  for (int d = 0; d < LM_DIR_N; d++)
    for (guint f = 0; f < MAX_FAMILIES; f++)
      g_free (t->fib[d][f]);
  for (int d = 0; d < LM_DIR_N; d++)
    {
      g_free (t->what_offered[d]);
      g_free (t->what_latency[d]);
      for (int c = 0; c < LM_LOSS_N; c++)
        g_free (t->what_loss[d][c]);
    }
  g_free (t->share);
  g_free (t->status);
  g_free (t->err);
  g_array_unref (t->segments);
  g_free (t->index);
  g_free (t->name);
  g_free (t);
}

/* ------------------------------------------------------------ latency */

/* The slot of @key in the index: its own, or the empty one where it goes. */
static SegSlot *
index_slot (SegSlot *index, guint cap, guint64 key)
{
  guint i = (guint) key & (cap - 1);
  while (index[i].index != 0 && index[i].key != key)
    i = (i + 1) & (cap - 1);
  return &index[i];
}

static void
index_grow (LmTraffic *t)
{
  guint cap = t->index_cap * 2;
  SegSlot *index = g_new0 (SegSlot, cap);
  for (guint i = 0; i < t->index_cap; i++)
    if (t->index[i].index != 0)
      *index_slot (index, cap, t->index[i].key) = t->index[i];
  g_free (t->index);
  t->index = index;
  t->index_cap = cap;
}

/* Adds @weight to the segment (fixed, rho, theta), appending it when new.
 * The index finds a segment by a 64-bit hash of its three doubles; on the
 * (never seen) collision of two different segments the newer one is appended
 * and not indexed.  Returns the index + 1 of the indexed segment that took
 * the weight, 0 otherwise. */
static guint32
add_segment (LmTraffic *t, double fixed_s, double rho, double theta, double weight)
{
  if (weight <= 0)
    return 0;
  guint64 bits[3];
  double vals[3] = { fixed_s, rho, theta };
  memcpy (bits, vals, sizeof bits);
  guint64 h = lm_rng_splitmix64 (bits[0]);
  h = lm_rng_splitmix64 (h ^ bits[1]);
  h = lm_rng_splitmix64 (h ^ bits[2]);
  SegSlot *slot = index_slot (t->index, t->index_cap, h);
  if (slot->index != 0)
    {
      Segment *s = &g_array_index (t->segments, Segment, slot->index - 1);
      if (s->fixed_s == fixed_s && s->rho == rho && s->theta == theta)
        {
          s->weight += weight;
          return slot->index;
        }
    }
  Segment s = { fixed_s, rho, theta, weight };
  g_array_append_val (t->segments, s);
  if (slot->index != 0)
    return 0;
  guint32 added = t->segments->len;
  slot->key = h;
  slot->index = added;
  if (2 * t->segments->len > t->index_cap)
    index_grow (t);
  return added;
}

/* Latency law of traffic carried at @carried_bps on one port. */
static void
path_latency (const LmTraffic *t, double carried_bps, double *fixed_s, double *rho,
              double *theta)
{
  const double port = (double) t->cfg.port_bps;
  const double pkt_bits = 8.0 * t->cfg.packet_bytes;
  *fixed_s = LM_TIME_TO_S (t->cfg.propagation) + 8.0 * t->cfg.mtu_bytes / port;
  double u = carried_bps / port;
  if (u >= 1.0)
    {
      /* Saturated: the queue is full, every packet waits the queue limit. */
      *fixed_s += LM_TIME_TO_S (t->cfg.queue_limit);
      *rho = 0;
      *theta = 0;
      return;
    }
  *rho = u;
  *theta = (port - carried_bps) / pkt_bits;   /* μ − λ, per second */
}

/* ------------------------------------------------------------ rates */

static void
split_direction (LmTraffic *t, LmFlowDir d)
{
  const guint n = t->n_paths;
  const double offered = (double) t->cfg.rate_bps[d];
  const double admitted = MIN (offered, (double) t->cfg.tier_bps);
  const double per_flow = admitted / t->cfg.flows;
  double load[64];
  guint members[64];
  for (guint p = 0; p < n; p++)
    load[p] = 0;
  memset (t->lost_bps[d], 0, sizeof t->lost_bps[d]);
  t->lost_bps[d][LM_LOSS_POLICING] = offered - admitted;
  for (guint f = 0; f < t->cfg.n_families; f++)
    {
      guint m = 0;
      for (guint p = 0; p < n; p++)
        if (t->fib[d][f][p])
          members[m++] = p;
      if (m == 0)   /* no route at all */
        t->lost_bps[d][LM_LOSS_FAILOVER] +=
          per_flow * ((t->cfg.flows - f + t->cfg.n_families - 1) / t->cfg.n_families);
      else
        {
          const guint32 *count = shares (t, f, m);
          for (guint r = 0; r < m; r++)
            load[members[r]] += per_flow * count[r];
        }
    }
  t->delivered_bps[d] = 0;
  for (guint p = 0; p < n; p++)
    {
      t->carried_bps[d][p] = 0;
      if (load[p] <= 0)
        continue;
      if (t->status[p] == LM_PATH_DEAD)
        t->lost_bps[d][LM_LOSS_FAILOVER] += load[p];
      else if (t->status[p] == LM_PATH_NO_KEY)
        t->lost_bps[d][LM_LOSS_MACSEC] += load[p];
      else
        {
          double carried = MIN (load[p], (double) t->cfg.port_bps);
          t->lost_bps[d][LM_LOSS_CONGESTION] += load[p] - carried;
          t->lost_bps[d][LM_LOSS_ERRORS] += carried * t->err[p];
          t->carried_bps[d][p] = carried;
          t->delivered_bps[d] += carried * (1.0 - t->err[p]);
        }
    }
}

/* Mean one-way latency of the traffic direction @d delivers at the current
 * rates, seconds: the delivered-bit-weighted mean of each path's
 * fixed + ρ/θ (its M/M/1 law, path_latency); NaN when nothing is delivered. */
static double
mean_latency (const LmTraffic *t, LmFlowDir d)
{
  double sum = 0, weight = 0;
  for (guint p = 0; p < t->n_paths; p++)
    {
      double w = t->carried_bps[d][p] * (1.0 - t->err[p]);
      if (w <= 0)
        continue;
      double fixed_s, rho, theta;
      path_latency (t, t->carried_bps[d][p], &fixed_s, &rho, &theta);
      sum += w * (fixed_s + (theta > 0 ? rho / theta : 0));
      weight += w;
    }
  return weight > 0 ? sum / weight : NAN;
}

static gboolean
same_value (double a, double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* The tier and port speed ("tier", "port", bit/s) when they change, and
 * each direction's mean latency ("latency.DIR", seconds, NaN when nothing is
 * delivered): in force from now on, for time series (analysis/series.h). */
static void
announce_levels (LmTraffic *t)
{
  if (t->cfg.tier_bps != t->announced_tier)
    {
      t->announced_tier = t->cfg.tier_bps;
      lm_sim_emit_sample (t->sim, t->name, "tier", (double) t->cfg.tier_bps);
    }
  if (t->cfg.port_bps != t->announced_port)
    {
      t->announced_port = t->cfg.port_bps;
      lm_sim_emit_sample (t->sim, t->name, "port", (double) t->cfg.port_bps);
    }
  for (int d = 0; d < LM_DIR_N && t->detail; d++)
    {
      double latency = mean_latency (t, (LmFlowDir) d);
      if (!same_value (latency, t->announced_latency[d]))
        {
          t->announced_latency[d] = latency;
          lm_sim_emit_sample (t->sim, t->name, t->what_latency[d], latency);
        }
    }
}

/* Emits the rates that changed: "offered.DIR" and "loss.DIR.CAUSE" samples,
 * in bit/s, in force from now on (analysis/metrics.h integrates them). */
static void
announce (LmTraffic *t)
{
  announce_levels (t);
  for (int d = 0; d < LM_DIR_N; d++)
    {
      double offered = (double) t->cfg.rate_bps[d];
      if (offered != t->announced_offered[d])
        {
          t->announced_offered[d] = offered;
          lm_sim_emit_sample (t->sim, t->name, t->what_offered[d], offered);
        }
      for (int c = 0; c < LM_LOSS_N; c++)
        if (t->lost_bps[d][c] != t->announced_loss[d][c])
          {
            t->announced_loss[d][c] = t->lost_bps[d][c];
            lm_sim_emit_sample (t->sim, t->name, t->what_loss[d][c], t->lost_bps[d][c]);
          }
    }
}

static void
recompute (LmTraffic *t)
{
  for (int d = 0; d < LM_DIR_N; d++)
    split_direction (t, (LmFlowDir) d);
  announce (t);
}

void
lm_traffic_flush (LmTraffic *t)
{
  LmTime now = lm_sim_now (t->sim);
  if (now == t->last)
    return;
  double dt = LM_TIME_TO_S (now - t->last);
  t->last = now;
  for (int d = 0; d < LM_DIR_N; d++)
    {
      t->offered[d] += (double) t->cfg.rate_bps[d] * dt;
      t->delivered[d] += t->delivered_bps[d] * dt;
      for (int c = 0; c < LM_LOSS_N; c++)
        t->lost[d][c] += t->lost_bps[d][c] * dt;
      for (guint p = 0; p < t->n_paths; p++)
        if (t->carried_bps[d][p] > 0)
          {
            const double carried = t->carried_bps[d][p];
            const double weight = carried * (1.0 - t->err[p]) * dt;
            if (t->seg_of[d][p] != 0 && t->seg_carried[d][p] == carried)
              {
                if (weight > 0)
                  g_array_index (t->segments, Segment, t->seg_of[d][p] - 1).weight += weight;
                continue;
              }
            double fixed_s, rho, theta;
            path_latency (t, carried, &fixed_s, &rho, &theta);
            guint32 k = add_segment (t, fixed_s, rho, theta, weight);
            if (k != 0)
              {
                t->seg_of[d][p] = k;
                t->seg_carried[d][p] = carried;
              }
          }
    }
}

void
lm_traffic_set_detail (LmTraffic *t, gboolean on)
{
  t->detail = on;
  if (on)
    announce_levels (t);
}

/* Every setter: integrate the old rates up to now, change, recompute. */
#define CHANGE(t, stmt) do { lm_traffic_flush (t); stmt; recompute (t); } while (0)

void
lm_traffic_set_status (LmTraffic *t, guint path, LmPathStatus status)
{
  g_return_if_fail (path < t->n_paths);
  if (t->status[path] != status)
    CHANGE (t, t->status[path] = status);
}

void
lm_traffic_set_error_ratio (LmTraffic *t, guint path, double ratio)
{
  g_return_if_fail (path < t->n_paths && ratio >= 0 && ratio <= 1);
  if (t->err[path] != ratio)
    CHANGE (t, t->err[path] = ratio);
}

/* A forwarding change moves one direction only: the other direction's
 * rates would come out the same, so only this one is split again. */
void
lm_traffic_set_fib (LmTraffic *t, LmFlowDir dir, guint family, guint path, gboolean in_fib)
{
  g_return_if_fail (dir < LM_DIR_N && family < t->cfg.n_families && path < t->n_paths);
  if (t->fib[dir][family][path] == in_fib)
    return;
  lm_traffic_flush (t);
  t->fib[dir][family][path] = in_fib;
  split_direction (t, dir);
  announce (t);
}

void
lm_traffic_set_rate (LmTraffic *t, LmFlowDir dir, guint64 rate_bps)
{
  g_return_if_fail (dir < LM_DIR_N);
  if (t->cfg.rate_bps[dir] != rate_bps)
    CHANGE (t, t->cfg.rate_bps[dir] = rate_bps);
}

void
lm_traffic_set_capacity (LmTraffic *t, guint64 tier_bps, guint64 port_bps)
{
  g_return_if_fail (tier_bps > 0 && port_bps > 0);
  if (t->cfg.tier_bps != tier_bps || t->cfg.port_bps != port_bps)
    CHANGE (t, t->cfg.tier_bps = tier_bps; t->cfg.port_bps = port_bps;
            memset (t->seg_of, 0, sizeof t->seg_of));   /* the port is in every segment */
}

/* ------------------------------------------------------------ readings */

double
lm_traffic_lost_bits (const LmTraffic *t, LmFlowDir dir, LmLossCause cause)
{
  return t->lost[dir][cause];
}

double
lm_traffic_offered_bits (const LmTraffic *t, LmFlowDir dir)
{
  return t->offered[dir];
}

double
lm_traffic_delivered_bits (const LmTraffic *t, LmFlowDir dir)
{
  return t->delivered[dir];
}

double
lm_traffic_loss_rate (const LmTraffic *t)
{
  double sum = 0;
  for (int d = 0; d < LM_DIR_N; d++)
    for (int c = 0; c < LM_LOSS_N; c++)
      sum += t->lost_bps[d][c];
  return sum;
}

gboolean
lm_traffic_congested (const LmTraffic *t)
{
  return t->lost_bps[LM_DIR_TO_CLOUD][LM_LOSS_CONGESTION] > 0
         || t->lost_bps[LM_DIR_FROM_CLOUD][LM_LOSS_CONGESTION] > 0;
}

double
lm_traffic_utilization (const LmTraffic *t, LmFlowDir dir, guint path)
{
  g_return_val_if_fail (path < t->n_paths, 0);
  return t->carried_bps[dir][path] / (double) t->cfg.port_bps;
}

/* Mixture CDF minus the target probability. */
typedef struct { const GArray *segs; double total, p; } Mix;

static double
mixture_excess (double x, void *data)
{
  const Mix *m = data;
  double acc = 0;
  for (guint i = 0; i < m->segs->len; i++)
    {
      const Segment *s = &g_array_index (m->segs, Segment, i);
      if (x < s->fixed_s)
        continue;
      double waited = s->theta > 0 ? 1.0 - exp (-s->theta * (x - s->fixed_s)) : 1.0;
      acc += s->weight * ((1.0 - s->rho) + s->rho * waited);
    }
  return acc / m->total - m->p;
}

double
lm_traffic_latency_mean (LmTraffic *t)
{
  lm_traffic_flush (t);
  double acc = 0, total = 0;
  for (guint i = 0; i < t->segments->len; i++)
    {
      const Segment *s = &g_array_index (t->segments, Segment, i);
      acc += s->weight * (s->fixed_s + (s->theta > 0 ? s->rho / s->theta : 0));
      total += s->weight;
    }
  return total > 0 ? acc / total : NAN;
}

double
lm_traffic_latency_quantile (LmTraffic *t, double p)
{
  g_return_val_if_fail (p > 0 && p < 1, NAN);
  lm_traffic_flush (t);
  Mix m = { t->segments, 0, p };
  double lo = INFINITY, hi = 0;
  for (guint i = 0; i < t->segments->len; i++)
    {
      const Segment *s = &g_array_index (t->segments, Segment, i);
      m.total += s->weight;
      lo = MIN (lo, s->fixed_s);
      /* beyond this, the segment's CDF is within 1e-12 of one */
      hi = MAX (hi, s->fixed_s + (s->theta > 0 ? 28.0 / s->theta : 0));
    }
  if (m.total <= 0)
    return NAN;
  lo = nextafter (lo, 0);   /* F(lo) < p strictly */
  if (mixture_excess (hi, &m) < 0)
    return hi;
  gsl_function fn = { mixture_excess, &m };
  gsl_root_fsolver *s = gsl_root_fsolver_alloc (gsl_root_fsolver_bisection);
  double x = hi;
  if (gsl_root_fsolver_set (s, &fn, lo, hi) == GSL_SUCCESS)
    for (int iter = 0; iter < 200; iter++)
      {
        if (gsl_root_fsolver_iterate (s) != GSL_SUCCESS)
          break;
        x = gsl_root_fsolver_root (s);
        double a = gsl_root_fsolver_x_lower (s), b = gsl_root_fsolver_x_upper (s);
        if (gsl_root_test_interval (a, b, 1e-12, 1e-9) == GSL_SUCCESS)
          {
            x = b;   /* the smallest x with F(x) >= p lies in [a, b] */
            break;
          }
      }
  gsl_root_fsolver_free (s);
  return x;
}
