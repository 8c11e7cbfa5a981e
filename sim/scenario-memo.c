/* sim/scenario-memo.c — data derived from a scenario, computed once and
 * shared by every replication.
 *
 * A Monte Carlo run builds one world per replication from the same
 * scenario, on several threads.  Some of what a model derives from the
 * scenario costs more than the replication's events (the traffic model's
 * flow-hash counts: bench/README.md) and is the same every time.  The
 * scenario keeps such results, keyed by a string the model chooses: the
 * first caller computes, later ones (any thread) get the same immutable
 * value.  A pure function of the scenario, so it changes no result; it is
 * freed with the scenario.  The scenario is otherwise read-only after
 * parsing: this is its only interior mutability, behind a mutex.
 */
#include "sim/scenario.h"

struct _LmScMemo {
  GMutex lock;
  GHashTable *values;   /* key (owned) → Entry* */
};

typedef struct {
  gpointer value;
  GDestroyNotify destroy;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;
  if (e->destroy != NULL)
    e->destroy (e->value);
  g_free (e);
}

LmScMemo *
lm_sc_memo_new (void)
{
  LmScMemo *m = g_new0 (LmScMemo, 1);
  g_mutex_init (&m->lock);
  m->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  return m;
}

void
lm_sc_memo_free (LmScMemo *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->values);
  g_mutex_clear (&m->lock);
  g_free (m);
}

gconstpointer
lm_scenario_memo (const LmScenario *sc, const char *key, LmScMemoFunc compute,
                  gconstpointer data, GDestroyNotify destroy)
{
  g_return_val_if_fail (sc != NULL && sc->memo != NULL && key != NULL && compute != NULL, NULL);
  LmScMemo *m = sc->memo;
  g_mutex_lock (&m->lock);
  Entry *e = g_hash_table_lookup (m->values, key);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->value = compute (data);
      e->destroy = destroy;
      g_hash_table_insert (m->values, g_strdup (key), e);
    }
  g_mutex_unlock (&m->lock);
  return e->value;
}
