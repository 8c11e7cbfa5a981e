/* sim/signal.c — names of signal kinds (dispatch lives in sim/sim.c). */
#include "sim/signal.h"

static const char *const kind_names[] = {
  [LM_SIGNAL_STATE] = "state",
  [LM_SIGNAL_COUNTER] = "counter",
  [LM_SIGNAL_SAMPLE] = "sample",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == LM_SIGNAL_N_KINDS);

const char *
lm_signal_kind_name (LmSignalKind kind)
{
  g_return_val_if_fail (kind < LM_SIGNAL_N_KINDS, "?");
  return kind_names[kind];
}
