/* tests/lm-test.h — the conventions every CUnit suite follows.
 *
 * A test file defines its suite with
 *
 *     LM_SUITE (sim_queue) = {
 *       { "FIFO order of equal times", test_fifo },
 *       CU_TEST_INFO_NULL,
 *     };
 *
 * at the start of a line; the Makefile finds that line and tests/runner.c
 * registers the suite under its name ("sim_queue").  Run one suite with
 * `build/tests/runner sim_queue`.
 */
#pragma once

#include <CUnit/CUnit.h>
#include <glib.h>

#define LM_SUITE(name) CU_TestInfo lm_suite_##name[]

/* Heavy tests (statistics, loads) may run at a reduced size under sanitizers
 * and valgrind (LM_TEST_REDUCED=1) — never with weaker assertions.
 * Returns @full normally and @reduced when reduced. */
long lm_test_size (long full, long reduced);

/* Removes @path and everything below it (a test's temporary folder). */
void lm_test_rm_rf (const char *path);

/* Absolute path of a file in the source tree. (transfer full) */
char *lm_test_srcpath (const char *relative);
