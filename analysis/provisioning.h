/* analysis/provisioning.h — who did what, when, from order to available:
 * the provisioning steps of each interconnect, learnt from signals only.
 *
 * Signals read (LM_SIGNAL_STATE; models/console.h, partner.h, gateway.h,
 * world-provision.c):
 *   IC          "state"        the lifecycle state (the console's)
 *   IC.console  "call"         an API call: from = the operation, to = "ok"
 *                              or the exception, cause = the detail
 *   IC.portal   "call"         a portal operation (CreateProposal, ActivateKey)
 *   IC.portal   "partner"      the partner's order
 *   IC.S.rpN    "build"        one connection's build
 *   IC.gateway  "association"  the gateway association; "notice": address
 *                              conflicts and allowed-prefix gaps
 *   GATEWAY     "gateway"      the gateway itself (shared: a step of every
 *                              interconnect attached to it)
 * Each step names who acted: the customer (console calls, entering a key),
 * the console (state changes), the partner, the service (builds), the
 * gateway.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "sim/scenario.h"

G_BEGIN_DECLS

typedef struct _LmProvLog LmProvLog;

typedef struct {
  LmTime at;
  const char *actor;     /* customer, console, partner, service, gateway */
  char *component;
  char *what;            /* state, call, partner, build, association, gateway, notice */
  char *from, *to;
  char *detail;          /* the signal's cause, or NULL */
} LmProvStep;

/* Listens on @sim for the interconnects of @sc (transfer none; both must
 * outlive the log). */
LmProvLog *lm_prov_log_new (LmSim *sim, const LmScenario *sc);
void lm_prov_log_free (LmProvLog *log);

/* The steps of interconnect @ic (index in sc->interconnects), in time
 * order.  (transfer none) LmProvStep */
const GArray *lm_prov_log_steps (const LmProvLog *log, guint ic);
/* Whether @ic went through any step beyond "available from the start". */
gboolean lm_prov_log_active (const LmProvLog *log, guint ic);
/* The time of the script's first provision, accept or activate of @ic
 * (the order, from which time to available counts), or -1. */
LmTime lm_prov_ordered_at (const LmScenario *sc, guint ic);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmProvLog, lm_prov_log_free)

G_END_DECLS
