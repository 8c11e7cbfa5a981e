/* tests/runner.c — registers every CUnit suite and runs them.
 *
 *   build/tests/runner            all suites
 *   build/tests/runner NAME…      only the named suites
 *
 * Exits 0 when every test passed, 1 otherwise; ends with CUnit's summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <CUnit/Basic.h>
#include "tests/lm-test.h"

#define LM_SUITE_ENTRY(name) extern CU_TestInfo lm_suite_##name[];
#include "tests/suites.h"
#undef LM_SUITE_ENTRY

typedef struct { const char *name; CU_TestInfo *tests; } SuiteEntry;

static const SuiteEntry all_suites[] = {
#define LM_SUITE_ENTRY(name) { #name, lm_suite_##name },
#include "tests/suites.h"
#undef LM_SUITE_ENTRY
  { NULL, NULL }
};

long
lm_test_size (long full, long reduced)
{
  const char *r = g_getenv ("LM_TEST_REDUCED");
  return (r != NULL && *r != '\0' && strcmp (r, "0") != 0) ? reduced : full;
}

char *
lm_test_srcpath (const char *relative)
{
  return g_build_filename (LM_SRCDIR, relative, NULL);
}

void
lm_test_rm_rf (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      lm_test_rm_rf (child);
    }
  g_remove (path);
}

static gboolean
wanted (const char *name, int argc, char **argv)
{
  if (argc <= 1)
    return TRUE;
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], name) == 0)
      return TRUE;
  return FALSE;
}

int
main (int argc, char **argv)
{
  if (CU_initialize_registry () != CUE_SUCCESS)
    return 3;
  int registered = 0;
  for (const SuiteEntry *s = all_suites; s->name != NULL; s++)
    {
      if (!wanted (s->name, argc, argv))
        continue;
      CU_pSuite suite = CU_add_suite (s->name, NULL, NULL);
      if (suite == NULL)
        return 3;
      for (CU_TestInfo *t = s->tests; t->pName != NULL; t++)
        if (CU_add_test (suite, t->pName, t->pTestFunc) == NULL)
          return 3;
      registered++;
    }
  if (registered == 0)
    {
      fprintf (stderr, "runner: no suite matched\n");
      CU_cleanup_registry ();
      return 2;
    }
  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  unsigned failed = CU_get_number_of_failures () + CU_get_number_of_tests_failed ();
  unsigned ran = CU_get_number_of_tests_run ();
  CU_cleanup_registry ();
  return (failed == 0 && ran > 0) ? 0 : 1;
}
