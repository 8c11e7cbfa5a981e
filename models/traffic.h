/* models/traffic.h — the fluid traffic model of one interconnect.
 *
 * Traffic is a fluid, not packets: between two state changes every rate is
 * constant, so lost and delivered volumes are exact integrals computed at
 * each change (no per-packet events).  The world tells the model, per path
 * (one connection of the S × M), whether the path can carry traffic and
 * why not, and, per direction and address family, whether the sender's
 * forwarding table holds the path.  The model splits the offered load over
 * the paths in the forwarding table by flow hash (ECMP), and books every lost
 * bit to one cause:
 *
 *   policing    offered load above the ordered tier, dropped at the edge
 *   failover    flows hashed onto a path that is in a forwarding table but
 *               cannot carry (dead link, crashed router) — or no route at all
 *   macsec      the link is up but must-encrypt has no key
 *   congestion  a path's share above its port capacity
 *   errors      a degraded link's loss ratio
 *
 * Latency of delivered traffic = propagation + serialization of one MTU
 * frame + M/M/1 queueing wait; percentiles are weighted by delivered bits
 * (docs/models.md, "traffic").
 *
 * Signals (samples, component = the interconnect, each in force from now
 * on): "offered.DIR" and "loss.DIR.CAUSE" (bit/s), "tier" and "port" (bit/s)
 * and, after lm_traffic_set_detail(), "latency.DIR" (mean one-way latency
 * of what is delivered at the current rates, seconds; NaN when nothing is),
 * each when it changes.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"

G_BEGIN_DECLS

typedef enum {
  LM_DIR_TO_CLOUD,
  LM_DIR_FROM_CLOUD,
  LM_DIR_N
} LmFlowDir;

typedef enum {
  LM_LOSS_FAILOVER,
  LM_LOSS_CONGESTION,
  LM_LOSS_POLICING,
  LM_LOSS_MACSEC,
  LM_LOSS_ERRORS,
  LM_LOSS_N
} LmLossCause;

/* Why a path cannot carry, or LM_PATH_OK. */
typedef enum {
  LM_PATH_OK,
  LM_PATH_DEAD,        /* link down, router crashed, first mile down: failover loss */
  LM_PATH_NO_KEY,      /* must-encrypt without a SAK: macsec loss */
} LmPathStatus;

typedef struct {
  guint64 rate_bps[LM_DIR_N];   /* offered load per direction */
  guint flows;                  /* flows hashed by ECMP (>= 1) */
  guint packet_bytes;           /* mean packet size (for packet counts, queueing) */
  guint mtu_bytes;              /* serialization of one frame (8500) */
  guint64 tier_bps;             /* ordered capacity, policed at the edge */
  guint64 port_bps;             /* each connection's port speed */
  LmTime propagation;           /* one-way, metro to region */
  LmTime queue_limit;           /* queueing wait of a saturated port */
  guint n_families;             /* offered load is split evenly over families */
} LmTrafficConfig;

typedef struct _LmTraffic LmTraffic;

const char *lm_loss_cause_name (LmLossCause cause);
const char *lm_flow_dir_name (LmFlowDir dir);

/* @name is the interconnect's name (signals carry it).  All paths start OK
 * and in every forwarding table. */
LmTraffic *lm_traffic_new (LmSim *sim, const char *name, const LmTrafficConfig *cfg,
                           guint n_paths);
void lm_traffic_free (LmTraffic *t);

/* The flows' split over ECMP paths (how many flows of each family hash to
 * each residue, for every small path count) depends only on the name, the
 * flows, the families and the paths: it is counted once and shared by
 * every replication of a Monte Carlo run (models/world.c keeps it with
 * lm_scenario_memo).  lm_traffic_new_shared() copies it (@counted may be
 * NULL: the model counts for itself). */
typedef struct _LmTrafficShares LmTrafficShares;
LmTrafficShares *lm_traffic_shares_new (const char *name, const LmTrafficConfig *cfg,
                                        guint n_paths);
void lm_traffic_shares_free (LmTrafficShares *s);
LmTraffic *lm_traffic_new_shared (LmSim *sim, const char *name, const LmTrafficConfig *cfg,
                                  guint n_paths, const LmTrafficShares *counted);

void lm_traffic_set_status (LmTraffic *t, guint path, LmPathStatus status);
void lm_traffic_set_error_ratio (LmTraffic *t, guint path, double ratio);
void lm_traffic_set_fib (LmTraffic *t, LmFlowDir dir, guint family, guint path,
                         gboolean in_fib);
void lm_traffic_set_rate (LmTraffic *t, LmFlowDir dir, guint64 rate_bps);
/* The ordered tier and each port's speed change (a bandwidth update). */
void lm_traffic_set_capacity (LmTraffic *t, guint64 tier_bps, guint64 port_bps);

/* Also announce "latency.DIR" (off by default: only time series need it,
 * and replications should not pay for it); turning it on announces the
 * current values. */
void lm_traffic_set_detail (LmTraffic *t, gboolean on);

/* Brings the integrals up to now (call before reading). */
void lm_traffic_flush (LmTraffic *t);

double lm_traffic_lost_bits (const LmTraffic *t, LmFlowDir dir, LmLossCause cause);
double lm_traffic_offered_bits (const LmTraffic *t, LmFlowDir dir);
double lm_traffic_delivered_bits (const LmTraffic *t, LmFlowDir dir);
/* Current loss rate (all causes, both directions), bits per second. */
double lm_traffic_loss_rate (const LmTraffic *t);
/* Whether, right now, some direction loses traffic to congestion. */
gboolean lm_traffic_congested (const LmTraffic *t);
/* Current delivered share of a path's port, direction @dir. */
double lm_traffic_utilization (const LmTraffic *t, LmFlowDir dir, guint path);

/* Bit-weighted latency quantile of all delivered traffic so far, in seconds;
 * NaN when nothing was delivered.  @p in (0, 1). */
double lm_traffic_latency_quantile (LmTraffic *t, double p);
/* Bit-weighted mean latency of all delivered traffic so far, seconds (NaN:
 * nothing delivered). */
double lm_traffic_latency_mean (LmTraffic *t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmTraffic, lm_traffic_free)

G_END_DECLS
