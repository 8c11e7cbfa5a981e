/* tests/analysis/test-csv.c — --csv DIR: stable columns, one row per change
 * or interval or failure, every digit, and all three files or none. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include "tests/lm-test.h"
#include "analysis/csv.h"
#include "models/traffic.h"

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

#define SITE_FAILURE()                                             \
  LmScenario *sc_;                                                 \
  g_autoptr (LmRun) run = run_file ("site-failure.sc", &sc_);      \
  g_autoptr (LmScenario) sc = sc_;                                 \
  LmSeries *s = lm_run_series (run);                               \
  (void) s

/* Lines without the header, each split on commas (no field here is quoted). */
static GPtrArray *
rows (const char *text, char ***header)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  *header = g_strsplit (lines[0], ",", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_ptr_array_add (out, g_strsplit (lines[i], ",", -1));
  return out;
}

static const char series_header[] =
  "time_s,interconnect,offered_to_cloud_bps,offered_from_cloud_bps,capacity_bps,tier_bps,"
  "port_bps,usable_connections,latency_mean_to_cloud_s,latency_mean_from_cloud_s,reachability,"
  "half_capacity,full_capacity,loss_to_cloud_failover_bps,loss_to_cloud_congestion_bps,"
  "loss_to_cloud_policing_bps,loss_to_cloud_macsec_bps,loss_to_cloud_errors_bps,"
  "loss_from_cloud_failover_bps,loss_from_cloud_congestion_bps,loss_from_cloud_policing_bps,"
  "loss_from_cloud_macsec_bps,loss_from_cloud_errors_bps\n";

static void
test_series_columns_and_rows (void)
{
  SITE_FAILURE ();
  g_autofree char *text = lm_csv_series (run);
  CU_ASSERT_TRUE (g_str_has_prefix (text, series_header));
  g_auto (GStrv) header = NULL;
  g_autoptr (GPtrArray) r = rows (text, &header);
  const GArray *pts = lm_series_points (s, 0);
  CU_ASSERT_EQUAL (r->len, pts->len);
  for (guint i = 0; i < r->len; i++)
    {
      char **f = r->pdata[i];
      CU_ASSERT_EQUAL (g_strv_length (f), g_strv_length (header));
      const LmSeriesPoint *p = &g_array_index (pts, LmSeriesPoint, i);
      /* every nanosecond, every digit */
      CU_ASSERT_TRUE (g_regex_match_simple ("^[0-9]+\\.[0-9]{9}$", f[0], 0, 0));
      CU_ASSERT_EQUAL ((gint64) g_ascii_strtoull (f[0], NULL, 10) * 1000000000
                       + (gint64) g_ascii_strtoull (strchr (f[0], '.') + 1, NULL, 10), p->at);
      CU_ASSERT_STRING_EQUAL (f[1], "ic1");
      CU_ASSERT_EQUAL (g_ascii_strtod (f[8], NULL), p->latency_s[0]);
      CU_ASSERT_EQUAL (g_ascii_strtod (f[13], NULL), p->loss_bps[0][LM_LOSS_FAILOVER]);
      CU_ASSERT_EQUAL (g_ascii_strtod (f[4], NULL), p->capacity_bps);
    }
  /* the failure: a row at exactly 1800 s with capacity halved */
  gboolean seen = FALSE;
  for (guint i = 0; i < r->len; i++)
    if (strcmp (((char **) r->pdata[i])[0], "1800.000000000") == 0)
      {
        seen = TRUE;
        CU_ASSERT_STRING_EQUAL (((char **) r->pdata[i])[4], "20000000000");
      }
  CU_ASSERT_TRUE (seen);
}

static void
test_states_rows (void)
{
  SITE_FAILURE ();
  g_autofree char *text = lm_csv_states (run);
  CU_ASSERT_TRUE (g_str_has_prefix (text, "component,connection,kind,state,from_s,to_s\n"));
  g_auto (GStrv) header = NULL;
  g_autoptr (GPtrArray) r = rows (text, &header);
  CU_ASSERT_EQUAL (r->len, lm_series_intervals (s)->len);
  gboolean idle = FALSE;
  for (guint i = 0; i < r->len; i++)
    {
      char **f = r->pdata[i];
      CU_ASSERT_EQUAL_FATAL (g_strv_length (f), 6);
      if (strcmp (f[0], "ic1.A.rp1.bgp.ipv4.cloud") == 0 && strcmp (f[3], "Idle") == 0)
        {
          idle = TRUE;
          CU_ASSERT_STRING_EQUAL (f[1], "ic1.A.rp1");
          CU_ASSERT_STRING_EQUAL (f[2], "bgp");
          CU_ASSERT_STRING_EQUAL (f[4], "1800.000000000");
          CU_ASSERT (g_ascii_strtod (f[5], NULL) > 3600);
        }
    }
  CU_ASSERT_TRUE (idle);
}

static void
test_failures_rows (void)
{
  SITE_FAILURE ();
  g_autofree char *text = lm_csv_failures (run);
  g_auto (GStrv) header = NULL;
  g_autoptr (GPtrArray) r = rows (text, &header);
  CU_ASSERT_STRING_EQUAL (header[0], "id");
  CU_ASSERT_STRING_EQUAL (header[10], "lost_packets");
  CU_ASSERT_EQUAL_FATAL (r->len, 1);
  char **f = r->pdata[0];
  CU_ASSERT_STRING_EQUAL (f[0], "f1");
  CU_ASSERT_STRING_EQUAL (f[2], "ic1.A");
  CU_ASSERT_STRING_EQUAL (f[3], "site");
  CU_ASSERT_STRING_EQUAL (f[4], "scripted");
  CU_ASSERT_STRING_EQUAL (f[5], "1800.000000000");
  CU_ASSERT_STRING_EQUAL (f[6], "3600.000000000");
  const LmFailureMetrics *fm = lm_metrics_find_failure (lm_run_metrics (run), "f1");
  CU_ASSERT_EQUAL (g_ascii_strtod (f[8], NULL), LM_TIME_TO_S (fm->converge));
  CU_ASSERT_EQUAL (g_ascii_strtod (f[10], NULL), (fm->lost_bits[0] + fm->lost_bits[1]) / 12000.0);
  CU_ASSERT (g_ascii_strtod (f[10], NULL) > 0);
}

static void
test_random_failures_are_rows (void)
{
  LmScenario *sc_;
  g_autoptr (LmRun) run = run_file ("year-of-failures.sc", &sc_);
  g_autoptr (LmScenario) sc = sc_;
  g_autofree char *text = lm_csv_failures (run);
  g_auto (GStrv) header = NULL;
  g_autoptr (GPtrArray) r = rows (text, &header);
  CU_ASSERT_EQUAL (r->len, lm_metrics_n_failures (lm_run_metrics (run)));
  CU_ASSERT (r->len > 3);
  for (guint i = 0; i < r->len; i++)
    {
      char **f = r->pdata[i];
      CU_ASSERT_STRING_EQUAL (f[4], "random");
      CU_ASSERT_TRUE (strcmp (f[3], "router-pair") == 0 || strcmp (f[3], "site") == 0);
    }
}

static void
test_write_creates_dir (void)
{
  SITE_FAILURE ();
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-csv-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "a", "b", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (lm_csv_write (run, dir, &error));
  const char *names[] = { "series.csv", "states.csv", "failures.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = NULL;
      CU_ASSERT_TRUE (g_file_get_contents (path, &text, NULL, NULL));
      CU_ASSERT (text != NULL && strlen (text) > 40);
    }
  lm_test_rm_rf (tmp);
}

/* A directory under a regular file cannot be made: an error, no files. */
static void
test_write_fails_cleanly (void)
{
  SITE_FAILURE ();
  g_autofree char *tmp = g_dir_make_tmp ("lmsim-csv-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (tmp, "plain", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (file, "x", -1, NULL));
  g_autofree char *dir = g_build_filename (file, "out", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (lm_csv_write (run, dir, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  g_autoptr (GDir) d = g_dir_open (tmp, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  CU_ASSERT_EQUAL (n, 1);   /* only "plain" */
  lm_test_rm_rf (tmp);
}

LM_SUITE (analysis_csv) = {
  { "series.csv: stable columns, a row per change, every digit", test_series_columns_and_rows },
  { "states.csv: a row per interval of each component", test_states_rows },
  { "failures.csv: the failure table, as the report counts it", test_failures_rows },
  { "failures.csv lists random failures too", test_random_failures_are_rows },
  { "--csv creates its directory and writes three files", test_write_creates_dir },
  { "--csv into a directory that cannot exist fails, leaving nothing",
    test_write_fails_cleanly },
  CU_TEST_INFO_NULL,
};
