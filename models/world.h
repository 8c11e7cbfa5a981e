/* models/world.h — builds a world from a parsed scenario and runs its script.
 *
 * The one place that knows every model.  For each interconnect: S sites × M
 * router pairs, each pair a cloud router and a partner router joined by one
 * connection (LmMacsecLink) carrying one eBGP session per address family
 * (LmBgpSession), each with its BFD session (LmBfdSession); the partner
 * fabric's forwarding table (LmForwarder, traffic to the cloud) and the
 * gateway's (traffic from the cloud); the fluid traffic (LmTraffic).
 * docs/models.md draws the picture and lists every abstraction.
 *
 * An interconnect the script orders (provision, accept, activate) starts
 * absent and is provisioned in the run through the console, the partner and
 * the gateway models (world-provision.c, docs/models.md §7).
 *
 * The world emits the signals analysis/metrics.h lists: per interconnect its
 * lifecycle "state" (through the console model) and the availability conditions (traffic level and
 * component level), per failure "failure" open/close, "detect" samples when a
 * surviving component notices, "fib.DIR" samples per forwarding change; the
 * models emit their own state changes.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "sim/scenario.h"
#include "models/traffic.h"
#include "models/bgp.h"
#include "models/bfd.h"
#include "models/macsec.h"

G_BEGIN_DECLS

typedef struct _LmWorld LmWorld;

#define LM_WORLD_ERROR (lm_world_error_quark ())
GQuark lm_world_error_quark (void);

typedef enum {
  LM_WORLD_ERROR_UNSUPPORTED,   /* a statement the models cannot play yet */
  LM_WORLD_ERROR_MODEL,         /* a model refused its configuration */
  LM_WORLD_ERROR_INJECT,        /* a live action the running world cannot take */
} LmWorldError;

/* Builds every model for @sc (transfer none; must outlive the world) on
 * @sim.  NULL with @error when a model refuses its settings (the message
 * names the scenario line). */
LmWorld *lm_world_new (LmSim *sim, const LmScenario *sc, GError **error);
void lm_world_free (LmWorld *w);

/* Schedules the script (failures, repairs, actions) and announces the
 * initial state.  Call once, at time 0, after the listeners connected. */
void lm_world_start (LmWorld *w);
/* Brings integrals up to now; call at the end of the run. */
void lm_world_finish (LmWorld *w);

guint lm_world_n_interconnects (const LmWorld *w);
/* (transfer none) */
LmTraffic *lm_world_traffic (const LmWorld *w, guint ic);
/* Router pairs (connections) of an interconnect. */
guint lm_world_n_paths (const LmWorld *w, guint ic);
/* A one-paragraph description of the topology.  (transfer full) */
char *lm_world_describe (const LmWorld *w, guint ic);

/* One component of a connection and its state now, named as its signals
 * name it: for a listener that joins before lm_world_start() and needs the
 * state of what has not changed yet (analysis/series.h).  Strings are valid
 * during the callback only. */
typedef struct {
  const char *component;    /* "ic1.A.rp1.bgp.ipv4.cloud", or "ic1.A.rp1" for build */
  const char *connection;   /* "ic1.A.rp1" */
  const char *kind;         /* the signal's what: "build", "macsec", "bfd" or "bgp" */
  const char *state;        /* "built" | "none"; "secured"; "Up"; "Established"; … */
} LmWorldComponent;

typedef void (*LmWorldComponentFunc) (const LmWorldComponent *c, gpointer user_data);

/* Calls @func for each connection of interconnect @ic in order: its build
 * state, its two MACsec ends, then per family its BFD ends (unless `bfd off`)
 * and its BGP ends. */
/* Detail for time series, off by default (replications do not pay for
 * it): a sample "usable" (component = the interconnect) with the number of
 * usable connections (DESIGN §7) whenever it changes, and the traffic
 * model's latency samples (models/traffic.h).  Turning it on announces the
 * current values. */
void lm_world_set_detail (LmWorld *w, gboolean on);

void lm_world_foreach_component (const LmWorld *w, guint ic, LmWorldComponentFunc func,
                                 gpointer user_data);
/* Live mode (cli/live.c): applies @action, from lm_scenario_parse_action(),
 * now: its times are taken as relative to now (a `maintain … for 10m` ends
 * 10 minutes from now).  fail, flap, maintain, repair, degrade, macsec and
 * update are played; a repair closes the scripted or injected failures open
 * on its targets (random ones belong to their process).  On success the
 * world takes @action (transfer full); on failure (a repair with nothing
 * open, a failure name already used, an ordering verb) it is left to the
 * caller and @error says why, located as `inject:1:COL: error: …`. */
gboolean lm_world_inject (LmWorld *w, LmScAction *action, GError **error);
/* The failures injected so far (LmScFailure*, in injection order; their
 * action's file is "inject"), for the report.  (transfer none) */
const GPtrArray *lm_world_injected_failures (const LmWorld *w);

/* What one connection (router pair) is doing now, read from its models. */
typedef struct {
  const char *name;                  /* ic1.A.rp1 (transfer none) */
  guint site, pair;                  /* 0 = A, 0 = rp1 */
  gboolean link_up;                  /* carrier and frames pass (no silent failure) */
  gboolean usable;                   /* DESIGN §7: link, MACsec and every family's routes */
  LmMacsecState macsec[LM_MACSEC_N_ENDS];
  guint n_families;
  LmBgpFamily family[2];
  LmBgpState bgp[2][LM_BGP_N_ENDS];
  gboolean has_bfd;
  LmBfdState bfd[2][LM_BFD_N_ENDS];
} LmWorldPathView;

void lm_world_path_view (const LmWorld *w, guint ic, guint path, LmWorldPathView *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmWorld, lm_world_free)

G_END_DECLS
