/* sim/rng.c — random streams: xoshiro256** as a GSL generator, one per component.
 *
 * The generator is the reference xoshiro256** of Blackman & Vigna (2018,
 * prng.di.unimi.it, public domain): 256 bits of state, 64-bit outputs,
 * period 2^256 - 1.  It is wrapped as a gsl_rng_type with min 0 and max
 * 2^64 - 1, so gsl_rng_get returns the full output and every GSL
 * distribution draws from it (gsl_rng_uniform_int accepts n up to 2^64 - 1).
 * get_double takes the top 53 bits: a multiple of 2^-53 in [0, 1).
 *
 * gsl_rng_set (r, key) fills the state with four SplitMix64 outputs from the
 * 64-bit key.  SplitMix64's finaliser is a bijection and the four inputs
 * differ, so at most one word is zero and the state is never all-zero (the
 * one state xoshiro must avoid); the code checks anyway.
 *
 * A component's key mixes (seed, replication, full name) — see sim/rng.h —
 * and never the order in which components were created.
 */
#include <limits.h>
#include <gsl/gsl_errno.h>
#include "sim/rng.h"

/* The type's max is ULONG_MAX = 2^64 - 1: GSL hands us unsigned longs. */
G_STATIC_ASSERT (sizeof (unsigned long) * CHAR_BIT == 64);
G_STATIC_ASSERT (ULONG_MAX == G_MAXUINT64);

#define GOLDEN_GAMMA G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

typedef struct {
  guint64 s[4];
} Xoshiro;

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

/* The reference next(): output from s[1], then the linear engine step. */
static inline guint64
xoshiro_next (Xoshiro *x)
{
  guint64 *s = x->s;
  const guint64 result = rotl (s[1] * 5, 7) * 9;
  const guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

static void
xoshiro_set (void *state, unsigned long key)
{
  Xoshiro *x = state;
  guint64 k = key;
  for (int i = 0; i < 4; i++)
    {
      x->s[i] = lm_rng_splitmix64 (k);
      k += GOLDEN_GAMMA;
    }
  if ((x->s[0] | x->s[1] | x->s[2] | x->s[3]) == 0)   /* cannot happen; see top */
    x->s[0] = GOLDEN_GAMMA;
}

static unsigned long
xoshiro_get (void *state)
{
  return xoshiro_next (state);
}

static double
xoshiro_get_double (void *state)
{
  return (double) (xoshiro_next (state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
  .name = "lm-xoshiro256ss",
  .max = ULONG_MAX,
  .min = 0,
  .size = sizeof (Xoshiro),
  .set = xoshiro_set,
  .get = xoshiro_get,
  .get_double = xoshiro_get_double,
};

const gsl_rng_type *lm_rng_xoshiro256ss = &xoshiro_type;

/* FNV-1a, 64-bit: offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3. */
guint64
lm_rng_fnv1a64 (const char *name)
{
  g_return_val_if_fail (name != NULL, 0);
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  for (const guchar *p = (const guchar *) name; *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

/* The first output of a SplitMix64 generator whose state is @x (Steele,
 * Lea & Flood 2014; Vigna's splitmix64.c): a bijective 64-bit mix. */
guint64
lm_rng_splitmix64 (guint64 x)
{
  guint64 z = x + GOLDEN_GAMMA;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

guint64
lm_rng_key (guint64 seed, guint64 replication, const char *name)
{
  g_return_val_if_fail (name != NULL, 0);
  guint64 run = lm_rng_splitmix64 (lm_rng_splitmix64 (seed) ^ replication);
  return lm_rng_splitmix64 (run ^ lm_rng_fnv1a64 (name));
}

void
lm_rng_init_gsl (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done))
    {
      gsl_set_error_handler_off ();
      g_once_init_leave (&done, 1);
    }
}

gsl_rng *
lm_rng_new (guint64 seed, guint64 replication, const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  lm_rng_init_gsl ();
  gsl_rng *r = gsl_rng_alloc (lm_rng_xoshiro256ss);
  if (r == NULL)
    g_error ("lm_rng_new: out of memory allocating a generator for '%s'", name);
  gsl_rng_set (r, lm_rng_key (seed, replication, name));
  return r;
}
