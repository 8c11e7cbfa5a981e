/* tests/analysis/test-ctmc.c — exact component availability: the Markov chain
 * against the closed form, the values quoted in issue 8, hand-checkable
 * cases, and the refusals. */
#include <math.h>
#include <stdlib.h>
#include "tests/lm-test.h"
#include "analysis/ctmc.h"

/* |value − quoted| within half a unit of the last digit @quoted gives (and
 * within 1e-6 relative): "3.358619937e-8" pins 10 significant digits. */
static void
assert_digits (double value, const char *quoted)
{
  double q = g_ascii_strtod (quoted, NULL);
  const char *dot = strchr (quoted, '.');
  const char *e = strpbrk (quoted, "eE");
  int decimals = dot ? (int) ((e ? e : quoted + strlen (quoted)) - dot - 1) : 0;
  int exponent = e ? atoi (e + 1) : 0;
  double half_unit = 0.5 * pow (10.0, exponent - decimals);
  if (!(fabs (value - q) <= half_unit * (1 + 1e-9)) || !(fabs (value / q - 1) <= 1e-6))
    g_printerr ("\n  %.12e is not %s\n", value, quoted);
  CU_ASSERT (fabs (value - q) <= half_unit * (1 + 1e-9));
  CU_ASSERT (fabs (value / q - 1) <= 1e-6);
}

static gboolean
rel_close (double a, double b, double rel)
{
  return fabs (a - b) <= rel * fabs (b);
}

/* Closed form and the GTH chain for (S, M, data, k); asserts that they
 * agree to 1e-12 relative and returns the closed form. */
static LmAvailExact
exact (guint S, guint M, LmAvailData data, guint k)
{
  LmAvailDesign d;
  lm_avail_design_init (&d, S, M, data);
  g_autoptr (GError) error = NULL;
  LmAvailExact cf = { 0 }, ch = { 0 };
  CU_ASSERT_FATAL (lm_avail_closed_form (&d, k, &cf, &error));
  g_autoptr (LmCtmc) c = lm_ctmc_new (&d, LM_CTMC_SOLVER_GTH, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (c);
  CU_ASSERT_FATAL (lm_ctmc_evaluate (c, k, &ch, &error));
  CU_ASSERT (ch.k == k && cf.k == k);
  CU_ASSERT (rel_close (ch.unavailability, cf.unavailability, 1e-12));
  CU_ASSERT (rel_close (ch.availability, cf.availability, 1e-12));
  CU_ASSERT (rel_close (ch.outages_per_year, cf.outages_per_year, 1e-12));
  CU_ASSERT (rel_close (ch.mean_outage_h, cf.mean_outage_h, 1e-12));
  return cf;
}

static void
test_issue8_2x2 (void)
{
  LmAvailDesign d;
  lm_avail_design_init (&d, 2, 2, LM_AVAIL_DATA_DEFAULT);
  CU_ASSERT (lm_avail_criterion_k (LM_AVAIL_CRIT_REACHABILITY, &d) == 1);
  CU_ASSERT (lm_avail_criterion_k (LM_AVAIL_CRIT_HALF_CAPACITY, &d) == 2);
  CU_ASSERT (lm_avail_criterion_k (LM_AVAIL_CRIT_FULL_CAPACITY, &d) == 4);

  LmAvailExact r = exact (2, 2, LM_AVAIL_DATA_DEFAULT, 1);
  assert_digits (r.unavailability, "3.358619937e-8");
  assert_digits (r.outages_per_year, "7.633903540e-5");
  assert_digits (r.mean_outage_h, "3.8540585");
  assert_digits (exact (2, 2, LM_AVAIL_DATA_DEFAULT, 2).unavailability, "6.242195624e-7");
  assert_digits (exact (2, 2, LM_AVAIL_DATA_DEFAULT, 4).unavailability, "3.586141e-3");
}

static void
test_issue8_designs (void)
{
  assert_digits (exact (1, 2, LM_AVAIL_DATA_DEFAULT, 1).unavailability, "1.832654e-4");
  assert_digits (exact (2, 1, LM_AVAIL_DATA_DEFAULT, 1).unavailability, "9.780679e-7");
  assert_digits (exact (2, 2, LM_AVAIL_DATA_STRESS, 1).unavailability, "3.0791362e-3");
}

/* The pair figures are the exact series of failure-data.md §3.2; quoted
 * rounded as 1698.43 h / 1.3709 h, which moves results by < 2e-6. */
static void
test_default_data (void)
{
  LmAvailDesign d, r;
  lm_avail_design_init (&d, 2, 2, LM_AVAIL_DATA_DEFAULT);
  lm_avail_design_init (&r, 2, 2, LM_AVAIL_DATA_DEFAULT_ROUNDED);
  CU_ASSERT (fabs (d.pair.mtbf_h - 1698.43) < 0.005);
  CU_ASSERT (fabs (d.pair.mttr_h - 1.3709) < 0.00005);
  CU_ASSERT (rel_close (LM_AVAIL_YEAR_H / d.pair.mtbf_h, 5.157714096, 1e-12));
  CU_ASSERT (d.site.mtbf_h == 43800.0 && d.site.mttr_h == 8.0);
  CU_ASSERT (r.pair.mtbf_h == 1698.43 && r.pair.mttr_h == 1.3709);
  for (guint k = 1; k <= 4; k++)
    {
      LmAvailExact a = exact (2, 2, LM_AVAIL_DATA_DEFAULT, k);
      LmAvailExact b = exact (2, 2, LM_AVAIL_DATA_DEFAULT_ROUNDED, k);
      CU_ASSERT (rel_close (b.unavailability, a.unavailability, 2e-6));
      CU_ASSERT (a.unavailability != b.unavailability);
    }
}

/* 1 × 1: the design is up iff both are up: A = A_site · A_pair; it leaves the
 * up state by either failure: f = A·(λ_s + λ_p). */
static void
test_hand_1x1 (void)
{
  LmAvailDesign d = { 1, 1, { 100.0, 1.0 }, { 1000.0, 10.0 } };
  double as = 1000.0 / 1010.0, ap = 100.0 / 101.0;
  g_autoptr (LmCtmc) c = lm_ctmc_new (&d, LM_CTMC_SOLVER_GTH, NULL);
  LmAvailExact x, y;
  CU_ASSERT_FATAL (c != NULL && lm_ctmc_evaluate (c, 1, &x, NULL));
  CU_ASSERT_FATAL (lm_avail_closed_form (&d, 1, &y, NULL));
  for (int i = 0; i < 2; i++)
    {
      const LmAvailExact *e = i ? &y : &x;
      CU_ASSERT (rel_close (e->availability, as * ap, 1e-14));
      CU_ASSERT (rel_close (e->unavailability, 10.0 / 1010.0 + as / 101.0, 1e-14));
      double per_h = as * ap * (1 / 1000.0 + 1 / 100.0);
      CU_ASSERT (rel_close (e->outages_per_year, per_h * 8760, 1e-14));
      CU_ASSERT (rel_close (e->mean_outage_h, e->unavailability / per_h, 1e-14));
    }
  CU_ASSERT (lm_ctmc_n_states (c) == 4 && lm_ctmc_n_components (c) == 2);
  CU_ASSERT (lm_ctmc_carrying (c, 0) == 1 && lm_ctmc_carrying (c, 1) == 0);
  CU_ASSERT (lm_ctmc_carrying (c, 2) == 0 && lm_ctmc_carrying (c, 3) == 0);
}

/* Series and parallel by hand: 1 × 2 reachability fails when the site is
 * down or both pairs are; 2 × 1 when each site-and-pair branch is down. */
static void
test_hand_series_parallel (void)
{
  LmAvailDesign d;
  lm_avail_design_init (&d, 1, 2, LM_AVAIL_DATA_STRESS);
  double qs = 100.0 / 2100.0, as = 2000.0 / 2100.0, qp = 50.0 / 550.0, ap = 500.0 / 550.0;
  CU_ASSERT (rel_close (exact (1, 2, LM_AVAIL_DATA_STRESS, 1).unavailability,
                        qs + as * qp * qp, 1e-14));
  CU_ASSERT (rel_close (exact (1, 2, LM_AVAIL_DATA_STRESS, 2).availability, as * ap * ap, 1e-14));
  double branch = qs + as * qp;
  CU_ASSERT (rel_close (exact (2, 1, LM_AVAIL_DATA_STRESS, 1).unavailability,
                        branch * branch, 1e-14));
  /* 2 × 1 fails from one branch down when the other branch's site or pair
   * fails: f = 2·(1−branch)·branch·(λ_s + λ_p). */
  double per_h = 2 * (1 - branch) * branch * (1 / 2000.0 + 1 / 500.0);
  CU_ASSERT (rel_close (exact (2, 1, LM_AVAIL_DATA_STRESS, 1).outages_per_year,
                        per_h * 8760, 1e-13));
}

/* The chain's solution is the product form of independent components. */
static void
check_product_form (const LmCtmc *c, const LmAvailDesign *d)
{
  for (guint x = 0; x < lm_ctmc_n_states (c); x++)
    {
      double p = 1;
      for (guint i = 0; i < lm_ctmc_n_components (c); i++)
        {
          const LmClassRates *r = i < d->sites ? &d->site : &d->pair;
          p *= (x & (1u << i) ? r->mttr_h : r->mtbf_h) / (r->mtbf_h + r->mttr_h);
        }
      CU_ASSERT (rel_close (lm_ctmc_pi (c, x), p, 1e-12));
    }
  CU_ASSERT (lm_ctmc_balance_residual (c) < 1e-13);
}

static void
check_design (guint S, guint M, LmAvailData data, LmCtmcSolver solver)
{
  LmAvailDesign d;
  lm_avail_design_init (&d, S, M, data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmCtmc) c = lm_ctmc_new (&d, solver, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (c);
  check_product_form (c, &d);
  double last = 0;
  for (guint k = 1; k <= S * M; k++)
    {
      LmAvailExact ch, cf;
      CU_ASSERT_FATAL (lm_ctmc_evaluate (c, k, &ch, NULL));
      CU_ASSERT_FATAL (lm_avail_closed_form (&d, k, &cf, NULL));
      CU_ASSERT (rel_close (ch.unavailability, cf.unavailability, 1e-12));
      CU_ASSERT (rel_close (ch.outages_per_year, cf.outages_per_year, 1e-12));
      CU_ASSERT (fabs (ch.availability + ch.unavailability - 1) < 1e-13);   /* ≤ 1024 terms */
      CU_ASSERT (ch.unavailability > last);    /* a stricter criterion fails more */
      last = ch.unavailability;
    }
}

static void
test_every_k (void)
{
  static const guint designs[][2] = { { 1, 1 }, { 1, 3 }, { 3, 1 }, { 2, 2 }, { 3, 2 }, { 2, 3 } };
  for (guint i = 0; i < G_N_ELEMENTS (designs); i++)
    for (LmAvailData data = LM_AVAIL_DATA_DEFAULT; data <= LM_AVAIL_DATA_STRESS; data++)
      {
        check_design (designs[i][0], designs[i][1], data, LM_CTMC_SOLVER_GTH);
        check_design (designs[i][0], designs[i][1], data, LM_CTMC_SOLVER_LU);
      }
}

/* The largest chains held: 1024 states; π as small as 1e-24 still exact. */
static void
test_largest (void)
{
  check_design (2, 4, LM_AVAIL_DATA_DEFAULT, LM_CTMC_SOLVER_GTH);
  check_design (5, 1, LM_AVAIL_DATA_DEFAULT, LM_CTMC_SOLVER_GTH);
  LmAvailDesign d;
  lm_avail_design_init (&d, 5, 1, LM_AVAIL_DATA_DEFAULT);
  g_autoptr (LmCtmc) c = lm_ctmc_new (&d, LM_CTMC_SOLVER_GTH, NULL);
  CU_ASSERT (lm_ctmc_n_states (c) == 1024);
  CU_ASSERT (lm_ctmc_pi (c, 1023) < 1e-30 && lm_ctmc_pi (c, 1023) > 0);
}

static void
test_refusals (void)
{
  LmAvailDesign d;
  LmAvailExact e;
  g_autoptr (GError) error = NULL;
  lm_avail_design_init (&d, 3, 3, LM_AVAIL_DATA_DEFAULT);
  g_autoptr (LmCtmc) c = lm_ctmc_new (&d, LM_CTMC_SOLVER_GTH, &error);
  CU_ASSERT (c == NULL);
  CU_ASSERT (g_error_matches (error, LM_CTMC_ERROR, LM_CTMC_ERROR_TOO_LARGE));
  g_clear_error (&error);
  CU_ASSERT (lm_avail_closed_form (&d, 1, &e, &error) && error == NULL);   /* no limit there */
  CU_ASSERT (e.unavailability > 0 && e.unavailability < 1e-10);

  CU_ASSERT (!lm_avail_closed_form (&d, 0, &e, &error));
  CU_ASSERT (g_error_matches (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID));
  g_clear_error (&error);
  CU_ASSERT (!lm_avail_closed_form (&d, 10, &e, &error));
  CU_ASSERT (g_error_matches (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID));
  g_clear_error (&error);

  LmAvailDesign bad[] = {
    { 0, 2, { 100, 1 }, { 100, 1 } }, { 2, 0, { 100, 1 }, { 100, 1 } },
    { 1, 1, { 0, 1 }, { 100, 1 } }, { 1, 1, { 100, -1 }, { 100, 1 } },
    { 1, 1, { 100, 1 }, { NAN, 1 } }, { 1, 1, { 100, 1 }, { 100, INFINITY } },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (LmCtmc) b = lm_ctmc_new (&bad[i], LM_CTMC_SOLVER_GTH, &error);
      CU_ASSERT (b == NULL && g_error_matches (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID));
      g_clear_error (&error);
      CU_ASSERT (!lm_avail_closed_form (&bad[i], 1, &e, &error));
      CU_ASSERT (g_error_matches (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID));
      g_clear_error (&error);
    }

  lm_avail_design_init (&d, 2, 2, LM_AVAIL_DATA_DEFAULT);
  g_autoptr (LmCtmc) ok = lm_ctmc_new (&d, LM_CTMC_SOLVER_GTH, NULL);
  CU_ASSERT (!lm_ctmc_evaluate (ok, 5, &e, &error));
  CU_ASSERT (g_error_matches (error, LM_CTMC_ERROR, LM_CTMC_ERROR_INVALID));
}

static void
test_criteria (void)
{
  LmAvailDesign d;
  lm_avail_design_init (&d, 3, 1, LM_AVAIL_DATA_DEFAULT);
  CU_ASSERT (lm_avail_criterion_k (LM_AVAIL_CRIT_HALF_CAPACITY, &d) == 2);   /* ceil(3/2) */
  CU_ASSERT (lm_avail_criterion_k (LM_AVAIL_CRIT_FULL_CAPACITY, &d) == 3);
  lm_avail_design_init (&d, 1, 1, LM_AVAIL_DATA_DEFAULT);
  CU_ASSERT (lm_avail_criterion_k (LM_AVAIL_CRIT_HALF_CAPACITY, &d) == 1);
  CU_ASSERT_STRING_EQUAL (lm_avail_criterion_name (LM_AVAIL_CRIT_REACHABILITY), "reachability");
  CU_ASSERT_STRING_EQUAL (lm_avail_criterion_name (LM_AVAIL_CRIT_HALF_CAPACITY), "half_capacity");
  CU_ASSERT_STRING_EQUAL (lm_avail_criterion_name (LM_AVAIL_CRIT_FULL_CAPACITY), "full_capacity");
}

LM_SUITE (analysis_ctmc) = {
  { "2 × 2 default data: the exact values quoted in issue 8", test_issue8_2x2 },
  { "1 × 2, 2 × 1 and stress data: the exact values quoted in issue 8", test_issue8_designs },
  { "default pair data is the failure-data series; rounded figures move < 2e-6", test_default_data },
  { "1 site × 1 pair: A = A_site · A_pair, f = A·(λ_s + λ_p)", test_hand_1x1 },
  { "1 × 2 and 2 × 1 match series/parallel formulas by hand", test_hand_series_parallel },
  { "chain (GTH and LU) and closed form agree for every k; π is product form", test_every_k },
  { "1024-state chains: exact down to π ≈ 1e-34", test_largest },
  { "bad designs, k out of range and too-large chains are refused", test_refusals },
  { "criteria map to k and to their JSON names", test_criteria },
  CU_TEST_INFO_NULL,
};
