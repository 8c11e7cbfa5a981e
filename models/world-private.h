/* models/world-private.h — the world's structs, shared by world.c (building,
 * glue) and world-script.c (failures and actions).  Nothing else includes
 * this. */
#pragma once

#include <gsl/gsl_rng.h>
#include "models/world.h"
#include "models/bfd.h"
#include "models/bgp.h"
#include "models/macsec.h"
#include "models/forwarder.h"
#include "models/traffic.h"

#define MAX_FAMILIES 2
#define N_ENDS 2          /* LM_BGP_END_CLOUD, LM_BGP_END_PARTNER */

typedef struct _Ic Ic;

typedef enum { PATH_UP, PATH_SILENT, PATH_CARRIER } PathState;

typedef struct {
  Ic *ic;
  guint index, site, pair;
  char *name;                       /* ic1.A.rp1 */
  char *router_name[N_ENDS];        /* ic1.A.rp1.cloud, ic1.A.rp1.partner */
  LmMacsecLink *macsec;
  LmBfdSession *bfd[MAX_FAMILIES];  /* NULL with bfd off */
  LmBgpSession *bgp[MAX_FAMILIES];
  guint watch[MAX_FAMILIES][N_ENDS];
  /* open failures, by what they hold down */
  guint router_down[N_ENDS];        /* crashed (or drained, then down) */
  guint link_silent, link_carrier;
  guint bgp_down[MAX_FAMILIES];
  guint covering;                   /* every open failure covering this pair */
  /* what the models were last told */
  PathState path;
  gboolean macsec_silent, macsec_carrier;
  /* what the models told us */
  LmMacsecCarry carry;
  gboolean routes[MAX_FAMILIES][N_ENDS];
  double error_ratio;
  LmEventId detect_ev[N_ENDS];      /* backbone / fabric detection in flight */
  gboolean built;                   /* provisioned (world-provision.c); else no carrier */
  /* open failures of its site and of the pair itself, whatever opened them
   * (failure clocks, world-random.c) */
  guint site_failed, pair_failed;
} Pair;

struct _Ic {
  LmWorld *w;
  guint index;
  const LmScInterconnect *decl;
  char *name;
  char *gateway_name, *fabric_name, *backbone_name;
  guint sites, pairs_per_site, n_paths, n_families;
  LmBgpFamily family[MAX_FAMILIES];
  Pair *pairs;
  LmTraffic *traffic;
  LmForwarder *gateway;             /* from-cloud */
  LmForwarder *fabric;              /* to-cloud */
  gsl_rng *detect_rng;              /* backbone and fabric detection draws */
  guint shared_down;                /* first mile, partner fabric, gateway */
  gboolean flags_known;
  gboolean flag[7];                 /* LmAvailKind order (analysis/metrics.h) */
  guint usable;                     /* usable connections last announced ("usable") */
  gboolean ordered;                 /* ordered in the run: starts absent (world-provision.c) */
  struct _Prov *prov;               /* its connection, order, association (world-provision.c) */
};

/* The world's timing assumptions (docs/models.md, "world"). */
typedef struct {
  LmDelayLaw gateway_propagation;   /* cloud router route change → gateway FIB */
  LmDelayLaw fabric_convergence;    /* partner router route change → CPE FIB */
  LmDelayLaw backbone_detect;       /* crashed cloud router → backbone notices */
  LmDelayLaw fabric_detect;         /* crashed partner router → fabric notices */
  LmTime bgp_drain;                 /* the BGP model's graceful-shutdown wait */
  LmTime drain_margin;              /* graceful: after the BGP drain, then down */
  LmTime queue_limit;               /* saturated port's queueing wait */
  double fibre_s_per_km;            /* propagation in fibre */
} WorldTiming;

struct _LmWorld {
  LmSim *sim;
  const LmScenario *sc;
  WorldTiming timing;
  GPtrArray *ics;                   /* Ic* */
  GPtrArray *failures;              /* FailRt*: scripted (sc->failures order), then random */
  GPtrArray *random;                /* RandomProc* (world-random.c) */
  GPtrArray *random_failures;       /* LmScFailure* made by random processes (owned) */
  guint next_random;                /* r1, r2, …: random failure ids in order of occurrence */
  gboolean detail;                  /* lm_world_set_detail: "usable" and latency samples */
  struct _ProvWorld *provw;         /* console, partners, gateways (world-provision.c) */
  GPtrArray *live_actions;          /* LmScAction*, injected in live mode (owned) */
  GPtrArray *live_failures;         /* LmScFailure*, theirs, in injection order (not owned) */
};

typedef struct {
  LmWorld *w;
  const LmScFailure *f;
  LmEventId phase2;                 /* graceful: the down after the drain */
  gboolean phase2_done;
  gboolean open;
} FailRt;

/* world.c */
void lm_world_pair_sync (Pair *p);
void lm_world_router_down (Pair *p, int end, int delta);
void lm_world_update (Ic *ic);
void lm_world_emit_detect (LmWorld *w, const char *component, int side);

/* world-provision.c: the console, partners and gateways, and each
 * interconnect's path from order to available (docs/models.md
 * "Provisioning"). */
void lm_world_prov_new (LmWorld *w);
void lm_world_prov_free (LmWorld *w);
/* At the start: existing gateways are announced; then, per interconnect,
 * one available from the start is adopted by the console (its "state"
 * none → available). */
void lm_world_prov_start (LmWorld *w);
void lm_world_prov_start_ic (Ic *ic);
/* After the availability flags: drives the lifecycle state from whether
 * traffic can flow (@reachable). */
void lm_world_prov_update (Ic *ic, gboolean reachable);
/* Schedules a provision, accept, activate, update or delete action. */
void lm_world_prov_schedule (LmWorld *w, const LmScAction *a);

/* world-script.c */
gboolean lm_world_check_script (const LmScenario *sc, GError **error);
void lm_world_schedule_script (LmWorld *w);
void lm_world_apply_failure (FailRt *rt, int delta);
void lm_world_free_live (LmWorld *w);

/* world-random.c */
void lm_world_schedule_random (LmWorld *w);
void lm_world_free_random (LmWorld *w);
/* A failure of @target opened (+1) or closed (-1): with `clocks suspend`,
 * the failure clocks of the components under it stop or resume. */
void lm_world_random_parent (LmWorld *w, const LmScTarget *target, int delta);
