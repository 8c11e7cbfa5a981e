/* cli/run-cli.c — one scenario, start to finish, as `lmsim FILE.sc` runs it. */
#include "cli/run-cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <errno.h>
#include <glib/gstdio.h>
#include "cli/cli.h"
#include "cli/progress.h"
#include "analysis/run.h"
#include "analysis/report.h"
#include "analysis/replicate-report.h"
#include "analysis/csv.h"
#include "analysis/plot.h"
#include "cli/rare-cli.h"

gboolean
lm_cli_write_atomic (const char *path, const char *data, GError **error)
{
  /* g_file_set_contents writes a temporary file beside @path and renames it */
  return g_file_set_contents (path, data, -1, error);
}

gboolean
lm_cli_make_dir (const char *option, const char *dir)
{
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      g_printerr ("lmsim: %s %s: %s\n", option, dir, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

struct _LmCliStream {
  char *path;
  char *tmp;
  FILE *file;
  gboolean failed;
};

LmCliStream *
lm_cli_stream_new (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp (tmpl);
  mode_t mask = umask (0);   /* mkstemp makes 0600; a result file is as readable as any */
  umask (mask);
  if (fd >= 0)
    fchmod (fd, 0666 & ~mask);
  if (fd < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", path,
                   g_strerror (errno));
      return NULL;
    }
  LmCliStream *s = g_new0 (LmCliStream, 1);
  s->path = g_strdup (path);
  s->tmp = g_steal_pointer (&tmpl);
  s->file = fdopen (fd, "w");
  return s;
}

void
lm_cli_stream_write (LmCliStream *s, const char *text)
{
  if (!s->failed && fputs (text, s->file) == EOF)
    s->failed = TRUE;
}

gboolean
lm_cli_stream_commit (LmCliStream *s, GError **error)
{
  gboolean ok = !s->failed && fflush (s->file) == 0 && fsync (fileno (s->file)) == 0;
  ok = (fclose (g_steal_pointer (&s->file)) == 0) && ok;
  if (ok && g_rename (s->tmp, s->path) == 0)
    {
      g_clear_pointer (&s->tmp, g_free);
      return TRUE;
    }
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", s->path,
               g_strerror (errno));
  return FALSE;
}

void
lm_cli_stream_free (LmCliStream *s)
{
  if (s == NULL)
    return;
  if (s->file != NULL)
    fclose (s->file);
  if (s->tmp != NULL)
    g_unlink (s->tmp);
  g_free (s->tmp);
  g_free (s->path);
  g_free (s);
}

void
lm_cli_outcomes (const LmRunOptions *opt, const char *suite, const char *path, double wall_s,
                 const LmCliOutcome *o, guint n)
{
  if (opt->junit != NULL)
    lm_junit_suite (opt->junit, suite, path, wall_s);
  for (guint i = 0; i < n; i++)
    {
      const LmScExpectation *e = o[i].expect;
      if (opt->check)
        g_print ("%s  %s:%u  %s  (measured %s)%s%s\n", o[i].passed ? "PASS" : "FAIL", e->loc.file,
                 e->loc.line, e->text, o[i].measured, strcmp (suite, path) != 0 ? "  " : "",
                 strcmp (suite, path) != 0 ? suite + strlen (path) + 1 : "");
      if (opt->junit != NULL)
        lm_junit_case (opt->junit, e->loc.line, e->text, o[i].passed, o[i].measured);
    }
  if (opt->check && n == 0)
    g_print ("NONE  %s  (no expectations)\n", suite);
}

void
lm_cli_error (const LmRunOptions *opt, const char *path, const char *message)
{
  if (message != NULL)
    g_printerr ("%s\n", message);
  if (opt->check)
    g_print ("ERROR %s  (could not run: the message is on stderr)\n", path);
  if (opt->junit != NULL)
    {
      lm_junit_suite (opt->junit, path, path, 0);
      lm_junit_error (opt->junit, message != NULL ? message
                                                  : "the scenario could not be loaded (see stderr)");
    }
}

/* Hash of what determines the results: the canonical scenario (includes and
 * overrides applied) and the lmsim version. */
char *
lm_cli_config_sha256 (const LmScenario *sc)
{
  g_autofree char *canon = lm_scenario_print (sc);
  g_autofree char *all = g_strconcat ("lmsim ", LM_VERSION, "\n", canon, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all, -1);
}

/* What the replication runner calls back: the progress bar and the rows. */
typedef struct {
  LmCliProgress progress;
  LmReplicateRows rows;
  gpointer rows_data;
} Sinks;

static void
on_progress (guint64 done, guint64 n, gpointer data)
{
  lm_cli_progress_update (done, n, &((Sinks *) data)->progress);
}

static void
on_rows (const char *rows, gpointer data)
{
  Sinks *s = data;
  s->rows (rows, s->rows_data);
}

void
lm_cli_stream_rows (const char *rows, gpointer stream)
{
  lm_cli_stream_write (stream, rows);
}

LmReplication *
lm_cli_replicate (const LmScenario *sc, guint64 n, const LmRunOptions *opt, const char *label,
                  LmReplicateRows rows, gpointer rows_data, GError **error)
{
  return lm_cli_replicate_slice (sc, n, opt, label, 0, 0, rows, rows_data, error);
}

LmReplication *
lm_cli_replicate_slice (const LmScenario *sc, guint64 n, const LmRunOptions *opt, const char *label,
                        guint64 first_chunk, guint64 end_chunk, LmReplicateRows rows,
                        gpointer rows_data, GError **error)
{
  Sinks sinks = { .rows = rows, .rows_data = rows_data };
  lm_cli_progress_init (&sinks.progress, label);
  sinks.progress.enabled = sinks.progress.enabled && !opt->no_progress;
  LmReplicateOptions ro = { .jobs = MAX (opt->jobs, 1), .progress = on_progress,
                            .rows = rows != NULL ? on_rows : NULL, .user_data = &sinks,
                            .first_chunk = first_chunk, .end_chunk = end_chunk };
  LmReplication *rep = lm_replicate_with (sc, n, &ro, error);
  lm_cli_progress_finish (&sinks.progress);
  return rep;
}

LmCliStream *
lm_cli_rows_stream (const LmRunOptions *opt, const char *header)
{
  if (opt->csv_dir == NULL)
    return NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (opt->csv_dir, "replications.csv", NULL);
  LmCliStream *s = lm_cli_make_dir ("--csv", opt->csv_dir) ? lm_cli_stream_new (path, &error) : NULL;
  if (s == NULL && error != NULL)
    g_printerr ("lmsim: --csv: %s\n", error->message);
  if (s != NULL)
    lm_cli_stream_write (s, header);
  return s;
}

/* --csv DIR and --plot DIR of one run.  gnuplot missing is a note, not an
 * error: the scripts and data are written all the same. */
static gboolean
write_series (LmRun *run, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
  if (opt->csv_dir != NULL && !lm_csv_write (run, opt->csv_dir, &error))
    {
      g_printerr ("lmsim: --csv %s: %s\n", opt->csv_dir, error->message);
      return FALSE;
    }
  if (opt->plot_dir == NULL)
    return TRUE;
  g_autoptr (GPtrArray) names = NULL;
  if (!lm_plot_run (run, opt->plot_dir, &names, &error))
    {
      g_printerr ("lmsim: --plot %s: %s\n", opt->plot_dir, error->message);
      return FALSE;
    }
  g_autoptr (GString) list = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) names->pdata[i]);
  if (lm_plot_gnuplot_available ())
    g_printerr ("lmsim: --plot %s: %s (.png, .svg, .gp)\n", opt->plot_dir, list->str);
  else
    g_printerr ("lmsim: --plot %s: gnuplot is not on PATH, so nothing was rendered; the scripts "
                "are written (%s .gp): render each with `gnuplot NAME.gp` in %s\n",
                opt->plot_dir, list->str, opt->plot_dir);
  return TRUE;
}

/* Mean and 95 % interval of three availabilities (a degenerate interval
 * at the mean with fewer than two replications). */
void
lm_cli_fill_ci (const LmReplicaStats *st, const LmAvailKind kind[3], double mean[3], double lo[3],
         double hi[3])
{
  for (int k = 0; k < 3; k++)
    {
      const LmMoments *m = &st->availability[kind[k]];
      mean[k] = m->mean;
      if (!lm_moments_ci95 (m, &lo[k], &hi[k]))
        lo[k] = hi[k] = m->mean;
      hi[k] = MIN (hi[k], 1.0);
    }
}

/* --plot with replications: the design's three availabilities, and, when its
 * failure data fit the exact model, component availability against MTTR
 * with this estimate on it.  (Sweeps will compare several designs.) */
static gboolean
plot_replications (const LmReplication *rep, const char *dir)
{
  static const LmAvailKind traffic[3] = { LM_AVAIL_REACHABILITY, LM_AVAIL_HALF_CAPACITY,
                                          LM_AVAIL_FULL_CAPACITY };
  static const LmAvailKind component[3] = { LM_AVAIL_COMPONENT_REACHABILITY,
                                            LM_AVAIL_COMPONENT_HALF_CAPACITY,
                                            LM_AVAIL_COMPONENT_FULL_CAPACITY };
  const LmScenario *sc = lm_replication_scenario (rep);
  const LmScInterconnect *x = g_ptr_array_index (sc->interconnects, 0);
  const LmReplicaStats *st = lm_replication_stats (rep, 0);
  g_autofree char *label = g_strdup_printf ("%s: %s, sites=%u pairs-per-site=%u", sc->name,
                                            x->name, x->sites, x->pairs_per_site);
  LmPlotDesign design = { .label = label };
  lm_cli_fill_ci (st, traffic, design.mean, design.lo, design.hi);
  g_autoptr (GError) error = NULL;
  if (!lm_plot_designs (dir, &design, 1, &error))
    {
      g_printerr ("lmsim: --plot %s: %s\n", dir, error->message);
      return FALSE;
    }
  LmAvailDesign d;
  g_autofree char *why = NULL;
  g_autofree char *mc = g_strdup_printf ("Monte Carlo, %" G_GUINT64_FORMAT " replications",
                                         lm_replication_n (rep));
  if (!lm_replication_exact_design (sc, 0, &d, &why))
    g_printerr ("lmsim: --plot %s: designs; no availability against MTTR: the exact model "
                "does not fit (%s)\n", dir, why);
  else
    {
      LmPlotEstimate e = { .label = mc, .mttr_h = d.pair.mttr_h };
      lm_cli_fill_ci (st, component, e.mean, e.lo, e.hi);
      if (!lm_plot_mttr (dir, &d, &e, 1, &error))
        {
          g_printerr ("lmsim: --plot %s: %s\n", dir, error->message);
          return FALSE;
        }
      g_printerr ("lmsim: --plot %s: designs, mttr%s\n", dir,
                  lm_plot_gnuplot_available () ? " (.png, .svg, .gp)"
                  : " (.gp only: gnuplot is not on PATH, render with `gnuplot NAME.gp`)");
    }
  return TRUE;
}

/* Monte Carlo: @n replications on opt->jobs threads. */
static int
simulate_replications (const LmScenario *sc, const char *path, guint64 n, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
  if (opt->trace_path != NULL)
    {
      g_printerr ("lmsim: --trace records one run; with %" G_GUINT64_FORMAT
                  " replications, use --replications 1\n", n);
      return LM_EXIT_USAGE;
    }
  g_autoptr (LmCliStream) rows = lm_cli_rows_stream (opt, lm_replication_csv_header ());
  if (opt->csv_dir != NULL && rows == NULL)
    return LM_EXIT_USAGE;
  g_autoptr (LmReplication) rep = lm_cli_replicate (sc, n, opt, sc->name,
                                                      rows ? lm_cli_stream_rows : NULL, rows, &error);
  if (rep == NULL)
    {
      lm_cli_error (opt, path, error->message);
      return LM_EXIT_USAGE;
    }
  return lm_cli_replication_outputs (sc, path, rep, opt, rows);
}

int
lm_cli_replication_outputs (const LmScenario *sc, const char *path, const LmReplication *rep,
                            const LmRunOptions *opt, LmCliStream *rows)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file_sha = lm_report_file_sha256 (path);
  if (!opt->quiet && !opt->check)
    {
      g_autofree char *text = lm_replication_report_text (rep, file_sha, opt->analytic);
      fputs (text, stdout);
      fflush (stdout);
    }
  guint ne = sc->expectations->len;
  g_autofree LmCliOutcome *out = g_new0 (LmCliOutcome, MAX (ne, 1));
  for (guint i = 0; i < ne; i++)
    {
      out[i].expect = g_ptr_array_index (sc->expectations, i);
      out[i].passed = lm_replication_expect (rep, i, &out[i].measured);
    }
  lm_cli_outcomes (opt, path, path, lm_replication_wall_s (rep), out, ne);
  for (guint i = 0; i < ne; i++)
    g_free (out[i].measured);
  if (opt->json_path != NULL)
    {
      g_autofree char *cfg = lm_cli_config_sha256 (sc);
      g_autofree char *json = lm_replication_json (rep, file_sha, cfg);
      if (!lm_cli_write_atomic (opt->json_path, json, &error))
        {
          g_printerr ("lmsim: --json %s: %s\n", opt->json_path, error->message);
          return LM_EXIT_USAGE;
        }
    }
  if (rows != NULL && !lm_cli_stream_commit (rows, &error))
    {
      g_printerr ("lmsim: --csv: %s\n", error->message);
      return LM_EXIT_USAGE;
    }
  if (opt->plot_dir != NULL && !plot_replications (rep, opt->plot_dir))
    return LM_EXIT_USAGE;
  return lm_replication_all_passed (rep) ? LM_EXIT_OK : LM_EXIT_EXPECT;
}

int
lm_cli_simulate (const LmScenario *sc, const char *path, const LmRunOptions *opt)
{
  LmRareSettings rs;
  if (!lm_cli_rare_settings (opt, &rs))
    return LM_EXIT_USAGE;
  if (lm_cli_rare_wanted (sc, &rs))
    return lm_cli_rare (sc, path, opt, &rs);
  if (rs.k > 0 || opt->rare_target != NULL || opt->time_budget != NULL)
    {
      g_printerr ("lmsim: --k, --rare-target and --time-budget apply to --method rare or auto\n");
      return LM_EXIT_USAGE;
    }
  guint64 n = opt->replications > 0 ? (guint64) opt->replications
              : sc->replications > 0 ? sc->replications : 1;
  if (n > 1)
    return simulate_replications (sc, path, n, opt);
  g_autoptr (GError) error = NULL;
  LmRunFlags flags = LM_RUN_TIMELINE | (opt->trace_path != NULL ? LM_RUN_TRACE : 0)
                     | (opt->csv_dir != NULL || opt->plot_dir != NULL ? LM_RUN_SERIES : 0);
  g_autoptr (LmRun) run = lm_run_new (sc, 0, flags, &error);
  if (run == NULL)
    {
      lm_cli_error (opt, path, error->message);
      return LM_EXIT_USAGE;
    }
  if (!lm_run_execute (run, &error))
    {
      g_printerr ("lmsim: internal error: %s\n", error->message);
      return LM_EXIT_INTERNAL;
    }
  return lm_cli_report_run (run, sc, path, opt);
}

int
lm_cli_report_run (LmRun *run, const LmScenario *sc, const char *path, const LmRunOptions *opt)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file_sha = lm_report_file_sha256 (path);
  if (!opt->quiet && !opt->check)
    {
      g_autofree char *text = lm_report_text (run, file_sha);
      fputs (text, stdout);
      fflush (stdout);
    }
  const GArray *res = lm_run_expectations (run);
  g_autofree LmCliOutcome *out = g_new0 (LmCliOutcome, MAX (res->len, 1));
  for (guint i = 0; i < res->len; i++)
    {
      const LmExpectResult *r = &g_array_index (res, LmExpectResult, i);
      out[i] = (LmCliOutcome) { r->expect, r->passed, r->value_text };
    }
  lm_cli_outcomes (opt, path, path, lm_run_wall_s (run), out, res->len);
  if (opt->json_path != NULL)
    {
      g_autofree char *cfg = lm_cli_config_sha256 (sc);
      g_autofree char *json = lm_report_json (run, file_sha, cfg, 1);
      if (!lm_cli_write_atomic (opt->json_path, json, &error))
        {
          g_printerr ("lmsim: --json %s: %s\n", opt->json_path, error->message);
          return LM_EXIT_USAGE;
        }
    }
  if (opt->trace_path != NULL
      && !lm_cli_write_atomic (opt->trace_path, lm_trace_text (lm_run_trace (run)), &error))
    {
      g_printerr ("lmsim: --trace %s: %s\n", opt->trace_path, error->message);
      return LM_EXIT_USAGE;
    }
  if (!write_series (run, opt))
    return LM_EXIT_USAGE;
  return lm_run_all_passed (run) ? LM_EXIT_OK : LM_EXIT_EXPECT;
}
