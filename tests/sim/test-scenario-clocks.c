/* tests/sim/test-scenario-clocks.c — `failures { clocks … }`, its
 * canonical form, and --set failures.clocks / --failure-clocks. */
#include <string.h>
#include "tests/lm-test.h"
#include "sim/scenario.h"

#define HEAD "scenario \"c\"\nduration 1y\ninterconnect ic1 {\n partner lumen\n metro new-york\n" \
             " bandwidth 10Gbps\n gateway g attach transit-gateway\n}\n"

static LmScenario *
parse (const char *text, const LmScenarioOverrides *set, GError **error)
{
  return lm_scenario_parse_string (text, "c.sc", set, error);
}

static void
test_default_and_suspend (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) plain = parse (HEAD "failures { preset default }\n", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (plain);
  CU_ASSERT_EQUAL (plain->failure_clocks, LM_SC_CLOCKS_INDEPENDENT);
  g_autoptr (LmScenario) sc = parse (HEAD "failures {\n clocks suspend\n preset default\n}\n",
                                     NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (sc->failure_clocks, LM_SC_CLOCKS_SUSPEND);
  CU_ASSERT_EQUAL (sc->failure_clocks_loc.line, 10);
  CU_ASSERT_EQUAL (sc->failure_classes->len, 2);   /* the classes are untouched */
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (HEAD "failures { router-pair mtbf 500h mttr exp(50h) "
                                     "clocks suspend }\n", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autofree char *text = lm_scenario_print (sc);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\nfailures {\n    clocks suspend\n    router-pair "));
  g_autoptr (LmScenario) again = parse (text, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  CU_ASSERT_EQUAL (again->failure_clocks, LM_SC_CLOCKS_SUSPEND);
  g_autofree char *text2 = lm_scenario_print (again);
  CU_ASSERT_STRING_EQUAL (text, text2);
  /* the default is not printed; a block of clocks alone still is */
  g_autoptr (LmScenario) ind = parse (HEAD "failures { clocks independent }\n", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (ind);
  g_autofree char *t3 = lm_scenario_print (ind);
  CU_ASSERT_PTR_NULL (strstr (t3, "clocks"));
  g_autoptr (LmScenario) alone = parse (HEAD "failures { clocks suspend }\n", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (alone);
  g_autofree char *t4 = lm_scenario_print (alone);
  CU_ASSERT_PTR_NOT_NULL (strstr (t4, "\nfailures {\n    clocks suspend\n}\n"));
}

static void
test_overrides (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  CU_ASSERT_TRUE (lm_scenario_overrides_add (set, "failures.clocks=suspend", &error));
  g_autoptr (LmScenario) sc = parse (HEAD "failures { preset stress }\n", set, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (sc->failure_clocks, LM_SC_CLOCKS_SUSPEND);
  /* --failure-clocks is the same override; the file's own line loses */
  g_autoptr (LmScenarioOverrides) opt = lm_scenario_overrides_new ();
  CU_ASSERT_TRUE (lm_scenario_overrides_add_key (opt, "--failure-clocks", "failures.clocks",
                                                 "independent", &error));
  g_autoptr (LmScenario) back = parse (HEAD "failures { clocks suspend }\n", opt, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (back);
  CU_ASSERT_EQUAL (back->failure_clocks, LM_SC_CLOCKS_INDEPENDENT);
}

static void
expect_error (const char *text, const LmScenarioOverrides *set, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = parse (text, set, &error);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (strstr (error->message, message) == NULL)
    g_printerr ("\n  got:      %s\n  expected: %s\n", error->message, message);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, message));
}

static void
test_bad_values (void)
{
  expect_error (HEAD "failures {\n clocks suspnd\n}\n", NULL,
                "c.sc:10:9: error: unknown failure clocks 'suspnd'; did you mean 'suspend'?");
  expect_error (HEAD "failures {\n clocks frozen\n}\n", NULL,
                "c.sc:10:9: error: unknown failure clocks 'frozen' (expected independent or "
                "suspend)");
  expect_error (HEAD "failures {\n clocks\n}\n", NULL,
                "c.sc:10:8: error: expected failure clocks (independent or suspend)");
  expect_error (HEAD "failures {\n clocks 3\n}\n", NULL,
                "c.sc:10:9: error: expected failure clocks (independent or suspend)");
  g_autoptr (LmScenarioOverrides) opt = lm_scenario_overrides_new ();
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (lm_scenario_overrides_add_key (opt, "--failure-clocks", "failures.clocks",
                                                 "bogus", &error));
  expect_error (HEAD, opt, "--failure-clocks bogus: error: unknown failure clocks 'bogus' "
                "(expected independent or suspend)");
}

LM_SUITE (sim_scenario_clocks) = {
  { "clocks are independent unless the failures block says suspend", test_default_and_suspend },
  { "clocks suspend prints canonically and parses back the same", test_round_trip },
  { "--set failures.clocks and --failure-clocks override the file", test_overrides },
  { "bad clocks values are located file:line:col, or name the option", test_bad_values },
  CU_TEST_INFO_NULL,
};
