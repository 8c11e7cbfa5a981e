/* tests/analysis/test-plot.c — --plot DIR: scripts and their data are
 * written, rendered as PNG and SVG when gnuplot is here, and a directory
 * that cannot be made is an error that leaves nothing behind. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include "tests/lm-test.h"
#include "analysis/plot.h"

static LmRun *
run_file (const char *name, LmScenario **sc_out)
{
  g_autofree char *rel = g_strconcat ("scenarios/", name, NULL);
  g_autofree char *path = lm_test_srcpath (rel);
  g_autoptr (GError) error = NULL;
  *sc_out = lm_scenario_load (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (*sc_out);
  LmRun *run = lm_run_new (*sc_out, 0, LM_RUN_SERIES, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);
  CU_ASSERT_TRUE (lm_run_execute (run, &error));
  return run;
}

static char *
read_file (const char *dir, const char *name, gsize *len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;
  if (!g_file_get_contents (path, &text, len, NULL))
    return NULL;
  return text;
}

/* NAME.gp exists and mentions a title; with gnuplot, NAME.png is a PNG and
 * NAME.svg an SVG, both non-empty. */
static void
assert_figure (const char *dir, const char *name, gboolean rendered)
{
  g_autofree char *gp_name = g_strconcat (name, ".gp", NULL);
  g_autofree char *png_name = g_strconcat (name, ".png", NULL);
  g_autofree char *svg_name = g_strconcat (name, ".svg", NULL);
  gsize len = 0;
  g_autofree char *gp = read_file (dir, gp_name, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL (gp);
  CU_ASSERT_PTR_NOT_NULL (strstr (gp, "set title"));
  CU_ASSERT_PTR_NOT_NULL (strstr (gp, "label"));   /* axes are named */
  g_autofree char *png = read_file (dir, png_name, &len);
  if (!rendered)
    {
      CU_ASSERT_PTR_NULL (png);
      return;
    }
  CU_ASSERT_PTR_NOT_NULL_FATAL (png);
  CU_ASSERT (len > 1000 && memcmp (png, "\x89PNG", 4) == 0);
  g_autofree char *svg = read_file (dir, svg_name, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL (svg);
  CU_ASSERT (len > 1000 && strstr (svg, "<svg") != NULL);
}

static void
test_run_figures (void)
{
  LmScenario *sc_;
  g_autoptr (LmRun) run = run_file ("site-failure.sc", &sc_);
  g_autoptr (LmScenario) sc = sc_;
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-plot-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = NULL;
  gboolean ok = lm_plot_run (run, tmp, &names, &error);
  if (!ok)
    fprintf (stderr, "%s\n", error->message);
  CU_ASSERT_TRUE_FATAL (ok);
  const char *want[] = { "states", "capacity-ic1", "latency-ic1", "loss-ic1", "latency-cdf" };
  CU_ASSERT_EQUAL_FATAL (names->len, G_N_ELEMENTS (want));
  gboolean rendered = lm_plot_gnuplot_available ();
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      CU_ASSERT_STRING_EQUAL (names->pdata[i], want[i]);
      assert_figure (tmp, want[i], rendered);
    }
  /* the data: a row per change and one at the end; the states' rows */
  g_autofree char *dat = read_file (tmp, "series-ic1.dat", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (dat);
  guint lines = 0;
  for (const char *c = dat; *c; c++)
    lines += *c == '\n';
  CU_ASSERT_EQUAL (lines, 1 + lm_series_points (lm_run_series (run), 0)->len + 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (dat, "\n7200.000000000 "));
  g_autofree char *states = read_file (tmp, "states.gp", NULL);
  CU_ASSERT_PTR_NOT_NULL (strstr (states, "\"ic1.B.rp2  BGP ipv6\" 23"));
  lm_test_rm_rf (tmp);
}

/* Without gnuplot the scripts are written all the same, and nothing else. */
static void
test_without_gnuplot (void)
{
  LmScenario *sc_;
  g_autoptr (LmRun) run = run_file ("site-failure.sc", &sc_);
  g_autoptr (LmScenario) sc = sc_;
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-plot-XXXXXX", NULL);
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_setenv ("PATH", "/nonexistent", TRUE);
  CU_ASSERT_FALSE (lm_plot_gnuplot_available ());
  g_autoptr (GError) error = NULL;
  gboolean ok = lm_plot_run (run, tmp, NULL, &error);
  if (path != NULL)
    g_setenv ("PATH", path, TRUE);
  else
    g_unsetenv ("PATH");
  CU_ASSERT_TRUE (ok);
  assert_figure (tmp, "states", FALSE);
  assert_figure (tmp, "loss-ic1", FALSE);
  lm_test_rm_rf (tmp);
}

static void
test_uncreatable_dir (void)
{
  LmScenario *sc_;
  g_autoptr (LmRun) run = run_file ("site-failure.sc", &sc_);
  g_autoptr (LmScenario) sc = sc_;
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-plot-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (tmp, "plain", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (file, "x", -1, NULL));
  g_autofree char *dir = g_build_filename (file, "figures", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (lm_plot_run (run, dir, NULL, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  g_autoptr (GDir) d = g_dir_open (tmp, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  CU_ASSERT_EQUAL (n, 1);
  g_clear_error (&error);
  const LmPlotDesign one = { "x", { 0.9, 0.9, 0.9 }, { 0.8, 0.8, 0.8 }, { 1, 1, 1 } };
  CU_ASSERT_FALSE (lm_plot_designs (dir, &one, 1, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  lm_test_rm_rf (tmp);
}

static void
test_designs (void)
{
  const LmPlotDesign d[] = {
    { "sites=1 pairs-per-site=1", { 0.9995, 0.9995, 0.9995 }, { 0.9993, 0.9993, 0.9993 },
      { 0.9997, 0.9997, 0.9997 } },
    { "sites=1 pairs-per-site=2", { 0.99985, 0.9992, 0.9990 }, { 0.9998, 0.9990, 0.9988 },
      { 0.9999, 0.9994, 0.9992 } },
    { "sites=2 pairs-per-site=2", { 1.0, 0.99995, 0.9985 }, { 0.999999, 0.9999, 0.9983 },
      { 1.0, 1.0, 0.9987 } },
  };
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-plot-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  gboolean ok = lm_plot_designs (tmp, d, G_N_ELEMENTS (d), &error);
  if (!ok)
    fprintf (stderr, "%s\n", error->message);
  CU_ASSERT_TRUE_FATAL (ok);
  assert_figure (tmp, "designs", lm_plot_gnuplot_available ());
  g_autofree char *dat = read_file (tmp, "designs.dat", NULL);
  g_auto (GStrv) lines = g_strsplit (dat, "\n", -1);
  CU_ASSERT_EQUAL (g_strv_length (lines), 1 + 3 + 1);
  /* downtime per year: 0.0005 × 525,600 min = 262.8 min */
  CU_ASSERT_TRUE_FATAL (g_str_has_prefix (lines[1], "0 \"sites=1 pairs-per-site=1\" "));
  double mean = g_ascii_strtod (lines[1] + strlen ("0 \"sites=1 pairs-per-site=1\" "), NULL);
  CU_ASSERT_DOUBLE_EQUAL (mean, 262.8, 1e-6);
  g_autofree char *gp = read_file (tmp, "designs.gp", NULL);
  CU_ASSERT_PTR_NOT_NULL (strstr (gp, "logscale y"));
  CU_ASSERT_PTR_NOT_NULL (strstr (gp, "downtime per year (minutes"));
  lm_test_rm_rf (tmp);
}

static void
test_mttr (void)
{
  LmAvailDesign design;
  lm_avail_design_init (&design, 2, 2, LM_AVAIL_DATA_STRESS);
  LmPlotEstimate mc = { "Monte Carlo (test)", design.pair.mttr_h,
                        { 0.99, 0.9, 0.8 }, { 0.98, 0.88, 0.78 }, { 0.995, 0.92, 0.82 } };
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-plot-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  gboolean ok = lm_plot_mttr (tmp, &design, &mc, 1, &error);
  if (!ok)
    fprintf (stderr, "%s\n", error->message);
  CU_ASSERT_TRUE_FATAL (ok);
  assert_figure (tmp, "mttr", lm_plot_gnuplot_available ());
  g_autofree char *dat = read_file (tmp, "mttr.dat", NULL);
  g_auto (GStrv) lines = g_strsplit (dat, "\n", -1);
  CU_ASSERT_EQUAL (g_strv_length (lines), 1 + 61 + 1);
  /* row 21 is MTTR 1 h: the closed form's downtime, and it grows with MTTR */
  g_auto (GStrv) f = g_strsplit (lines[21], " ", -1);
  CU_ASSERT_EQUAL (g_ascii_strtod (f[0], NULL), 1.0);
  LmAvailDesign at1 = design;
  at1.pair.mttr_h = 1.0;
  LmAvailExact ex;
  CU_ASSERT_TRUE (lm_avail_closed_form (&at1, 1, &ex, NULL));
  CU_ASSERT_DOUBLE_EQUAL (g_ascii_strtod (f[1], NULL), ex.unavailability * 525600.0,
                          1e-12 * ex.unavailability * 525600.0);
  double prev = 0;
  for (guint i = 1; i <= 61; i++)
    {
      g_auto (GStrv) g = g_strsplit (lines[i], " ", -1);
      double v = g_ascii_strtod (g[1], NULL);
      CU_ASSERT (v > prev);
      prev = v;
    }
  g_autofree char *pts = read_file (tmp, "mttr-mc.dat", NULL);
  CU_ASSERT_PTR_NOT_NULL (pts);
  lm_test_rm_rf (tmp);
}

LM_SUITE (analysis_plot) = {
  { "one run's figures: scripts, data, PNG and SVG", test_run_figures },
  { "without gnuplot the scripts are still written", test_without_gnuplot },
  { "a directory that cannot be made is an error and leaves nothing", test_uncreatable_dir },
  { "design comparison: downtime per year with intervals", test_designs },
  { "availability against MTTR: the exact curve and the estimate", test_mttr },
  CU_TEST_INFO_NULL,
};
