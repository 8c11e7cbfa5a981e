/* sim/signal.h — typed signals: how models say what happened.
 *
 * A model emits a signal (a state change, a counter increment, a sample) with
 * its component's full name; listeners subscribe by kind.  The kernel only
 * dispatches: it knows nothing of who listens (analysis/, a trace writer, a
 * test).  Listeners run synchronously, in the order they connected, inside
 * the event that emitted the signal; they must not schedule events (they
 * observe, they do not act).
 */
#pragma once

#include <glib.h>
#include "sim/time.h"

G_BEGIN_DECLS

typedef enum {
  LM_SIGNAL_STATE,    /* a state machine changed state */
  LM_SIGNAL_COUNTER,  /* a counter moved by delta (packets lost, resets, …) */
  LM_SIGNAL_SAMPLE,   /* a measured value (a detection time, a rate, …) */
  LM_SIGNAL_N_KINDS
} LmSignalKind;

typedef struct {
  LmSignalKind kind;
  LmTime time;              /* filled in by lm_sim_emit(): the current time */
  const char *component;    /* full name: "ic1.A.rp1.bgp.ipv4" */
  const char *what;         /* "bgp", "bfd", "lost.failover", "detect", … */
  union {
    struct {
      int from, to;         /* the model's own enum values */
      const char *from_name, *to_name;
      const char *cause;    /* the event that caused it, or NULL */
    } state;
    struct { gint64 delta; } counter;
    struct { double value; } sample;
  } u;
} LmSignal;

typedef struct _LmSim LmSim;
typedef void (*LmSignalFunc) (LmSim *sim, const LmSignal *signal, gpointer user_data);

const char *lm_signal_kind_name (LmSignalKind kind);

G_END_DECLS
