/* models/forwarder.h — one side's forwarding table for one interconnect.
 *
 * The cloud gateway (traffic from the cloud) and the partner fabric (traffic
 * to the cloud, from the customer's CPE) each pick, per address family, the
 * paths whose routes they hold with the best preference, and spread traffic
 * over them (ECMP).  A route change at a router reaches this table only after
 * a propagation delay drawn from the side's own law: the gateway's
 * propagation from a cloud router's withdraw to its forwarding change, or the
 * partner fabric's convergence.  A later change of the same route supersedes
 * one still in flight.
 *
 * Requests: lm_forwarder_set_route (path, family, preference).  Notify: a
 * callback per forwarding change (path, family, in_fib), run inside the
 * kernel event that applied it.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>
#include "sim/sim.h"

G_BEGIN_DECLS

typedef struct _LmForwarder LmForwarder;

typedef enum {
  LM_ROUTE_NONE,        /* withdrawn */
  LM_ROUTE_DRAINING,    /* graceful shutdown: present, lowest preference (RFC 8326) */
  LM_ROUTE_NORMAL,
} LmRoutePref;

/* A delay law: uniform on [lo, hi] (lo == hi: fixed). */
typedef struct {
  LmTime lo, hi;
} LmDelayLaw;

typedef void (*LmForwarderNotify) (LmForwarder *fw, guint path, guint family,
                                   gboolean in_fib, gpointer user_data);

/* @name: the side's full name ("ic1.gateway", "ic1.fabric"); its random
 * stream is keyed by it.  Every route starts NORMAL and in the FIB when
 * @all_up, else NONE and out.  (transfer full) */
LmForwarder *lm_forwarder_new (LmSim *sim, const char *name, guint n_paths, guint n_families,
                               LmDelayLaw delay, gboolean all_up,
                               LmForwarderNotify notify, gpointer user_data);
void lm_forwarder_free (LmForwarder *fw);

/* A router's route for (@path, @family) changed now; it reaches the table
 * after a drawn delay (0 when @immediate: the side itself saw it). */
void lm_forwarder_set_route (LmForwarder *fw, guint path, guint family, LmRoutePref pref,
                             gboolean immediate);
gboolean lm_forwarder_in_fib (const LmForwarder *fw, guint path, guint family);
/* The route as the table holds it now (after delays). */
LmRoutePref lm_forwarder_route (const LmForwarder *fw, guint path, guint family);
LmTime lm_forwarder_draw_delay (LmForwarder *fw);
/* A draw of @law from @rng: uniform on [lo, hi], exactly lo when fixed. */
LmTime lm_delay_law_draw (LmDelayLaw law, gsl_rng *rng);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmForwarder, lm_forwarder_free)

G_END_DECLS
