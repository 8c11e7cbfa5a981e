/* sim/sim.c — LmSim: the loop, one-shot events, timers, signals.
 *
 * Every pending thing — a one-shot event or an armed timer — is a slot in
 * one array (nodes[]) and the same id in the pending-event set (sim/queue.c).
 * One-shot slots are recycled through a free list; an LmEventId is the slot
 * plus a generation counter, so a stale id (already run or cancelled) is
 * recognised and ignored.  A timer keeps its slot for its whole life, which
 * is what makes restart one sift with no allocation.
 *
 * The loop pops the earliest (time, seq), asserts causality (never earlier
 * than now), advances now, and calls the handler.  A timer is disarmed before
 * its handler runs, so the handler may restart, stop or free it.
 */
#include "sim/sim.h"

#include "sim/queue.h"
#include "sim/rng.h"

typedef enum {
  NODE_FREE = 0,
  NODE_EVENT,
  NODE_TIMER,
} NodeKind;

/* 32 bytes: two slots per cache line. */
typedef struct {
  LmEventFunc func;
  gpointer data;
  GDestroyNotify destroy;   /* one-shots only */
  guint32 gen;              /* bumped each time a one-shot slot is released */
  guint32 kind;             /* NodeKind */
} Node;

G_STATIC_ASSERT (sizeof (Node) == 32);

struct _LmTimer {
  LmSim *sim;
  guint32 slot;
  LmTimer *next_free;       /* in the sim's free list, while not in use */
};

/* Timers come from blocks the sim owns (a world makes a hundred or so per
 * replication: one malloc per block, not per timer; bench/README.md).  A
 * block stays under glibc's 1 KiB large-request size.  Under AddressSanitizer
 * each timer is its own allocation again, so a use after lm_timer_free() is
 * still caught. */
#if defined(__SANITIZE_ADDRESS__)
#define TIMER_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TIMER_POOL 0
#endif
#endif
#ifndef TIMER_POOL
#define TIMER_POOL 1
#endif
#define TIMERS_PER_BLOCK 30
typedef struct _TimerBlock TimerBlock;
struct _TimerBlock {
  TimerBlock *next;
  LmTimer timers[TIMERS_PER_BLOCK];
};

typedef struct {
  guint id;
  LmSignalFunc func;
  gpointer user_data;
} Listener;

struct _LmSim {
  LmQueue *queue;
  Node *nodes;
  guint32 n_nodes, cap_nodes;
  guint32 *free_slots;      /* released slots, cap_nodes long: the last one is reused first */
  guint32 n_free;
  LmTime now;
  guint64 seed, replication;
  guint64 events_run;
  gboolean stopped;
  guint live_timers;
  GArray *listeners[LM_SIGNAL_N_KINDS];   /* Listener, in connect order */
  guint next_listener_id;
  TimerBlock *timer_blocks;
  LmTimer *free_timers;
};

LmSim *
lm_sim_new (guint64 seed, guint64 replication)
{
  lm_rng_init_gsl ();
  LmSim *sim = g_new0 (LmSim, 1);
  sim->queue = lm_queue_new ();
  sim->seed = seed;
  sim->replication = replication;
  for (int k = 0; k < LM_SIGNAL_N_KINDS; k++)
    sim->listeners[k] = g_array_new (FALSE, FALSE, sizeof (Listener));
  sim->next_listener_id = 1;
  return sim;
}

void
lm_sim_free (LmSim *sim)
{
  if (sim == NULL)
    return;
  if (sim->live_timers != 0)
    g_critical ("lm_sim_free: %u timer(s) still alive; free them first", sim->live_timers);
  for (guint32 i = 0; i < sim->n_nodes; i++)
    if (sim->nodes[i].kind == NODE_EVENT && sim->nodes[i].destroy != NULL)
      sim->nodes[i].destroy (sim->nodes[i].data);
  lm_queue_free (sim->queue);
  g_free (sim->nodes);
  g_free (sim->free_slots);
  for (int k = 0; k < LM_SIGNAL_N_KINDS; k++)
    g_array_unref (sim->listeners[k]);
  while (sim->live_timers == 0 && sim->timer_blocks != NULL)   /* live ones: leaked, as before */
    {
      TimerBlock *b = sim->timer_blocks;
      sim->timer_blocks = b->next;
      g_free (b);
    }
  g_free (sim);
}

LmTime
lm_sim_now (const LmSim *sim)
{
  return sim->now;
}

guint64
lm_sim_seed (const LmSim *sim)
{
  return sim->seed;
}

guint64
lm_sim_replication (const LmSim *sim)
{
  return sim->replication;
}

guint64
lm_sim_events_run (const LmSim *sim)
{
  return sim->events_run;
}

guint
lm_sim_pending (const LmSim *sim)
{
  return lm_queue_size (sim->queue);
}

gsize
lm_sim_footprint (const LmSim *sim)
{
  return (gsize) sim->cap_nodes * (sizeof (Node) + sizeof (guint32))
         + lm_queue_footprint (sim->queue);
}

/* ------------------------------------------------------------ slots */

static guint32
slot_alloc (LmSim *sim, NodeKind kind)
{
  guint32 slot;
  if (G_LIKELY (sim->n_free > 0))
    slot = sim->free_slots[--sim->n_free];
  else
    {
      if (sim->n_nodes == sim->cap_nodes)
        {
          guint32 cap = sim->cap_nodes ? sim->cap_nodes * 2 : 64;
          if (cap > lm_queue_max_id (sim->queue))
            g_error ("lm_sim: more than %u pending events and timers",
                     lm_queue_max_id (sim->queue));
          sim->nodes = g_renew (Node, sim->nodes, cap);
          sim->cap_nodes = cap;
          /* every slot may be free at once: the stack grows with the slots,
           * so releasing never allocates */
          sim->free_slots = g_renew (guint32, sim->free_slots, cap);
        }
      slot = sim->n_nodes++;
      sim->nodes[slot].gen = 1;
    }
  sim->nodes[slot].kind = kind;
  return slot;
}

static void
slot_release (LmSim *sim, guint32 slot)
{
  Node *n = &sim->nodes[slot];
  n->kind = NODE_FREE;
  n->func = NULL;
  n->data = NULL;
  n->destroy = NULL;
  n->gen++;
  if (n->gen == 0)
    n->gen = 1;   /* keep ids nonzero */
  sim->free_slots[sim->n_free++] = slot;
}

static inline LmEventId
make_id (guint32 slot, guint32 gen)
{
  return ((LmEventId) gen << 32) | slot;
}

/* ------------------------------------------------------------ one-shots */

LmEventId
lm_sim_schedule_at (LmSim *sim, LmTime when, LmEventFunc func, gpointer data,
                    GDestroyNotify destroy)
{
  g_return_val_if_fail (func != NULL, LM_EVENT_NONE);
  g_assert (when >= sim->now);   /* causality: never schedule into the past */
  guint32 slot = slot_alloc (sim, NODE_EVENT);
  Node *n = &sim->nodes[slot];
  n->func = func;
  n->data = data;
  n->destroy = destroy;
  lm_queue_push (sim->queue, slot, when);
  return make_id (slot, n->gen);
}

LmEventId
lm_sim_schedule_full (LmSim *sim, LmTime delay, LmEventFunc func, gpointer data,
                      GDestroyNotify destroy)
{
  g_assert (delay >= 0);
  g_assert (delay <= LM_TIME_MAX - sim->now);
  return lm_sim_schedule_at (sim, sim->now + delay, func, data, destroy);
}

LmEventId
lm_sim_schedule (LmSim *sim, LmTime delay, LmEventFunc func, gpointer data)
{
  return lm_sim_schedule_full (sim, delay, func, data, NULL);
}

gboolean
lm_sim_cancel (LmSim *sim, LmEventId id)
{
  guint32 slot = (guint32) (id & G_MAXUINT32);
  guint32 gen = (guint32) (id >> 32);
  if (id == LM_EVENT_NONE || slot >= sim->n_nodes)
    return FALSE;
  Node *n = &sim->nodes[slot];
  if (n->kind != NODE_EVENT || n->gen != gen)
    return FALSE;
  GDestroyNotify destroy = n->destroy;
  gpointer data = n->data;
  lm_queue_remove (sim->queue, slot);
  slot_release (sim, slot);
  if (destroy != NULL)
    destroy (data);
  return TRUE;
}

/* ------------------------------------------------------------ the loop */

/* Pops and runs the earliest event; the queue must not be empty. */
static void
run_one (LmSim *sim)
{
  guint32 slot;
  LmTime when;
  lm_queue_peek (sim->queue, &slot, &when);
  g_assert (when >= sim->now);   /* causality */
  /* The slot is a random one in a large array: start loading it now, the
   * pop's sift hides the latency. */
  __builtin_prefetch (&sim->nodes[slot]);
  lm_queue_pop (sim->queue);
  sim->now = when;
  sim->events_run++;
  Node *n = &sim->nodes[slot];
  LmEventFunc func = n->func;
  gpointer data = n->data;
  if (n->kind == NODE_TIMER)
    {
      func (sim, data);   /* already disarmed: the handler may re-arm */
      return;
    }
  GDestroyNotify destroy = n->destroy;
  slot_release (sim, slot);
  func (sim, data);
  if (destroy != NULL)
    destroy (data);
}

guint64
lm_sim_run_until (LmSim *sim, LmTime end)
{
  guint64 before = sim->events_run;
  sim->stopped = FALSE;
  guint32 slot;
  LmTime when;
  while (!sim->stopped && lm_queue_peek (sim->queue, &slot, &when) && when <= end)
    run_one (sim);
  if (!sim->stopped && end > sim->now)
    sim->now = end;
  return sim->events_run - before;
}

guint64
lm_sim_run (LmSim *sim)
{
  guint64 before = sim->events_run;
  sim->stopped = FALSE;
  while (!sim->stopped && lm_queue_size (sim->queue) > 0)
    run_one (sim);
  return sim->events_run - before;
}

gboolean
lm_sim_step (LmSim *sim)
{
  if (lm_queue_size (sim->queue) == 0)
    return FALSE;
  run_one (sim);
  return TRUE;
}

gboolean
lm_sim_next_time (const LmSim *sim, LmTime *when)
{
  return lm_queue_peek (sim->queue, NULL, when);
}

void
lm_sim_stop (LmSim *sim)
{
  sim->stopped = TRUE;
}

/* ------------------------------------------------------------ timers */

LmTimer *
lm_timer_new (LmSim *sim, LmEventFunc func, gpointer data)
{
  g_return_val_if_fail (func != NULL, NULL);
  if (!TIMER_POOL)
    sim->free_timers = g_new0 (LmTimer, 1);
  else if (sim->free_timers == NULL)
    {
      TimerBlock *b = g_new (TimerBlock, 1);
      b->next = sim->timer_blocks;
      sim->timer_blocks = b;
      for (int i = TIMERS_PER_BLOCK - 1; i >= 0; i--)   /* handed out in address order */
        {
          b->timers[i].next_free = sim->free_timers;
          sim->free_timers = &b->timers[i];
        }
    }
  LmTimer *t = sim->free_timers;
  sim->free_timers = t->next_free;
  t->next_free = NULL;
  t->sim = sim;
  t->slot = slot_alloc (sim, NODE_TIMER);
  Node *n = &sim->nodes[t->slot];
  n->func = func;
  n->data = data;
  n->destroy = NULL;
  sim->live_timers++;
  return t;
}

void
lm_timer_free (LmTimer *timer)
{
  if (timer == NULL)
    return;
  LmSim *sim = timer->sim;
  lm_timer_stop (timer);
  slot_release (sim, timer->slot);
  sim->live_timers--;
  if (!TIMER_POOL)
    {
      g_free (timer);
      return;
    }
  timer->next_free = sim->free_timers;
  sim->free_timers = timer;
}

void
lm_timer_start_at (LmTimer *timer, LmTime when)
{
  LmSim *sim = timer->sim;
  g_assert (when >= sim->now);
  if (lm_queue_contains (sim->queue, timer->slot))
    lm_queue_adjust (sim->queue, timer->slot, when);
  else
    lm_queue_push (sim->queue, timer->slot, when);
}

void
lm_timer_start (LmTimer *timer, LmTime delay)
{
  g_assert (delay >= 0);
  g_assert (delay <= LM_TIME_MAX - timer->sim->now);
  lm_timer_start_at (timer, timer->sim->now + delay);
}

void
lm_timer_stop (LmTimer *timer)
{
  if (lm_queue_contains (timer->sim->queue, timer->slot))
    lm_queue_remove (timer->sim->queue, timer->slot);
}

gboolean
lm_timer_is_armed (const LmTimer *timer)
{
  return lm_queue_contains (timer->sim->queue, timer->slot);
}

LmTime
lm_timer_expires (const LmTimer *timer)
{
  g_return_val_if_fail (lm_timer_is_armed (timer), LM_TIME_MAX);
  return lm_queue_time (timer->sim->queue, timer->slot);
}

LmSim *
lm_timer_sim (const LmTimer *timer)
{
  return timer->sim;
}

/* ------------------------------------------------------------ streams */

gsl_rng *
lm_sim_rng_new (const LmSim *sim, const char *name)
{
  return lm_rng_new (sim->seed, sim->replication, name);
}

/* ------------------------------------------------------------ signals */

guint
lm_sim_connect (LmSim *sim, LmSignalKind kind, LmSignalFunc func, gpointer user_data)
{
  g_return_val_if_fail (kind < LM_SIGNAL_N_KINDS && func != NULL, 0);
  Listener l = { sim->next_listener_id++, func, user_data };
  g_array_append_val (sim->listeners[kind], l);
  return l.id;
}

void
lm_sim_disconnect (LmSim *sim, guint handler_id)
{
  for (int k = 0; k < LM_SIGNAL_N_KINDS; k++)
    for (guint i = 0; i < sim->listeners[k]->len; i++)
      if (g_array_index (sim->listeners[k], Listener, i).id == handler_id)
        {
          g_array_remove_index (sim->listeners[k], i);
          return;
        }
  g_critical ("lm_sim_disconnect: no listener %u", handler_id);
}

void
lm_sim_emit (LmSim *sim, LmSignal *signal)
{
  g_return_if_fail (signal->kind < LM_SIGNAL_N_KINDS);
  signal->time = sim->now;
  GArray *ls = sim->listeners[signal->kind];
  for (guint i = 0; i < ls->len; i++)
    {
      Listener *l = &g_array_index (ls, Listener, i);
      l->func (sim, signal, l->user_data);
    }
}

void
lm_sim_emit_state (LmSim *sim, const char *component, const char *what, int from,
                   const char *from_name, int to, const char *to_name, const char *cause)
{
  if (sim->listeners[LM_SIGNAL_STATE]->len == 0)
    return;
  LmSignal s = { .kind = LM_SIGNAL_STATE, .component = component, .what = what };
  s.u.state.from = from;
  s.u.state.to = to;
  s.u.state.from_name = from_name;
  s.u.state.to_name = to_name;
  s.u.state.cause = cause;
  lm_sim_emit (sim, &s);
}

void
lm_sim_emit_counter (LmSim *sim, const char *component, const char *what, gint64 delta)
{
  if (sim->listeners[LM_SIGNAL_COUNTER]->len == 0)
    return;
  LmSignal s = { .kind = LM_SIGNAL_COUNTER, .component = component, .what = what };
  s.u.counter.delta = delta;
  lm_sim_emit (sim, &s);
}

void
lm_sim_emit_sample (LmSim *sim, const char *component, const char *what, double value)
{
  if (sim->listeners[LM_SIGNAL_SAMPLE]->len == 0)
    return;
  LmSignal s = { .kind = LM_SIGNAL_SAMPLE, .component = component, .what = what };
  s.u.sample.value = value;
  lm_sim_emit (sim, &s);
}
