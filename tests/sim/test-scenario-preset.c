/* tests/sim/test-scenario-preset.c — `failures { preset NAME }`. */
#include <string.h>
#include "tests/lm-test.h"
#include "sim/scenario.h"

#define HEAD "scenario \"p\"\nduration 1y\ninterconnect ic1 {\n partner lumen\n metro new-york\n" \
             " bandwidth 10Gbps\n gateway g attach transit-gateway\n}\n"

static const LmScFailureClass *
class_of (const LmScenario *sc, LmScClass k)
{
  return lm_scenario_find_failure_class (sc, k);
}

static void
test_default_preset (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (HEAD "failures { preset default }\n",
                                                        "p.sc", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const LmScFailureClass *pair = class_of (sc, LM_SC_CLASS_ROUTER_PAIR);
  const LmScFailureClass *site = class_of (sc, LM_SC_CLASS_SITE);
  CU_ASSERT_PTR_NOT_NULL_FATAL (pair);
  CU_ASSERT_PTR_NOT_NULL_FATAL (site);
  CU_ASSERT_EQUAL (pair->ttf.kind, LM_SC_DIST_EXP);
  CU_ASSERT_EQUAL (pair->ttf.a, LM_S (6114348));            /* 1698.43 h */
  CU_ASSERT_EQUAL (pair->ttr.a, LM_MS (4935240));           /* 1.3709 h */
  CU_ASSERT_EQUAL (site->ttf.a, LM_H (43800));
  CU_ASSERT_EQUAL (site->ttr.a, LM_H (8));
  CU_ASSERT_PTR_NULL (class_of (sc, LM_SC_CLASS_LINK));     /* every other class off */
}

static void
test_preset_then_override (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (
    HEAD "failures {\n preset stress\n site mttr 2h\n}\n", "p.sc", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (class_of (sc, LM_SC_CLASS_ROUTER_PAIR)->ttf.a, LM_H (500));
  CU_ASSERT_EQUAL (class_of (sc, LM_SC_CLASS_SITE)->ttf.a, LM_H (2000));
  CU_ASSERT_EQUAL (class_of (sc, LM_SC_CLASS_SITE)->ttr.a, LM_H (2));   /* last wins */
}

static void
test_unknown_preset (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (HEAD "failures { preset defualt }\n",
                                                        "p.sc", NULL, &error);
  CU_ASSERT_PTR_NULL (sc);
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message,
    "p.sc:9:19: error: unknown failure data preset 'defualt'; did you mean 'default'?"));
}

LM_SUITE (sim_scenario_preset) = {
  { "preset default is the published data set, exactly", test_default_preset },
  { "a preset is overridden key by key by the lines after it", test_preset_then_override },
  { "an unknown preset is located and the nearest one suggested", test_unknown_preset },
  CU_TEST_INFO_NULL,
};
