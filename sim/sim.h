/* sim/sim.h — LmSim: one whole simulation.
 *
 * The kernel is three pieces, as in ns-3: the pending-event set (sim/queue.h),
 * the loop (now, run, stop), and event and timer handles.  There is no global
 * state: everything a simulation needs lives in one LmSim, so replications
 * run side by side in threads.
 *
 * Events: lm_sim_schedule() runs a callback after a delay (>= 0, asserted).
 * Equal times run in the order scheduled.  A one-shot event is named by an
 * LmEventId; cancelling one that already ran (or was cancelled) is a no-op.
 *
 * Timers: an LmTimer owns a permanent slot in the queue, so start/restart/stop
 * are one O(log n) sift and never allocate: a hold timer restarted a million
 * times costs no memory.  A timer is disarmed before its handler runs, so a
 * handler may restart or stop its own timer, or free it.
 *
 * Causality is asserted: a popped event is never earlier than now.
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>
#include "sim/time.h"
#include "sim/signal.h"

G_BEGIN_DECLS

typedef struct _LmSim LmSim;
typedef struct _LmTimer LmTimer;

typedef void (*LmEventFunc) (LmSim *sim, gpointer data);

/* 0 is never a valid id. */
typedef guint64 LmEventId;
#define LM_EVENT_NONE ((LmEventId) 0)

LmSim *lm_sim_new (guint64 seed, guint64 replication);
/* Pending one-shot events are discarded (their destroy notifies run).  Every
 * LmTimer of this sim must have been freed first. */
void lm_sim_free (LmSim *sim);

LmTime lm_sim_now (const LmSim *sim);
guint64 lm_sim_seed (const LmSim *sim);
guint64 lm_sim_replication (const LmSim *sim);
/* Events run so far (one-shots and timer expiries). */
guint64 lm_sim_events_run (const LmSim *sim);
/* Events pending (one-shots plus armed timers). */
guint lm_sim_pending (const LmSim *sim);
/* Bytes the kernel holds for its event slots and queue (not the LmSim
 * struct itself): flat when timers are restarted in place. */
gsize lm_sim_footprint (const LmSim *sim);

/* Schedules @func (@sim, @data) at now + @delay.  When @destroy is given it
 * is called on @data after the event ran, or when it is cancelled or
 * discarded. */
LmEventId lm_sim_schedule (LmSim *sim, LmTime delay, LmEventFunc func, gpointer data);
LmEventId lm_sim_schedule_full (LmSim *sim, LmTime delay, LmEventFunc func,
                                gpointer data, GDestroyNotify destroy);
/* Same, at an absolute time >= now. */
LmEventId lm_sim_schedule_at (LmSim *sim, LmTime when, LmEventFunc func,
                              gpointer data, GDestroyNotify destroy);
/* Cancels a pending one-shot; TRUE when it was pending.  Safe on ids that
 * already ran or were cancelled, and on LM_EVENT_NONE. */
gboolean lm_sim_cancel (LmSim *sim, LmEventId id);

/* Runs events until the queue is empty or lm_sim_stop() is called.
 * Returns the number of events run by this call. */
guint64 lm_sim_run (LmSim *sim);
/* Runs every event with time <= @end; then, unless stopped, now = @end. */
guint64 lm_sim_run_until (LmSim *sim, LmTime end);
/* Runs the next event, if any; FALSE when the queue is empty. */
gboolean lm_sim_step (LmSim *sim);
/* Time of the next pending event; FALSE when none. */
gboolean lm_sim_next_time (const LmSim *sim, LmTime *when);
/* Makes the current run() / run_until() return after the running event. */
void lm_sim_stop (LmSim *sim);

/* Timers */
LmTimer *lm_timer_new (LmSim *sim, LmEventFunc func, gpointer data);
void lm_timer_free (LmTimer *timer);                 /* stops it; NULL ok */
void lm_timer_start (LmTimer *timer, LmTime delay);  /* arm or re-arm */
void lm_timer_start_at (LmTimer *timer, LmTime when);
void lm_timer_stop (LmTimer *timer);                 /* no-op when idle */
gboolean lm_timer_is_armed (const LmTimer *timer);
/* Expiry time; only meaningful when armed. */
LmTime lm_timer_expires (const LmTimer *timer);
LmSim *lm_timer_sim (const LmTimer *timer);

/* Random streams: a new generator for the component @name, keyed by
 * (seed, replication, name) — see sim/rng.h.  (transfer full) */
gsl_rng *lm_sim_rng_new (const LmSim *sim, const char *name);

/* Signals.  Listeners of a kind run in the order they connected. */
guint lm_sim_connect (LmSim *sim, LmSignalKind kind, LmSignalFunc func, gpointer user_data);
void lm_sim_disconnect (LmSim *sim, guint handler_id);
/* Stamps signal->time with now and calls every listener of signal->kind. */
void lm_sim_emit (LmSim *sim, LmSignal *signal);
/* Convenience emitters. */
void lm_sim_emit_state (LmSim *sim, const char *component, const char *what,
                        int from, const char *from_name, int to, const char *to_name,
                        const char *cause);
void lm_sim_emit_counter (LmSim *sim, const char *component, const char *what, gint64 delta);
void lm_sim_emit_sample (LmSim *sim, const char *component, const char *what, double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmSim, lm_sim_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmTimer, lm_timer_free)

G_END_DECLS
