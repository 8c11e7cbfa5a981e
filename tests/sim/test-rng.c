/* tests/sim/test-rng.c — random streams: the generator, the keys, independence.
 *
 * Known answers for xoshiro256**, SplitMix64 and FNV-1a from their published
 * references; pinned keys (a change would silently change every scenario's
 * results); stream independence when components are added or reordered; no
 * key collisions among a million names; GSL distributions on a 64-bit
 * generator (uniformity, exponential and lognormal means, big uniform_int).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include "sim/rng.h"
#include "tests/lm-test.h"

#define GOLDEN G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

/* Reference outputs of xoshiro256starstar.c from the state {1, 2, 3, 4},
 * checked against an independent transcription of the reference code. */
static void
test_xoshiro_known_answer (void)
{
  static const guint64 want[] = {
    G_GUINT64_CONSTANT (11520), G_GUINT64_CONSTANT (0), G_GUINT64_CONSTANT (1509978240),
    G_GUINT64_CONSTANT (1215971899390074240), G_GUINT64_CONSTANT (1216172134540287360),
    G_GUINT64_CONSTANT (607988272756665600),
  };
  g_autoptr (gsl_rng) r = gsl_rng_alloc (lm_rng_xoshiro256ss);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r);
  CU_ASSERT_EQUAL (gsl_rng_size (r), 4 * sizeof (guint64));
  guint64 *s = gsl_rng_state (r);
  s[0] = 1, s[1] = 2, s[2] = 3, s[3] = 4;
  for (gsize i = 0; i < G_N_ELEMENTS (want); i++)
    CU_ASSERT_EQUAL ((guint64) gsl_rng_get (r), want[i]);
}

static void
test_type (void)
{
  g_autoptr (gsl_rng) r = lm_rng_new (1, 0, "ic1");
  CU_ASSERT_PTR_EQUAL (r->type, lm_rng_xoshiro256ss);
  CU_ASSERT_STRING_EQUAL (gsl_rng_name (r), "lm-xoshiro256ss");
  CU_ASSERT_EQUAL ((guint64) gsl_rng_max (r), G_MAXUINT64);
  CU_ASSERT_EQUAL (gsl_rng_min (r), 0);
}

/* SplitMix64 from 1234567 and FNV-1a test vectors, as published. */
static void
test_hash_known_answers (void)
{
  static const guint64 sm[] = {
    G_GUINT64_CONSTANT (6457827717110365317), G_GUINT64_CONSTANT (3203168211198807973),
    G_GUINT64_CONSTANT (9817491932198370423), G_GUINT64_CONSTANT (4593380528125082431),
    G_GUINT64_CONSTANT (16408922859458223821),
  };
  for (guint64 i = 0; i < G_N_ELEMENTS (sm); i++)
    CU_ASSERT_EQUAL (lm_rng_splitmix64 (1234567 + i * GOLDEN), sm[i]);
  CU_ASSERT_EQUAL (lm_rng_splitmix64 (0), G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));
  CU_ASSERT_EQUAL (lm_rng_fnv1a64 (""), G_GUINT64_CONSTANT (0xcbf29ce484222325));
  CU_ASSERT_EQUAL (lm_rng_fnv1a64 ("a"), G_GUINT64_CONSTANT (0xaf63dc4c8601ec8c));
  CU_ASSERT_EQUAL (lm_rng_fnv1a64 ("foobar"), G_GUINT64_CONSTANT (0x85944171f73967e8));
}

/* Pinned: changing the mixing changes every scenario's results. */
static void
test_key_pinned (void)
{
  CU_ASSERT_EQUAL (lm_rng_key (42, 0, "ic1.A.rp1"), G_GUINT64_CONSTANT (10353016008775916953));
  CU_ASSERT_EQUAL (lm_rng_key (42, 1, "ic1.A.rp1"), G_GUINT64_CONSTANT (5287870965322271324));
  CU_ASSERT_EQUAL (lm_rng_key (0, 0, ""), G_GUINT64_CONSTANT (9062021089575485285));
  guint64 k = lm_rng_key (7, 3, "gw1");
  CU_ASSERT_EQUAL (k, lm_rng_splitmix64 (lm_rng_splitmix64 (lm_rng_splitmix64 (7) ^ 3)
                                         ^ lm_rng_fnv1a64 ("gw1")));

  g_autoptr (gsl_rng) r = lm_rng_new (42, 0, "ic1.A.rp1");
  CU_ASSERT_EQUAL ((guint64) gsl_rng_get (r), G_GUINT64_CONSTANT (3079336149256624516));
  CU_ASSERT_EQUAL ((guint64) gsl_rng_get (r), G_GUINT64_CONSTANT (17143839100267814555));
  CU_ASSERT_EQUAL ((guint64) gsl_rng_get (r), G_GUINT64_CONSTANT (8772765068680140958));
}

/* gsl_rng_set fills the state with SplitMix64 outputs; never all zero. */
static void
test_seeding (void)
{
  const guint64 keys[] = { 0, 1, G_MAXUINT64, -GOLDEN, -2 * GOLDEN, -3 * GOLDEN, -4 * GOLDEN };
  g_autoptr (gsl_rng) r = gsl_rng_alloc (lm_rng_xoshiro256ss);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gsl_rng_set (r, keys[i]);
      const guint64 *s = gsl_rng_state (r);
      for (int j = 0; j < 4; j++)
        CU_ASSERT_EQUAL (s[j], lm_rng_splitmix64 (keys[i] + (guint64) j * GOLDEN));
      CU_ASSERT_NOT_EQUAL (s[0] | s[1] | s[2] | s[3], 0);
      guint64 x = 0;
      for (int j = 0; j < 8; j++)
        x |= gsl_rng_get (r);
      CU_ASSERT_NOT_EQUAL (x, 0);
    }
}

/* The inverse of odd @a modulo 2^64 (Newton: each step doubles the bits). */
static guint64
inverse (guint64 a)
{
  guint64 x = a;
  for (int i = 0; i < 5; i++)
    x *= 2 - a * x;
  return x;
}

/* get_double: the top 53 bits of the next output, in [0, 1). */
static void
test_get_double (void)
{
  g_autoptr (gsl_rng) a = lm_rng_new (5, 0, "d");
  g_autoptr (gsl_rng) b = gsl_rng_clone (a);
  for (int i = 0; i < 10000; i++)
    {
      double u = gsl_rng_uniform (a);
      guint64 x = gsl_rng_get (b);
      CU_ASSERT_TRUE (u >= 0.0 && u < 1.0);
      CU_ASSERT_EQUAL (u, (double) (x >> 11) / 9007199254740992.0);
    }
  /* The output is rotl (s[1] * 5, 7) * 9: choose s[1] for the extremes. */
  g_autoptr (gsl_rng) c = gsl_rng_alloc (lm_rng_xoshiro256ss);
  guint64 *s = gsl_rng_state (c);
  s[0] = 0, s[1] = 0, s[2] = 0, s[3] = 1;
  CU_ASSERT_EQUAL (gsl_rng_uniform (c), 0.0);
  guint64 y = -inverse (9);                          /* y * 9 == 2^64 - 1 */
  s[0] = 0, s[1] = ((y >> 7) | (y << 57)) * inverse (5), s[2] = 0, s[3] = 1;
  double u = gsl_rng_uniform (c);
  CU_ASSERT_EQUAL (u, 1.0 - 0x1.0p-53);              /* the largest, still below 1 */
}

#define N_DRAWS 1000
typedef guint64 Draws[N_DRAWS];

static void
draw_all (guint64 seed, guint64 rep, const char *const *names, gsize n, Draws *out)
{
  gsl_rng *r[16];
  g_assert (n <= G_N_ELEMENTS (r));
  for (gsize i = 0; i < n; i++)
    r[i] = lm_rng_new (seed, rep, names[i]);
  for (int k = 0; k < N_DRAWS; k++)        /* interleaved, as a simulation would */
    for (gsize i = 0; i < n; i++)
      out[i][k] = gsl_rng_get (r[i]);
  for (gsize i = 0; i < n; i++)
    gsl_rng_free (r[i]);
}

static int
n_equal (const guint64 *a, const guint64 *b)
{
  int n = 0;
  for (int k = 0; k < N_DRAWS; k++)
    n += a[k] == b[k];
  return n;
}

/* Adding a component, or creating them in another order, leaves every other
 * component's draws unchanged; another seed, replication or name changes them. */
static void
test_stream_independence (void)
{
  static const char *const base[] = { "ic1.A.rp1", "ic1.A.rp2", "ic1.B.rp1", "ic1.B.rp2" };
  static const char *const more[] = { "ic1.C.rp1", "ic1.B.rp2", "ic1.A.rp2", "ic1.B.rp1",
                                      "ic1.A.rp1" };
  g_autofree Draws *a = g_new (Draws, 4);
  g_autofree Draws *b = g_new (Draws, 5);
  g_autofree Draws *c = g_new (Draws, 4);
  draw_all (42, 0, base, 4, a);
  draw_all (42, 0, more, 5, b);
  CU_ASSERT_EQUAL (n_equal (a[0], b[4]), N_DRAWS);
  CU_ASSERT_EQUAL (n_equal (a[1], b[2]), N_DRAWS);
  CU_ASSERT_EQUAL (n_equal (a[2], b[3]), N_DRAWS);
  CU_ASSERT_EQUAL (n_equal (a[3], b[1]), N_DRAWS);
  for (int i = 0; i < 4; i++)          /* the new one is none of the others */
    CU_ASSERT_EQUAL (n_equal (a[i], b[0]), 0);
  for (int i = 0; i < 4; i++)          /* distinct names, distinct streams */
    for (int j = i + 1; j < 4; j++)
      CU_ASSERT_EQUAL (n_equal (a[i], a[j]), 0);

  draw_all (43, 0, base, 4, c);        /* another seed */
  for (int i = 0; i < 4; i++)
    CU_ASSERT_EQUAL (n_equal (a[i], c[i]), 0);
  draw_all (42, 1, base, 4, c);        /* another replication */
  for (int i = 0; i < 4; i++)
    CU_ASSERT_EQUAL (n_equal (a[i], c[i]), 0);
  draw_all (42, 0, base, 4, c);        /* and the same again: identical */
  for (int i = 0; i < 4; i++)
    CU_ASSERT_EQUAL (n_equal (a[i], c[i]), N_DRAWS);
}

static int
cmp_u64 (const void *x, const void *y)
{
  guint64 a = *(const guint64 *) x, b = *(const guint64 *) y;
  return (a > b) - (a < b);
}

static long
count_duplicates (guint64 *v, long n)
{
  qsort (v, (size_t) n, sizeof *v, cmp_u64);
  long dups = 0;
  for (long i = 1; i < n; i++)
    dups += v[i] == v[i - 1];
  return dups;
}

/* A million component names (as a fleet would have) get distinct keys, and
 * distinct first draws: seeding keeps all 64 bits (a 32-bit seed, as
 * mt19937 takes, would give about 116 collisions here). */
static void
test_no_key_collisions (void)
{
  long n = lm_test_size (1000000, 100000);
  g_autofree guint64 *keys = g_new (guint64, n);
  g_autofree guint64 *first = g_new (guint64, n);
  g_autoptr (gsl_rng) r = gsl_rng_alloc (lm_rng_xoshiro256ss);
  char name[64];
  for (long i = 0; i < n; i++)
    {
      g_snprintf (name, sizeof name, "ic%ld.%c.rp%ld", i / 64, 'A' + (int) (i / 8 % 8), i % 8);
      keys[i] = lm_rng_key (42, 0, name);
      gsl_rng_set (r, keys[i]);
      first[i] = gsl_rng_get (r);
    }
  CU_ASSERT_EQUAL (count_duplicates (keys, n), 0);
  CU_ASSERT_EQUAL (count_duplicates (first, n), 0);
}

/* Chi-square over 16 equal bins of gsl_rng_uniform_int (top bits) and of the
 * low 4 bits of gsl_rng_get. */
static double
chi_square (gsl_rng *r, long n, gboolean low_bits)
{
  long bins[16] = { 0 };
  for (long i = 0; i < n; i++)
    bins[low_bits ? gsl_rng_get (r) & 15 : gsl_rng_uniform_int (r, 16)]++;
  double expect = (double) n / 16, chi = 0;
  for (int i = 0; i < 16; i++)
    chi += ((double) bins[i] - expect) * ((double) bins[i] - expect) / expect;
  return chi;
}

/* Deliberately broken generators the check must reject. */
static void broken_set (void *state, unsigned long seed) { gsl_rng_set (*(gsl_rng **) state, seed); }
static unsigned long
broken_triangular (void *state)   /* mean of two outputs: not uniform */
{
  gsl_rng *r = *(gsl_rng **) state;
  return (gsl_rng_get (r) >> 1) + (gsl_rng_get (r) >> 1);
}
static unsigned long
broken_half (void *state)          /* top bit and bit 0 stuck at 0 */
{
  return (gsl_rng_get (*(gsl_rng **) state) >> 1) & ~1UL;
}
static double broken_double (void *state) { return 0; }

#define CHI2_15_P001 37.70   /* chi-square, 15 degrees of freedom, p = 0.001 */

static void
test_uniformity (void)
{
  long n = 100000;
  g_autoptr (gsl_rng) good = lm_rng_new (2024, 0, "chi");
  double top = chi_square (good, n, FALSE), low = chi_square (good, n, TRUE);
  CU_ASSERT_TRUE (top < CHI2_15_P001);
  CU_ASSERT_TRUE (low < CHI2_15_P001);

  const gsl_rng_type tri = { "tri", G_MAXUINT64 - 1, 0, sizeof (gsl_rng *), broken_set,
                             broken_triangular, broken_double };
  const gsl_rng_type half = { "half", G_MAXUINT64, 0, sizeof (gsl_rng *), broken_set,
                              broken_half, broken_double };
  const gsl_rng_type *types[] = { &tri, &half };
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (gsl_rng) inner = lm_rng_new (2024, 0, "chi");
      gsl_rng bad = { types[i], &inner };
      CU_ASSERT_TRUE (chi_square (&bad, n, FALSE) > CHI2_15_P001
                      || chi_square (&bad, n, TRUE) > CHI2_15_P001);
    }
}

static void
test_exponential_lognormal (void)
{
  long n = 100000;
  g_autoptr (gsl_rng) r = lm_rng_new (7, 0, "ic1.A.router1");
  double sum = 0;
  for (long i = 0; i < n; i++)
    {
      double x = gsl_ran_exponential (r, 1.0);
      CU_ASSERT_TRUE (x >= 0 && isfinite (x));
      sum += x;
    }
  CU_ASSERT_DOUBLE_EQUAL (sum / (double) n, 1.0, 0.01);

  sum = 0;   /* lognormal(zeta 0, sigma 0.5): mean exp(0.125) */
  for (long i = 0; i < n; i++)
    sum += gsl_ran_lognormal (r, 0.0, 0.5);
  CU_ASSERT_DOUBLE_EQUAL (sum / (double) n, exp (0.125), 0.01 * exp (0.125));
}

/* uniform_int over n = 2^40 uses all 64 bits: in range, spread over it. */
static void
test_uniform_int_big (void)
{
  const unsigned long big = 1UL << 40;
  g_autoptr (gsl_rng) r = lm_rng_new (9, 0, "big");
  unsigned long hi = 0, lo = G_MAXULONG;
  double sum = 0;
  long n = 100000;
  for (long i = 0; i < n; i++)
    {
      unsigned long k = gsl_rng_uniform_int (r, big);
      CU_ASSERT_TRUE (k < big);
      hi = MAX (hi, k);
      lo = MIN (lo, k);
      sum += (double) k;
    }
  CU_ASSERT_TRUE (hi > big - big / 1000);
  CU_ASSERT_TRUE (lo < big / 1000);
  CU_ASSERT_DOUBLE_EQUAL (sum / (double) n / (double) big, 0.5, 0.01);
  CU_ASSERT_TRUE (gsl_rng_uniform_int (r, G_MAXULONG) < G_MAXULONG);
}

static gpointer
init_thread (gpointer data)
{
  lm_rng_init_gsl ();
  return NULL;
}

/* After init (from racing threads), a GSL domain error returns a code
 * instead of aborting the process. */
static void
test_gsl_errors_do_not_abort (void)
{
  GThread *t[4];
  for (int i = 0; i < 4; i++)
    t[i] = g_thread_new ("init", init_thread, NULL);
  for (int i = 0; i < 4; i++)
    g_thread_join (t[i]);
  gsl_error_handler_t *prev = gsl_set_error_handler_off ();
  CU_ASSERT_PTR_NOT_NULL (prev);   /* GSL's default (NULL) aborts */
  gsl_set_error_handler (prev);
  g_autoptr (gsl_rng) r = lm_rng_new (1, 0, "err");
  CU_ASSERT_EQUAL (gsl_rng_uniform_int (r, 0), 0);   /* invalid n: no abort */
}

LM_SUITE (sim_rng) = {
  { "xoshiro256** matches the reference outputs", test_xoshiro_known_answer },
  { "the GSL type is 64-bit lm-xoshiro256ss", test_type },
  { "SplitMix64 and FNV-1a match published values", test_hash_known_answers },
  { "component keys are pinned", test_key_pinned },
  { "seeding fills the state by SplitMix64, never all zero", test_seeding },
  { "uniform doubles are 53-bit and in [0, 1)", test_get_double },
  { "adding a component leaves other streams unchanged", test_stream_independence },
  { "no key collisions among a million names", test_no_key_collisions },
  { "draws are uniform (and broken generators are caught)", test_uniformity },
  { "exponential and lognormal means are right", test_exponential_lognormal },
  { "uniform_int over 2^40 stays in range and spreads", test_uniform_int_big },
  { "GSL errors return codes instead of aborting", test_gsl_errors_do_not_abort },
  CU_TEST_INFO_NULL,
};
