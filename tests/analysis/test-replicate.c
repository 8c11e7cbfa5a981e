/* tests/analysis/test-replicate.c — Monte Carlo replications: the same
 * answer for every -j, and estimates that agree with the exact solution. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "analysis/replicate.h"
#include "analysis/replicate-report.h"
#include "analysis/ctmc.h"
#include "analysis/replicate-io.h"

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

typedef struct {
  GString *rows;
  guint64 last_done;
  gboolean monotonic;
} Sink;

static void
sink_rows (const char *rows, gpointer data)
{
  g_string_append (((Sink *) data)->rows, rows);
}

static void
sink_progress (guint64 done, guint64 n, gpointer data)
{
  Sink *s = data;
  s->monotonic = s->monotonic && done > s->last_done && done <= n;
  s->last_done = done;
}

/* Per-replication rows arrive in replication order, the same for -j 1 and
 * -j 2; progress reaches n in increasing steps. */
static void
test_rows_in_order (void)
{
  g_autoptr (LmScenario) sc = design (2, 1, "10d");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  guint64 n = (guint64) lm_test_size (100, 40);
  Sink a = { g_string_new (NULL), 0, TRUE }, b = { g_string_new (NULL), 0, TRUE };
  LmReplicateOptions oa = { .jobs = 1, .progress = sink_progress, .rows = sink_rows, .user_data = &a };
  LmReplicateOptions ob = { .jobs = 2, .progress = sink_progress, .rows = sink_rows, .user_data = &b };
  g_autoptr (LmReplication) ra = lm_replicate_with (sc, n, &oa, NULL);
  g_autoptr (LmReplication) rb = lm_replicate_with (sc, n, &ob, NULL);
  CU_ASSERT_STRING_EQUAL (a.rows->str, b.rows->str);
  CU_ASSERT (a.monotonic && b.monotonic);
  CU_ASSERT_EQUAL (a.last_done, n);
  g_auto (GStrv) lines = g_strsplit (a.rows->str, "\n", -1);
  CU_ASSERT_EQUAL (g_strv_length (lines), n + 1);   /* n rows and the empty tail */
  for (guint64 r = 0; r < n; r++)
    {
      g_autofree char *start = g_strdup_printf ("%" G_GUINT64_FORMAT ",ic1,", r);
      CU_ASSERT (g_str_has_prefix (lines[r], start));
    }
  /* the header names as many columns as a row has */
  g_auto (GStrv) head = g_strsplit (lm_replication_csv_header (), ",", -1);
  g_auto (GStrv) cols = g_strsplit (lines[0], ",", -1);
  CU_ASSERT_EQUAL (g_strv_length (head), g_strv_length (cols));
  g_string_free (a.rows, TRUE);
  g_string_free (b.rows, TRUE);
}

/* Outages per year and mean outage duration agree with the exact model
 * (stress data, component reachability of the 1 x 1 design: outage
 * frequency and mean duration from the closed form), within 4 standard
 * errors; the months are all counted. */
static void
test_outages_match_exact (void)
{
  g_autoptr (LmScenario) sc = design (1, 1, "1y");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  guint64 n = (guint64) lm_test_size (200, 60);
  g_autoptr (LmReplication) rep = lm_replicate (sc, n, 2, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rep);
  LmAvailDesign d;
  g_autofree char *why = NULL;
  CU_ASSERT_FATAL (lm_replication_exact_design (sc, 0, &d, &why));
  LmAvailExact x;
  CU_ASSERT_FATAL (lm_avail_closed_form (&d, 1, &x, NULL));
  const LmReplicaStats *s = lm_replication_stats (rep, 0);
  const LmMoments *per_year = &s->outages_per_year[LM_AVAIL_COMPONENT_REACHABILITY];
  double se = lm_moments_sd (per_year) / sqrt ((double) per_year->n);
  CU_ASSERT (fabs (per_year->mean - x.outages_per_year) <= 4 * se);
  double mean_h = lm_ratio_estimate (&s->outage_s[LM_AVAIL_COMPONENT_REACHABILITY]) / 3600;
  double se_h = lm_ratio_se (&s->outage_s[LM_AVAIL_COMPONENT_REACHABILITY]) / 3600;
  CU_ASSERT (fabs (mean_h - x.mean_outage_h) <= 4 * se_h);
  CU_ASSERT_EQUAL (s->months[LM_AVAIL_REACHABILITY].months, 12 * n);
}

/* A slice of chunks [first, end) written as JSON, parsed back: the chunk
 * objects (kept alive by @parsers). */
static void
slice_chunks (const LmScenario *sc, guint64 n, guint64 first, guint64 end, GPtrArray *chunks,
              GPtrArray *parsers)
{
  LmReplicateOptions opt = { .jobs = 2, .first_chunk = first, .end_chunk = end };
  g_autoptr (LmReplication) rep = lm_replicate_with (sc, n, &opt, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rep);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  lm_replication_chunks_json (b, rep);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, FALSE);
  JsonParser *p = json_parser_new ();
  CU_ASSERT_FATAL (json_parser_load_from_data (p, text, -1, NULL));
  g_ptr_array_add (parsers, p);
  JsonArray *a = json_object_get_array_member (json_node_get_object (json_parser_get_root (p)), "chunks");
  for (guint i = 0; i < json_array_get_length (a); i++)
    g_ptr_array_add (chunks, json_array_get_object_element (a, i));
}

/* Cut into slices of whole chunks, written as JSON and read back, a run
 * gives the JSON of the whole run, bit for bit; a missing or doubled
 * chunk is refused. */
static void
test_slices_assemble (void)
{
  g_autoptr (LmScenario) sc = design (2, 2, "20d");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  guint64 n = (guint64) lm_test_size (2000, 600);   /* several chunks of 256 */
  guint64 chunks_n = lm_replicate_n_chunks (n);
  CU_ASSERT_FATAL (chunks_n >= 3);
  g_autoptr (LmReplication) whole = lm_replicate (sc, n, 2, NULL);
  g_autofree char *want_json = lm_replication_json (whole, "x", "y");
  g_autofree char *want = results_only (want_json);
  g_autoptr (GPtrArray) chunks = g_ptr_array_new ();
  g_autoptr (GPtrArray) parsers = g_ptr_array_new_with_free_func (g_object_unref);
  slice_chunks (sc, n, 1, chunks_n, chunks, parsers);   /* out of order on purpose */
  slice_chunks (sc, n, 0, 1, chunks, parsers);
  g_autoptr (LmReplication) joined = lm_replication_assemble (sc, n, chunks, 0, 1, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (joined);
  g_autofree char *got_json = lm_replication_json (joined, "x", "y");
  g_autofree char *got = results_only (got_json);
  CU_ASSERT_STRING_EQUAL (got, want);
  g_autoptr (GError) error = NULL;
  g_ptr_array_remove_index (chunks, 0);
  CU_ASSERT_PTR_NULL (lm_replication_assemble (sc, n, chunks, 0, 1, &error));
  CU_ASSERT (error != NULL && strstr (error->message, "missing") != NULL);
  g_clear_error (&error);
  g_ptr_array_add (chunks, chunks->pdata[0]);
  g_ptr_array_add (chunks, chunks->pdata[0]);
  CU_ASSERT_PTR_NULL (lm_replication_assemble (sc, n, chunks, 0, 1, &error));
  CU_ASSERT (error != NULL && strstr (error->message, "two parts") != NULL);
}

/* site-failure.sc over replications: its scripted site failure is
 * detected, converges and is restored in every replication, within the
 * bounds BFD (300 ms × 3) and the repair allow; JSON carries the figures. */
static void
test_scripted_failures (void)
{
  g_autofree char *path = lm_test_srcpath ("scenarios/site-failure.sc");
  g_autoptr (LmScenario) sc = lm_scenario_load (path, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  guint64 n = (guint64) lm_test_size (24, 6);
  g_autoptr (LmReplication) rep = lm_replicate (sc, n, 2, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (rep);
  CU_ASSERT_EQUAL_FATAL (sc->failures->len, 1);
  const LmScriptedStats *f = lm_replication_scripted (rep, 0);
  CU_ASSERT_EQUAL (f->detect_s.n, n);
  CU_ASSERT_EQUAL (f->converge_s.n, n);
  CU_ASSERT_EQUAL (f->restored_s.n, n);
  CU_ASSERT (f->detect_s.min > 0 && f->detect_s.max <= 0.9);
  CU_ASSERT (f->converge_s.min >= f->detect_s.min && f->converge_s.max < 1.0);
  CU_ASSERT (f->lost_bits.min > 0);
  CU_ASSERT (f->detect_s.m2 > 0);   /* the replications differ (BFD jitter) */
  g_autofree char *json = lm_replication_json (rep, "x", "y");
  CU_ASSERT (strstr (json, "\"failures\" : [") != NULL && strstr (json, "\"lost_packets\" : {") != NULL);
}

LM_SUITE (analysis_replicate) = {
  { "replications give the same JSON for -j 1, 2 and 3", test_same_for_every_j },
  { "Monte Carlo component availability is within 3 SE of the exact value", test_agrees_with_exact },
  { "per-replication rows in replication order, the same for -j 1 and -j 2", test_rows_in_order },
  { "outages per year and mean outage duration match the exact model", test_outages_match_exact },
  { "a scripted failure's detection, convergence and loss over replications", test_scripted_failures },
  { "slices written as JSON and assembled give the whole run's JSON, bit for bit", test_slices_assemble },
  CU_TEST_INFO_NULL,
};
