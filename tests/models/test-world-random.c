/* tests/models/test-world-random.c — random failures' clocks
 * (models/world-random.c): independent, and `clocks suspend`. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "analysis/run.h"

#define IC "interconnect ic1 {\n partner lumen\n metro new-york\n bandwidth 10Gbps\n" \
           " gateway g attach transit-gateway\n families ipv4\n sites %u\n pairs-per-site %u\n}\n"

/* What the failure signals said: per failure target, when each failure
 * opened and closed, and whether a router pair failed under a down site. */
typedef struct {
  GHashTable *open;          /* target name → open failures (GUINT) */
  GHashTable *since;         /* target name → when it last went from 0 to 1 open (gint64 *) */
  GHashTable *down_ns;       /* target name → total time with an open failure (gint64 *) */
  GArray *pair_opens;        /* LmTime: router pair ic1.A.rp1's failures, in order */
  guint under_down_site;     /* router-pair failures opened while their site was down */
  guint pair_failures;
} Watch;

static gint64 *
slot (GHashTable *h, const char *key)
{
  gint64 *v = g_hash_table_lookup (h, key);
  if (v == NULL)
    {
      v = g_new0 (gint64, 1);
      g_hash_table_insert (h, g_strdup (key), v);
    }
  return v;
}

static gboolean
is_pair (const char *target)
{
  return g_str_has_prefix (target, "ic1.") && strstr (target, ".rp") != NULL
         && strchr (strstr (target, ".rp") + 1, '.') == NULL;
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer user_data)
{
  Watch *w = user_data;
  if (strcmp (s->what, "failure") != 0 || s->u.state.cause == NULL)
    return;
  const char *target = s->u.state.cause;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (w->open, target));
  if (s->u.state.to == 1)
    {
      if (is_pair (target))
        {
          g_autofree char *site = g_strndup (target, (gsize) (strstr (target, ".rp") - target));
          w->pair_failures++;
          w->under_down_site += g_hash_table_lookup (w->open, site) != NULL;
          if (strcmp (target, "ic1.A.rp1") == 0)
            g_array_append_val (w->pair_opens, s->time);
        }
      if (n++ == 0)
        *slot (w->since, target) = s->time;
    }
  else if (n > 0 && --n == 0)
    *slot (w->down_ns, target) += s->time - *slot (w->since, target);
  if (n == 0)
    g_hash_table_remove (w->open, target);
  else
    g_hash_table_insert (w->open, g_strdup (target), GUINT_TO_POINTER (n));
}

static void
watch_init (Watch *w)
{
  w->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->since = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->down_ns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->pair_opens = g_array_new (FALSE, FALSE, sizeof (LmTime));
  w->under_down_site = w->pair_failures = 0;
}

static void
watch_clear (Watch *w)
{
  g_hash_table_unref (w->open);
  g_hash_table_unref (w->since);
  g_hash_table_unref (w->down_ns);
  g_array_unref (w->pair_opens);
}

/* Runs replication @r of @text, watching its failures. */
static void
run_watched (const char *text, guint64 r, Watch *w)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (text, "clocks.sc", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autoptr (LmRun) run = lm_run_new (sc, r, 0, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);
  lm_sim_connect (lm_run_sim (run), LM_SIGNAL_STATE, on_state, w);
  CU_ASSERT_TRUE (lm_run_execute (run, &error));
}

static char *
stress_text (const char *clocks, guint sites, guint pairs, const char *duration)
{
  g_autofree char *ic = g_strdup_printf (IC, sites, pairs);
  return g_strdup_printf ("scenario \"clocks\"\nseed 11\nduration %s\n%s"
                          "failures {\n clocks %s\n preset stress\n}\n", duration, ic, clocks);
}

/* Stress data (sites 2000 h / 100 h, pairs 500 h / 50 h), 2 × 2: with
 * suspended clocks no router pair fails while its site is down; with
 * independent clocks some do (about one in twenty). */
static void
test_never_under_a_down_site (void)
{
  const char *clocks[] = { "suspend", "independent" };
  guint under[2], total[2];
  for (int c = 0; c < 2; c++)
    {
      g_autofree char *text = stress_text (clocks[c], 2, 2, "20y");
      under[c] = total[c] = 0;
      for (guint64 r = 0; r < (guint64) lm_test_size (4, 1); r++)
        {
          Watch w;
          watch_init (&w);
          run_watched (text, r, &w);
          under[c] += w.under_down_site;
          total[c] += w.pair_failures;
          watch_clear (&w);
        }
    }
  CU_ASSERT_TRUE (total[0] > 500);
  CU_ASSERT_EQUAL (under[0], 0);
  CU_ASSERT_TRUE (under[1] > 0);   /* the check can see it */
}

/* Fixed laws and a scripted site outage show the clock stand still and
 * resume with what it had left, and a repair in progress run on. */
static void
test_clock_resumes_where_it_stopped (void)
{
#define SCRIPT "failures {\n clocks %s\n router-pair ttf fixed(100h) mttr fixed(1h)\n}\n" \
               "at 50h fail site ic1.A\nat 80h repair site ic1.A\n" \
               "at 100h30m fail site ic1.B\nat 110h repair site ic1.B\n"
  const char *clocks[] = { "independent", "suspend" };
  /* ic1.A.rp1: stopped at 50 h with 50 h left, resumed at 80 h: fails at
   * 130 h.  ic1.B.rp1: fails at 100 h, its site fails during the repair,
   * which still ends at 101 h; the next 100 h start when the site is back
   * (110 h): 210 h. */
  const LmTime a_first[] = { LM_H (100), LM_H (130) };
  const LmTime b_second[] = { LM_H (201), LM_H (210) };
  for (int c = 0; c < 2; c++)
    {
      g_autofree char *ic = g_strdup_printf (IC, 2u, 1u);
      g_autofree char *body = g_strdup_printf (SCRIPT, clocks[c]);
      g_autofree char *text = g_strdup_printf ("scenario \"fixed\"\nduration 300h\n%s%s", ic,
                                               body);
      Watch w;
      watch_init (&w);
      run_watched (text, 0, &w);
      CU_ASSERT_TRUE_FATAL (w.pair_opens->len >= 1);
      CU_ASSERT_EQUAL (g_array_index (w.pair_opens, LmTime, 0), a_first[c]);
      /* B's pair was down 1 h per failure, twice in 300 h */
      CU_ASSERT_EQUAL (*slot (w.down_ns, "ic1.B.rp1"), LM_H (2));
      /* the last time B's pair failed: its second failure */
      CU_ASSERT_EQUAL (*slot (w.since, "ic1.B.rp1"), b_second[c]);
      watch_clear (&w);
    }
}

/* Mean and standard error of a router pair's own unavailability (the
 * time its own failure is open) over @n replications of 1 × 1. */
static void
pair_unavailability (const char *clocks, guint n, double *mean, double *se)
{
  g_autofree char *text = stress_text (clocks, 1, 1, "50y");
  double sum = 0, sum2 = 0;
  for (guint64 r = 0; r < n; r++)
    {
      Watch w;
      watch_init (&w);
      run_watched (text, r, &w);
      double u = (double) *slot (w.down_ns, "ic1.A.rp1") / (double) LM_Y (50);
      sum += u;
      sum2 += u * u;
      watch_clear (&w);
    }
  *mean = sum / n;
  *se = sqrt ((sum2 / n - *mean * *mean) / (n - 1));
}

/* The suspended pair cannot fail during the site's outages, so it is down
 * less: 50/550 = 9.09 % independent against 8.67 % suspended (the
 * four-state Markov chain: site 2000 h / 100 h, pair 500 h / 50 h, the
 * pair's repair running on while the site is down). */
static void
test_suspended_pair_is_down_less (void)
{
  const guint n = (guint) lm_test_size (40, 8);
  double mi, si, ms, ss;
  pair_unavailability ("independent", n, &mi, &si);
  pair_unavailability ("suspend", n, &ms, &ss);
  CU_ASSERT_TRUE (ms < mi);
  CU_ASSERT_TRUE (fabs (mi - 50.0 / 550.0) < 4 * si + 1e-4);
  CU_ASSERT_TRUE (fabs (ms - 0.0867093) < 4 * ss + 1e-4);
  if (n >= 40)   /* full size: the two are told apart, not just ordered */
    CU_ASSERT_TRUE (mi - ms > 3 * sqrt (si * si + ss * ss));
}

LM_SUITE (models_world_random) = {
  { "suspended clocks: no router pair fails while its site is down", test_never_under_a_down_site },
  { "a stopped clock resumes with the time it had left; a repair runs on",
    test_clock_resumes_where_it_stopped },
  { "a suspended router pair is down less, as the Markov chain says",
    test_suspended_pair_is_down_less },
  CU_TEST_INFO_NULL,
};
