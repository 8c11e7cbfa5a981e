/* analysis/junit.h — JUnit XML for CI: one <testsuite> per scenario file (or
 * per design of a sweep), one <testcase> per expectation named "LINE: text",
 * a <failure> for a broken budget and an <error> for a scenario that could
 * not run (DESIGN §7).  The dialect GitLab, Jenkins and GitHub read: the
 * Ant/Surefire schema (testsuites > testsuite > testcase, with tests,
 * failures, errors and time attributes). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LmJunit LmJunit;

LmJunit *lm_junit_new (void);
void lm_junit_free (LmJunit *j);

/* Starts a suite; the cases and errors that follow belong to it. */
void lm_junit_suite (LmJunit *j, const char *name, const char *file, double time_s);
/* One expectation: "LINE: text"; @measured goes in the failure message
 * and in system-out. */
void lm_junit_case (LmJunit *j, guint line, const char *text, gboolean passed,
                    const char *measured);
/* The suite's scenario could not run (@message as printed on stderr). */
void lm_junit_error (LmJunit *j, const char *message);

/* The XML document.  (transfer full) */
char *lm_junit_text (const LmJunit *j);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmJunit, lm_junit_free)

G_END_DECLS
