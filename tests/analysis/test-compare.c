/* tests/analysis/test-compare.c — design comparison: ranking, the table,
 * JSON and CSV a user reads; JUnit XML that CI servers parse. */
#include <string.h>
#include <json-glib/json-glib.h>
#include "tests/lm-test.h"
#include "analysis/compare.h"
#include "analysis/junit.h"

static LmScenario *
design (guint sites, guint pairs)
{
  g_autofree char *text = g_strdup_printf (
    "scenario \"cmp\"\nseed 5\nduration 30d\n"
    "interconnect ic1 {\n partner lumen\n metro new-york\n bandwidth 10Gbps\n"
    " gateway g attach transit-gateway\n families ipv4\n sites %u\n pairs-per-site %u\n}\n"
    "traffic ic1 { rate 2Gbps flows 16 }\n"
    "failures { preset stress }\n"
    "expect ic1 availability >= 99%%\n", sites, pairs);
  return lm_scenario_parse_string (text, "cmp.sc", NULL, NULL);
}

static LmComparison *
three_designs (void)
{
  static const guint shapes[3][2] = { { 1, 1 }, { 2, 2 }, { 1, 2 } };
  LmComparison *c = lm_comparison_new ();
  guint64 n = (guint64) lm_test_size (40, 16);
  for (guint i = 0; i < 3; i++)
    {
      LmScenario *sc = design (shapes[i][0], shapes[i][1]);
      CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
      LmReplication *rep = lm_replicate (sc, n, 2, NULL);
      CU_ASSERT_PTR_NOT_NULL_FATAL (rep);
      g_autofree char *label = g_strdup_printf ("sites=%u pairs-per-site=%u", shapes[i][0], shapes[i][1]);
      char *set[] = { g_strdup_printf ("sites=%u", shapes[i][0]),
                      g_strdup_printf ("pairs-per-site=%u", shapes[i][1]), NULL };
      lm_comparison_add (c, label, g_strdupv (set), sc, rep);
      g_free (set[0]);
      g_free (set[1]);
    }
  return c;
}

/* Under stress data the redundant design is best and the 1 x 1 worst; the
 * table lists them in that order and the JSON and CSV agree. */
static void
test_ranking (void)
{
  g_autoptr (LmComparison) c = three_designs ();
  g_autofree guint *order = lm_comparison_ranking (c, 0);
  CU_ASSERT_EQUAL (order[0], 1);
  CU_ASSERT_EQUAL (order[1], 2);
  CU_ASSERT_EQUAL (order[2], 0);
  g_autofree char *text = lm_comparison_text (c);
  const char *a = strstr (text, "sites=2 pairs-per-site=2"), *b = strstr (text, "sites=1 pairs-per-site=1");
  CU_ASSERT (a != NULL && b != NULL && a < b);
  g_autofree char *json = lm_comparison_json (c, "sha");
  g_autoptr (JsonParser) p = json_parser_new ();
  CU_ASSERT_FATAL (json_parser_load_from_data (p, json, -1, NULL));
  JsonArray *designs = json_object_get_array_member (json_node_get_object (json_parser_get_root (p)), "designs");
  CU_ASSERT_EQUAL (json_array_get_length (designs), 3);
  JsonObject *d1 = json_array_get_object_element (designs, 1);
  CU_ASSERT_EQUAL (json_object_get_int_member (d1, "rank"), 1);
  CU_ASSERT_STRING_EQUAL (json_object_get_string_member (json_object_get_object_member (d1, "set"), "sites"), "2");
  g_autofree char *csv = lm_comparison_csv (c);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  CU_ASSERT_EQUAL (g_strv_length (lines), 5);   /* header, three rows, empty tail */
  CU_ASSERT (g_str_has_prefix (lines[1], "sites=2 pairs-per-site=2,1,ic1,"));
  g_auto (GStrv) head = g_strsplit (lines[0], ",", -1), row = g_strsplit (lines[1], ",", -1);
  CU_ASSERT_EQUAL (g_strv_length (head), g_strv_length (row));
}

/* JUnit: counts per suite and in total, names "LINE: text", escaped
 * markup, <failure> and <error>. */
static void
test_junit (void)
{
  g_autoptr (LmJunit) j = lm_junit_new ();
  lm_junit_suite (j, "a.sc", "a.sc", 0.5);
  lm_junit_case (j, 21, "ic1 convergence <= 1s", TRUE, "860 ms");
  lm_junit_case (j, 22, "ic1 loss <= 0.1% & \"more\"", FALSE, "0.5 %");
  lm_junit_suite (j, "b.sc", "b.sc", 0);
  lm_junit_error (j, "b.sc:3:1: unknown statement 'x'");
  g_autofree char *xml = lm_junit_text (j);
  CU_ASSERT (strstr (xml, "<testsuites name=\"lmsim\" tests=\"3\" failures=\"1\" errors=\"1\"") != NULL);
  CU_ASSERT (strstr (xml, "<testsuite name=\"a.sc\" tests=\"2\" failures=\"1\" errors=\"0\"") != NULL);
  CU_ASSERT (strstr (xml, "<testcase name=\"21: ic1 convergence &lt;= 1s\" classname=\"a.sc\"") != NULL);
  CU_ASSERT (strstr (xml, "22: ic1 loss &lt;= 0.1% &amp; &quot;more&quot;") != NULL);
  CU_ASSERT (strstr (xml, "<failure message=\"measured 0.5 %\"") != NULL);
  CU_ASSERT (strstr (xml, "<error message=\"b.sc:3:1: unknown statement &apos;x&apos;\"") != NULL);
  /* well formed: GLib's markup parser reads it to the end */
  GMarkupParser none = { 0 };
  g_autoptr (GMarkupParseContext) ctx = g_markup_parse_context_new (&none, 0, NULL, NULL);
  const char *body = strstr (xml, "<testsuites");
  CU_ASSERT (g_markup_parse_context_parse (ctx, body, -1, NULL));
  CU_ASSERT (g_markup_parse_context_end_parse (ctx, NULL));
}

LM_SUITE (analysis_compare) = {
  { "designs ranked best first in the table, JSON and CSV", test_ranking },
  { "JUnit XML: counts, LINE: text names, escaping, failure and error", test_junit },
  CU_TEST_INFO_NULL,
};
