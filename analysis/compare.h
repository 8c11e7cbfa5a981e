/* analysis/compare.h — design comparison: the same scenario under several
 * designs (a --sweep's cartesian product), each run as replications, shown
 * as one table ranked best first, and as JSON and CSV.
 *
 * Ranking, per interconnect: higher reachability first — and where the
 * replications saw the same (typically none lost), the smaller exact
 * component unavailability when the exact model applies (analysis/ctmc.h)
 * — then higher capacity, half-capacity and full-capacity availability,
 * then the smaller p95 of per-failure convergence, then the order the
 * designs were given.  Means
 * rank; whether two designs differ beyond noise is for their intervals to
 * say, and the table shows them. */
#pragma once

#include <glib.h>
#include "analysis/replicate.h"

G_BEGIN_DECLS

typedef struct _LmComparison LmComparison;

LmComparison *lm_comparison_new (void);
void lm_comparison_free (LmComparison *c);

/* One design: its label ("sites=1 pairs-per-site=2"), its assignments
 * (PATH=VALUE, as given) and its replications (all transfer full; @sc must
 * be the scenario @rep ran). */
void lm_comparison_add (LmComparison *c, const char *label, GStrv set, LmScenario *sc,
                        LmReplication *rep);
guint lm_comparison_n (const LmComparison *c);
/* Design indices best first, for interconnect @ic (every design has the
 * same interconnects).  (transfer full) */
guint *lm_comparison_ranking (const LmComparison *c, guint ic);
const LmReplication *lm_comparison_replication (const LmComparison *c, guint design);
const char *lm_comparison_label (const LmComparison *c, guint design);

char *lm_comparison_text (LmComparison *c);
char *lm_comparison_json (LmComparison *c, const char *file_sha256);
char *lm_comparison_csv (LmComparison *c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmComparison, lm_comparison_free)

G_END_DECLS
