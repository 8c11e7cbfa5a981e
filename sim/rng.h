/* sim/rng.h — random streams: one GSL generator per component.
 *
 * Each component draws from its own gsl_rng, keyed by 64 bits mixed from
 * (scenario seed, replication number, the component's full name).  The key
 * never depends on creation order, so adding a component does not change any
 * other component's draws.
 *
 * The generator is xoshiro256** (Blackman & Vigna 2018) wrapped as a custom
 * gsl_rng_type ("lm-xoshiro256ss"), so every GSL distribution applies.  Its
 * state is filled from the 64-bit key by SplitMix64: seeding costs a few ns
 * (mt19937 costs ~3 µs) and uses all 64 bits of the key (mt19937 and taus2
 * use only 32, so millions of streams would collide).
 *
 * Key mixing: key = splitmix64(splitmix64(splitmix64(seed) ^ replication)
 *                              ^ fnv1a64(name)).
 */
#pragma once

#include <glib.h>
#include <gsl/gsl_rng.h>

G_BEGIN_DECLS

/* The generator type; gsl_rng_set (r, key) takes the full 64-bit key. */
extern const gsl_rng_type *lm_rng_xoshiro256ss;

guint64 lm_rng_fnv1a64 (const char *name);
guint64 lm_rng_splitmix64 (guint64 x);
guint64 lm_rng_key (guint64 seed, guint64 replication, const char *name);

/* A new generator for @name (transfer full; free with gsl_rng_free). */
gsl_rng *lm_rng_new (guint64 seed, guint64 replication, const char *name);

/* Turns GSL's abort-on-error handler off, once per process, thread-safely.
 * Every GSL call's return code is checked by its caller instead. */
void lm_rng_init_gsl (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)

G_END_DECLS
