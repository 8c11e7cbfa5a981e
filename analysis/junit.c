/* analysis/junit.c — JUnit XML (analysis/junit.h). */
#include "analysis/junit.h"

typedef struct {
  char *name;         /* "LINE: text" */
  char *classname;    /* the scenario file */
  gboolean passed;
  gboolean error;     /* the scenario could not run */
  char *message;
} Case;

typedef struct {
  char *name;
  char *file;
  double time_s;
  GArray *cases;      /* Case */
} Suite;

struct _LmJunit {
  GArray *suites;     /* Suite */
};

static void
case_clear (gpointer data)
{
  Case *c = data;
  g_free (c->name);
  g_free (c->classname);
  g_free (c->message);
}

static void
suite_clear (gpointer data)
{
  Suite *s = data;
  g_free (s->name);
  g_free (s->file);
  g_array_unref (s->cases);
}

LmJunit *
lm_junit_new (void)
{
  LmJunit *j = g_new0 (LmJunit, 1);
  j->suites = g_array_new (FALSE, TRUE, sizeof (Suite));
  g_array_set_clear_func (j->suites, suite_clear);
  return j;
}

void
lm_junit_free (LmJunit *j)
{
  if (j == NULL)
    return;
  g_array_unref (j->suites);
  g_free (j);
}

void
lm_junit_suite (LmJunit *j, const char *name, const char *file, double time_s)
{
  Suite s = { g_strdup (name), g_strdup (file), time_s, g_array_new (FALSE, TRUE, sizeof (Case)) };
  g_array_set_clear_func (s.cases, case_clear);
  g_array_append_val (j->suites, s);
}

static Suite *
current (LmJunit *j)
{
  g_return_val_if_fail (j->suites->len > 0, NULL);
  return &g_array_index (j->suites, Suite, j->suites->len - 1);
}

void
lm_junit_case (LmJunit *j, guint line, const char *text, gboolean passed, const char *measured)
{
  Suite *s = current (j);
  Case c = { g_strdup_printf ("%u: %s", line, text), g_strdup (s->file), passed, FALSE,
             g_strdup (measured ? measured : "") };
  g_array_append_val (s->cases, c);
}

void
lm_junit_error (LmJunit *j, const char *message)
{
  Suite *s = current (j);
  Case c = { g_strdup ("scenario"), g_strdup (s->file), FALSE, TRUE, g_strdup (message) };
  g_array_append_val (s->cases, c);
}

static void
case_xml (GString *out, const Case *c)
{
  g_autofree char *name = g_markup_escape_text (c->name, -1);
  g_autofree char *cls = g_markup_escape_text (c->classname, -1);
  g_autofree char *msg = g_markup_escape_text (c->message, -1);
  g_string_append_printf (out, "    <testcase name=\"%s\" classname=\"%s\" time=\"0\"", name, cls);
  if (c->passed)
    g_string_append_printf (out, ">\n      <system-out>measured %s</system-out>\n    </testcase>\n", msg);
  else if (c->error)
    g_string_append_printf (out, ">\n      <error message=\"%s\" type=\"scenario\">%s</error>\n"
                                 "    </testcase>\n", msg, msg);
  else
    g_string_append_printf (out, ">\n      <failure message=\"measured %s\" type=\"expectation\">"
                                 "%s: measured %s</failure>\n    </testcase>\n", msg, name, msg);
}

char *
lm_junit_text (const LmJunit *j)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  guint tests = 0, failures = 0, errors = 0;
  double time_s = 0;
  GString *body = g_string_new (NULL);
  for (guint i = 0; i < j->suites->len; i++)
    {
      const Suite *s = &g_array_index (j->suites, Suite, i);
      guint f = 0, e = 0;
      for (guint k = 0; k < s->cases->len; k++)
        {
          const Case *c = &g_array_index (s->cases, Case, k);
          e += c->error;
          f += !c->passed && !c->error;
        }
      g_autofree char *name = g_markup_escape_text (s->name, -1);
      g_string_append_printf (body, "  <testsuite name=\"%s\" tests=\"%u\" failures=\"%u\" "
                                    "errors=\"%u\" skipped=\"0\" time=\"%.3f\">\n",
                              name, s->cases->len, f, e, s->time_s);
      for (guint k = 0; k < s->cases->len; k++)
        case_xml (body, &g_array_index (s->cases, Case, k));
      g_string_append (body, "  </testsuite>\n");
      tests += s->cases->len;
      failures += f;
      errors += e;
      time_s += s->time_s;
    }
  g_string_append_printf (out, "<testsuites name=\"lmsim\" tests=\"%u\" failures=\"%u\" errors=\"%u\" "
                               "time=\"%.3f\">\n", tests, failures, errors, time_s);
  g_string_append_len (out, body->str, body->len);
  g_string_free (body, TRUE);
  g_string_append (out, "</testsuites>\n");
  return g_string_free (out, FALSE);
}
