/* tests/fuzz/fuzz-scenario.c — libFuzzer target for the scenario language.
 *
 * The input bytes are a scenario file read from memory, includes disabled
 * (nothing on disk is touched).  Properties checked beyond "no crash, no
 * leak, no hang" (ASan/UBSan and libFuzzer's timeout do those):
 *  - a failed parse has 1..21 diagnostics and an error message;
 *  - a good parse prints to a canonical form that parses again and prints
 *    the same text (the printer is a fixed point);
 *  - the first line, injected as a live action into a good scenario, is
 *    either accepted or refused with an error — never anything else.
 * Run with `make fuzz` (FUZZ_SECONDS sets the time).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "sim/scenario.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char base[] =
  "duration 1h\n"
  "interconnect ic1 { partner lumen metro chicago bandwidth 10Gbps gateway g families ipv4 ipv6 }\n"
  "at 1m fail site ic1.A\n";

static void
check_live (const uint8_t *data, size_t size)
{
  const uint8_t *nl = memchr (data, '\n', size);
  size_t n = nl != NULL ? (size_t) (nl - data) : size;
  if (memchr (data, '\0', n) != NULL)
    return;
  char *line = g_strndup ((const char *) data, n);
  LmScenario *sc = lm_scenario_parse_string (base, "base.sc", NULL, NULL);
  if (sc == NULL)
    abort ();
  LmScAction *a = NULL;
  GError *error = NULL;
  gboolean ok = lm_scenario_parse_action (sc, line, &a, &error);
  if (ok != (a != NULL) || ok == (error != NULL))
    abort ();
  g_clear_error (&error);
  lm_sc_action_free (a);
  lm_scenario_free (sc);
  g_free (line);
}

static void
check_round_trip (const LmScenario *sc)
{
  char *text1 = lm_scenario_print (sc);
  GError *error = NULL;
  LmScenarioParser *p = lm_scenario_parser_new ();
  lm_scenario_parser_set_includes (p, FALSE);
  LmScenario *again = lm_scenario_parser_parse (p, text1, strlen (text1), "printed.sc", &error);
  if (again == NULL)
    {
      fprintf (stderr, "printed form does not parse:\n%s\n---\n%s\n", error->message, text1);
      abort ();
    }
  char *text2 = lm_scenario_print (again);
  if (strcmp (text1, text2) != 0)
    {
      fprintf (stderr, "printing is not a fixed point:\n%s\n---\n%s\n", text1, text2);
      abort ();
    }
  g_free (text2);
  lm_scenario_free (again);
  lm_scenario_parser_free (p);
  g_free (text1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  LmScenarioParser *p = lm_scenario_parser_new ();
  lm_scenario_parser_set_includes (p, FALSE);
  GError *error = NULL;
  LmScenario *sc = lm_scenario_parser_parse (p, (const char *) data, size, "fuzz.sc", &error);
  const GPtrArray *d = lm_scenario_parser_diagnostics (p);
  if (sc == NULL && (error == NULL || d->len == 0 || d->len > 21))
    abort ();
  if (sc != NULL && (error != NULL || d->len != 0))
    abort ();
  if (sc != NULL)
    check_round_trip (sc);
  g_clear_error (&error);
  lm_scenario_free (sc);
  lm_scenario_parser_free (p);
  check_live (data, size);
  return 0;
}
