/* tests/analysis/test-replicate.c — Monte Carlo replications: the same
 * answer for every -j, and estimates that agree with the exact solution. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "analysis/replicate.h"
#include "analysis/replicate-report.h"
#include "analysis/ctmc.h"

static LmScenario *
design (guint sites, guint pairs, const char *duration)
{
  g_autofree char *text = g_strdup_printf (
    "scenario \"mc\"\nseed 11\nduration %s\n"
    "interconnect ic1 {\n partner lumen\n metro new-york\n bandwidth 10Gbps\n"
    " gateway g attach transit-gateway\n families ipv4\n sites %u\n pairs-per-site %u\n}\n"
    "traffic ic1 { rate 2Gbps flows 16 }\n"
    "failures { preset stress }\n"
    "expect ic1 state at 1s == available\n", duration, sites, pairs);
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_parse_string (text, "mc.sc", NULL, &error);
  if (sc == NULL)
    fprintf (stderr, "%s\n", error->message);
  return sc;
}

/* The JSON without its "run" object (wall time, jobs). */
static char *
results_only (const char *json)
{
  const char *run = strstr (json, "\"run\"");
  return run ? g_strndup (json, (gsize) (run - json)) : g_strdup (json);
}

static void
test_same_for_every_j (void)
{
  g_autoptr (LmScenario) sc = design (2, 2, "30d");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  guint64 n = (guint64) lm_test_size (48, 20);
  g_autoptr (LmReplication) one = lm_replicate (sc, n, 1, NULL);
  g_autoptr (LmReplication) two = lm_replicate (sc, n, 2, NULL);
  g_autoptr (LmReplication) three = lm_replicate (sc, n, 3, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (one);
  CU_ASSERT_PTR_NOT_NULL_FATAL (two);
  CU_ASSERT_PTR_NOT_NULL_FATAL (three);
  g_autofree char *a = lm_replication_json (one, "x", "y");
  g_autofree char *b = lm_replication_json (two, "x", "y");
  g_autofree char *c = lm_replication_json (three, "x", "y");
  g_autofree char *ra = results_only (a), *rb = results_only (b), *rc = results_only (c);
  CU_ASSERT_STRING_EQUAL (ra, rb);
  CU_ASSERT_STRING_EQUAL (ra, rc);
  /* and the replications did differ from each other */
  CU_ASSERT (lm_replication_stats (one, 0)->availability[LM_AVAIL_COMPONENT_FULL_CAPACITY].m2 > 0);
}

/* Monte Carlo component availability within 3 standard errors of the exact
 * value, for each criterion, on three designs (stress data: outages are
 * frequent enough to estimate). */
static void
check_design (guint sites, guint pairs)
{
  /* ten-year replications: a year's unavailability is too skewed (most
   * years see no outage) for its sample sd to be trusted at this n */
  g_autoptr (LmScenario) sc = design (sites, pairs, "10y");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autoptr (LmReplication) rep = lm_replicate (sc, (guint64) lm_test_size (100, 40), 2, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rep);
  LmAvailDesign d;
  g_autofree char *why = NULL;
  CU_ASSERT_FATAL (lm_replication_exact_design (sc, 0, &d, &why));
  static const LmAvailKind kinds[] = { LM_AVAIL_COMPONENT_REACHABILITY,
                                       LM_AVAIL_COMPONENT_HALF_CAPACITY,
                                       LM_AVAIL_COMPONENT_FULL_CAPACITY };
  for (int c = 0; c < LM_AVAIL_CRIT_N; c++)
    {
      LmAvailExact x;
      CU_ASSERT_FATAL (lm_avail_closed_form (&d, lm_avail_criterion_k (c, &d), &x, NULL));
      const LmMoments *m = &lm_replication_stats (rep, 0)->availability[kinds[c]];
      double se = lm_moments_sd (m) / sqrt ((double) m->n);
      if (fabs (m->mean - x.availability) > 3 * se)
        fprintf (stderr, "\n%ux%u %s: MC %.8f ± %.2g, exact %.8f\n", sites, pairs,
                 lm_avail_criterion_name (c), m->mean, se, x.availability);
      CU_ASSERT (se > 0);
      CU_ASSERT (fabs (m->mean - x.availability) <= 3 * se);
    }
}

static void
test_agrees_with_exact (void)
{
  check_design (2, 2);
  check_design (1, 2);
  check_design (2, 1);
}

LM_SUITE (analysis_replicate) = {
  { "replications give the same JSON for -j 1, 2 and 3", test_same_for_every_j },
  { "Monte Carlo component availability is within 3 SE of the exact value", test_agrees_with_exact },
  CU_TEST_INFO_NULL,
};
