/* analysis/expect.h — evaluates one `expect` line against a finished run. */
#pragma once

#include "analysis/run.h"

G_BEGIN_DECLS

/* Fills @out (value, text, passed).  An expectation over several
 * interconnects holds when it holds for each; the value shown is the worst. */
void lm_expect_evaluate (LmRun *run, const LmScExpectation *e, LmExpectResult *out);

/* "99.9861 %", "100 %", "0.0012 %": a percentage for people. */
char *lm_format_percent (double fraction);

G_END_DECLS
