/* analysis/trace.h — the deterministic trace: one JSON line per state change.
 *
 * `lmsim --trace FILE` writes, for every LM_SIGNAL_STATE, one line
 *   {"t_ns":1800000000000,"t":"30m","component":"ic1.A.rp1.bgp.ipv4.cloud",
 *    "what":"bgp","from":"established","to":"idle","cause":"bfd-down"}
 * in the order the signals were emitted.  Same scenario and seed → the same
 * bytes, so traces serve as golden files (tests/golden/).
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"

G_BEGIN_DECLS

typedef struct _LmTrace LmTrace;

/* Starts recording @sim's state signals into memory. */
LmTrace *lm_trace_new (LmSim *sim);
void lm_trace_free (LmTrace *trace);
/* The lines so far, each ending in '\n'.  (transfer none) */
const char *lm_trace_text (const LmTrace *trace);
guint lm_trace_lines (const LmTrace *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmTrace, lm_trace_free)

G_END_DECLS
