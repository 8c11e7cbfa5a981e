/* analysis/series.h — a run's time series: step functions over virtual time.
 *
 * An LmSeries listens to a simulation's signals and records, per
 * interconnect, a point each time one of its figures changes (never per
 * packet: a simulated year costs a few points per failure):
 *
 *  SAMPLE  IC "offered.DIR", "loss.DIR.CAUSE"  bit/s (models/traffic.h)
 *  SAMPLE  IC "latency.DIR"                    mean one-way latency, s
 *  SAMPLE  IC "tier", "port"                   ordered tier, port speed, bit/s
 *  SAMPLE  IC "usable"                         usable connections (models/world.h)
 *  STATE   IC "reachability" | "half_capacity" | "full_capacity"  (0/1)
 *
 * and, per connection, the state of each component as intervals:
 *
 *  kind "macsec"  each MACsec end (ic1.A.rp1.link.cloud), as its signals say
 *  kind "bfd"     each BFD end (ic1.A.rp1.bgp.ipv4.bfd.cloud)
 *  kind "bgp"     each BGP end (ic1.A.rp1.bgp.ipv4.cloud)
 *  kind "link"    the connection itself (ic1.A.rp1), inferred from the
 *                 "build" states and the open failures whose target covers
 *                 it: "up", "not-built", "site-failed", "router-failed"
 *                 (a router or the router pair, maintenance included),
 *                 "link-failed" or "shared-failed" (partner fabric, first
 *                 mile, gateway); the first that applies, in that order.
 *
 * Make the series before the world (so it hears what the models announce
 * while they are built), then lm_series_attach() it to the world: the
 * components' states are read from there (lm_world_foreach_component), so
 * a session that never moved still has its one interval.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "models/world.h"

G_BEGIN_DECLS

typedef struct _LmSeries LmSeries;

#define LM_SERIES_N_DIRS 2     /* to-cloud, from-cloud (models/traffic.h order) */
#define LM_SERIES_N_CAUSES 5   /* failover, congestion, policing, macsec, errors */

/* Everything in force from @at until the next point. */
typedef struct {
  LmTime at;
  double offered_bps[LM_SERIES_N_DIRS];
  double loss_bps[LM_SERIES_N_DIRS][LM_SERIES_N_CAUSES];
  double latency_s[LM_SERIES_N_DIRS];   /* NaN: nothing delivered */
  double tier_bps;                      /* NaN: not known yet */
  double port_bps;                      /* each connection's port; NaN: not known yet */
  int usable;                           /* usable connections; -1: not known yet */
  double capacity_bps;                  /* usable × port speed; NaN: not known */
  int reachability, half_capacity, full_capacity;   /* 1 up, 0 down, -1 not known */
} LmSeriesPoint;

typedef struct {
  const char *component;   /* "ic1.A.rp1.bgp.ipv4.cloud", "ic1.A.rp1" (link) */
  const char *connection;  /* "ic1.A.rp1" */
  const char *kind;        /* "link", "macsec", "bfd", "bgp" */
  const char *state;       /* as the model names it: "Established", "secured", "up", … */
  LmTime from, to;         /* [from, to), to <= the end of the run */
  guint track;             /* its row: the component's index in lm_series_component() */
} LmSeriesInterval;

LmSeries *lm_series_new (LmSim *sim, const LmScenario *sc);
/* Reads the connections' components and their states from @world, built
 * on the same sim, and turns on the world's detail signals (latency, usable
 * connections: lm_world_set_detail); call once, before lm_world_start(). */
void lm_series_attach (LmSeries *s, LmWorld *world);
void lm_series_free (LmSeries *s);
/* Closes the open intervals at now (the end of the run). */
void lm_series_finish (LmSeries *s);

guint lm_series_n_interconnects (const LmSeries *s);
const char *lm_series_interconnect (const LmSeries *s, guint ic);
/* LmSeriesPoint in time order, one per distinct time.  (transfer none) */
const GArray *lm_series_points (const LmSeries *s, guint ic);
/* The point in force at @t; NULL before the first. */
const LmSeriesPoint *lm_series_at (const LmSeries *s, guint ic, LmTime t);

/* Rows (components) in connection order: link, MACsec ends, BFD and BGP
 * ends per family.  (transfer none) */
guint lm_series_n_components (const LmSeries *s);
const char *lm_series_component (const LmSeries *s, guint track, const char **kind,
                                 const char **connection);
/* LmSeriesInterval, by row then time; complete after lm_series_finish().
 * (transfer none) */
const GArray *lm_series_intervals (const LmSeries *s);
/* The state of @component at @t, NULL when unknown. */
const char *lm_series_state_at (const LmSeries *s, const char *component, LmTime t);

/* The target of failure @id (the failure signal's cause), NULL if unseen. */
const char *lm_series_failure_target (const LmSeries *s, const char *id);
/* The failure class a target's name has the shape of (IC.SITE.rpN.PART,
 * sim/scenario-expand.c); LM_SC_CLASS_NONE when none. */
LmScClass lm_series_target_class (const char *target);
/* The end of the run (after lm_series_finish()), else now. */
LmTime lm_series_end (const LmSeries *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmSeries, lm_series_free)

G_END_DECLS
