/* cli/sweep-cli.c — design sweeps (cli/sweep-cli.h).
 *
 * Designs run one after another, each on all -j threads; every design's
 * replication r uses the same streams (seed, r, component name), so the
 * designs are compared on common random numbers wherever their components
 * coincide — the differences between designs are sharper than independent
 * runs would give.  Loading every design first means a bad value stops the
 * sweep before any time is spent (exit 2, nothing written). */
#include "cli/sweep-cli.h"

#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "analysis/compare.h"
#include "analysis/report.h"
#include "analysis/plot.h"
#include "analysis/csv.h"

/* Prefixes every row of a replication CSV chunk with the design. */
typedef struct {
  LmReplicateRows sink;
  gpointer sink_data;
  const char *label;
} DesignRows;

static char *
design_label (char **design)
{
  return g_strjoinv (" ", design);
}

static gboolean
load_designs (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
              GPtrArray *designs, GPtrArray *scenarios)
{
  for (guint i = 0; i < designs->len; i++)
    {
      LmScenario *sc = lm_cli_scenario_load_design (opt, base, path, designs->pdata[i]);
      if (sc == NULL)
        return FALSE;
      g_ptr_array_add (scenarios, sc);
    }
  return TRUE;
}

/* --plot: the designs side by side, best first, first interconnect. */
static gboolean
plot_designs (LmComparison *cmp, const char *dir)
{
  static const LmAvailKind kinds[3] = { LM_AVAIL_REACHABILITY, LM_AVAIL_HALF_CAPACITY,
                                        LM_AVAIL_FULL_CAPACITY };
  guint n = lm_comparison_n (cmp);
  g_autofree guint *order = lm_comparison_ranking (cmp, 0);
  g_autofree LmPlotDesign *d = g_new0 (LmPlotDesign, n);
  for (guint r = 0; r < n; r++)
    {
      d[r].label = lm_comparison_label (cmp, order[r]);
      lm_cli_fill_ci (lm_replication_stats (lm_comparison_replication (cmp, order[r]), 0), kinds,
                      d[r].mean, d[r].lo, d[r].hi);
    }
  g_autoptr (GError) error = NULL;
  if (!lm_plot_designs (dir, d, n, &error))   /* it creates @dir */
    {
      g_printerr ("lmsim: --plot %s: %s\n", dir, error->message);
      return FALSE;
    }
  g_printerr ("lmsim: --plot %s: designs%s\n", dir, lm_plot_gnuplot_available ()
              ? " (.png, .svg, .gp)" : " (.gp only: gnuplot is not on PATH)");
  return TRUE;
}

static int
write_outputs (LmComparison *cmp, const char *path, const LmRunOptions *ro, LmCliStream *rows)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file_sha = lm_report_file_sha256 (path);
  if (ro->json_path != NULL)
    {
      g_autofree char *json = lm_comparison_json (cmp, file_sha);
      if (!lm_cli_write_atomic (ro->json_path, json, &error))
        {
          g_printerr ("lmsim: --json %s: %s\n", ro->json_path, error->message);
          return LM_EXIT_USAGE;
        }
    }
  if (ro->plot_dir != NULL && !plot_designs (cmp, ro->plot_dir))
    return LM_EXIT_USAGE;
  if (ro->csv_dir != NULL)
    {
      g_autofree char *csv = lm_comparison_csv (cmp);
      g_autofree char *file = g_build_filename (ro->csv_dir, "designs.csv", NULL);
      if (!lm_cli_write_atomic (file, csv, &error) || !lm_cli_stream_commit (rows, &error))
        {
          g_printerr ("lmsim: --csv %s: %s\n", ro->csv_dir, error->message);
          return LM_EXIT_USAGE;
        }
    }
  return LM_EXIT_OK;
}

/* The design's expectations as --check lines and a JUnit suite. */
static gboolean
report_expectations (const LmRunOptions *ro, const char *path, const char *label,
                     const LmReplication *rep)
{
  const LmScenario *sc = lm_replication_scenario (rep);
  guint ne = sc->expectations->len;
  g_autofree LmCliOutcome *out = g_new0 (LmCliOutcome, MAX (ne, 1));
  gboolean all = TRUE;
  for (guint i = 0; i < ne; i++)
    {
      out[i].expect = g_ptr_array_index (sc->expectations, i);
      out[i].passed = lm_replication_expect (rep, i, &out[i].measured);
      all = all && out[i].passed;
    }
  g_autofree char *suite = g_strdup_printf ("%s %s", path, label);
  lm_cli_outcomes (ro, suite, path, lm_replication_wall_s (rep), out, ne);
  for (guint i = 0; i < ne; i++)
    g_free (out[i].measured);
  return all;
}

static void
design_rows (const char *rows, gpointer data)
{
  DesignRows *d = data;
  g_autoptr (GString) prefix = g_string_new (NULL);
  lm_csv_text (prefix, d->label, TRUE);
  g_string_append_c (prefix, ',');
  g_autoptr (GString) out = g_string_new (NULL);
  for (const char *line = rows; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      g_string_append_len (out, prefix->str, (gssize) prefix->len);
      g_string_append_len (out, line, nl ? nl - line + 1 : (gssize) strlen (line));
      line = nl ? nl + 1 : line + strlen (line);
    }
  d->sink (out->str, d->sink_data);
}

LmReplication *
lm_cli_run_design (const LmScenario *sc, const char *label, gboolean sweep, const LmRunOptions *ro,
                   guint64 n, guint64 first_chunk, guint64 end_chunk, LmReplicateRows rows,
                   gpointer rows_data, GError **error)
{
  g_autofree char *bar = sweep ? g_strdup_printf ("%s: %s", sc->name, label) : g_strdup (sc->name);
  DesignRows d = { rows, rows_data, label };
  LmReplicateRows sink = rows == NULL ? NULL : sweep ? design_rows : rows;
  gpointer sink_data = sweep ? (gpointer) &d : rows_data;
  return lm_cli_replicate_slice (sc, n, ro, bar, first_chunk, end_chunk, sink, sink_data, error);
}



int
lm_cli_sweep (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
              const LmRunOptions *ro)
{
  g_autoptr (GPtrArray) designs = lm_cli_scenario_designs (opt, base);
  g_autoptr (GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_scenario_free);
  if (designs == NULL || !load_designs (opt, base, path, designs, scenarios))
    {
      lm_cli_error (ro, path, NULL);
      return LM_EXIT_USAGE;
    }
  g_autofree char *header = g_strconcat ("design,", lm_replication_csv_header (), NULL);
  g_autoptr (LmCliStream) rows = lm_cli_rows_stream (ro, header);
  if (ro->csv_dir != NULL && rows == NULL)
    return LM_EXIT_USAGE;
  g_autoptr (LmComparison) cmp = lm_comparison_new ();
  for (guint i = 0; i < designs->len; i++)
    {
      LmScenario *sc = g_ptr_array_steal_index (scenarios, 0);
      g_autofree char *label = design_label (designs->pdata[i]);
      guint64 n = ro->replications > 0 ? (guint64) ro->replications : MAX (sc->replications, 1);
      g_autoptr (GError) error = NULL;
      LmReplication *rep = lm_cli_run_design (sc, label, TRUE, ro, n, 0, 0,
                                              rows ? lm_cli_stream_rows : NULL, rows, &error);
      if (rep == NULL)
        {
          lm_cli_error (ro, path, error->message);
          lm_scenario_free (sc);
          return LM_EXIT_USAGE;
        }
      lm_comparison_add (cmp, label, g_strdupv (designs->pdata[i]), sc, rep);
    }
  return lm_cli_comparison_outputs (cmp, path, ro, rows);
}

int
lm_cli_comparison_outputs (LmComparison *cmp, const char *path, const LmRunOptions *ro,
                           LmCliStream *rows)
{
  int rc = LM_EXIT_OK;
  for (guint i = 0; i < lm_comparison_n (cmp); i++)
    if (!report_expectations (ro, path, lm_comparison_label (cmp, i), lm_comparison_replication (cmp, i)))
      rc = LM_EXIT_EXPECT;
  if (!ro->quiet && !ro->check)
    {
      g_autofree char *text = lm_comparison_text (cmp);
      fputs (text, stdout);
      fflush (stdout);
    }
  int written = write_outputs (cmp, path, ro, rows);   /* not inside MAX: it evaluates twice */
  return MAX (rc, written);
}
