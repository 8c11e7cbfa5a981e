/* cli/shard-cli.c — shards and their merge (cli/shard-cli.h). */
#include "cli/shard-cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include "cli/cli.h"
#include "cli/sweep-cli.h"
#include "cli/rare-cli.h"
#include "analysis/replicate-io.h"
#include "analysis/report.h"
#include "analysis/compare.h"

#define PART_FORMAT "lmsim-partial"
#define PART_VERSION 1

/* One design of the run: the scenario as loaded, its label and values. */
typedef struct {
  LmScenario *sc;
  char **set;
  char *label;
  guint64 n;         /* replications */
  guint64 chunks;
} Design;

static void
design_free (gpointer data)
{
  Design *d = data;
  lm_scenario_free (d->sc);
  g_strfreev (d->set);
  g_free (d->label);
  g_free (d);
}

gboolean
lm_cli_shard_parse (const char *text, guint *k, guint *n)
{
  char *end = NULL;
  guint64 a = g_ascii_strtoull (text, &end, 10);
  guint64 b = (end != text && *end == '/') ? g_ascii_strtoull (end + 1, &end, 10) : 0;
  if (*end != '\0' || a < 1 || b < 1 || a > b || b > 100000)
    {
      g_printerr ("lmsim: --shard %s: expected K/N with 1 <= K <= N <= 100000 (e.g. --shard 2/8)\n", text);
      return FALSE;
    }
  *k = (guint) a;
  *n = (guint) b;
  return TRUE;
}

/* Every design of the run, loaded: a sweep's cartesian product, or the
 * scenario alone.  NULL when one cannot be loaded (messages printed). */
static GPtrArray *
load_designs (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
              const LmRunOptions *ro, gboolean *sweep)
{
  *sweep = lm_cli_scenario_has_sweeps (opt, base);
  g_autoptr (GPtrArray) sets = *sweep ? lm_cli_scenario_designs (opt, base)
                                      : g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (sets == NULL)
    return NULL;
  if (!*sweep)
    g_ptr_array_add (sets, g_new0 (char *, 1));
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (design_free);
  for (guint i = 0; i < sets->len; i++)
    {
      LmScenario *sc = lm_cli_scenario_load_design (opt, base, path, sets->pdata[i]);
      if (sc == NULL)
        return NULL;
      Design *d = g_new0 (Design, 1);
      d->sc = sc;
      d->set = g_strdupv (sets->pdata[i]);
      d->label = g_strjoinv (" ", d->set);
      d->n = ro->replications > 0 ? (guint64) ro->replications : MAX (sc->replications, 1);
      d->chunks = lm_replicate_n_chunks (d->n);
      g_ptr_array_add (out, d);
    }
  return g_steal_pointer (&out);
}

/* What the parts must agree on: lmsim, every design's configuration
 * (DESIGN §7 config_sha256) and replication count. */
static char *
run_config_sha256 (GPtrArray *designs)
{
  g_autoptr (GString) all = g_string_new ("lmsim " LM_VERSION "\n");
  for (guint i = 0; i < designs->len; i++)
    {
      const Design *d = designs->pdata[i];
      g_autofree char *cfg = lm_cli_config_sha256 (d->sc);
      g_string_append_printf (all, "design %s\nreplications %" G_GUINT64_FORMAT "\n%s\n", d->label,
                              d->n, cfg);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, (gssize) all->len);
}

static void
add_strv (JsonBuilder *b, const char *name, char **v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (char **s = v; s != NULL && *s != NULL; s++)
    json_builder_add_string_value (b, *s);
  json_builder_end_array (b);
}

static void
collect_rows (const char *rows, gpointer data)
{
  g_string_append ((GString *) data, rows);
}

/* Runs design @d's chunks [first, end) and adds its object to "designs". */
static gboolean
shard_design (JsonBuilder *b, const Design *d, guint index, gboolean sweep, guint64 first,
              guint64 end, const LmRunOptions *ro, GError **error)
{
  g_autoptr (GString) rows = ro->csv_dir != NULL ? g_string_new (NULL) : NULL;
  g_autoptr (LmReplication) rep = lm_cli_run_design (d->sc, d->label, sweep, ro, d->n, first, end,
                                                     rows ? collect_rows : NULL, rows, error);
  if (rep == NULL)
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, index);
  json_builder_set_member_name (b, "replications");
  json_builder_add_int_value (b, (gint64) d->n);
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, lm_replication_wall_s (rep));
  lm_replication_chunks_json (b, rep);
  if (rows != NULL)
    {
      json_builder_set_member_name (b, "rows");
      json_builder_add_string_value (b, rows->str);
    }
  json_builder_end_object (b);
  return TRUE;
}

static void
part_header (JsonBuilder *b, const LmCliScenarioOptions *opt, const LmScenario *base,
             const char *path, const LmRunOptions *ro, const char *config, guint k, guint n)
{
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, PART_FORMAT);
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, PART_VERSION);
  json_builder_set_member_name (b, "lmsim");
  json_builder_add_string_value (b, LM_VERSION);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "config_sha256");
  json_builder_add_string_value (b, config);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, base->seed);
  json_builder_set_member_name (b, "seed");
  json_builder_add_string_value (b, seed);
  json_builder_set_member_name (b, "shard");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, k);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, n);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  add_strv (b, "set", opt->set);
  add_strv (b, "sweep", opt->sweep);
  json_builder_set_member_name (b, "failure_clocks");
  if (opt->failure_clocks != NULL)
    json_builder_add_string_value (b, opt->failure_clocks);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "replications");
  json_builder_add_int_value (b, ro->replications);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_boolean_value (b, ro->csv_dir != NULL);
  json_builder_set_member_name (b, "jobs");
  json_builder_add_int_value (b, ro->jobs);
}

char *
lm_cli_shard_text (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
                   const LmRunOptions *ro, guint k, guint n, GError **error)
{
  LmRareSettings rs;
  if (!lm_cli_rare_settings (ro, &rs) || lm_cli_rare_wanted (base, &rs))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "lmsim: --shard splits plain "
                   "Monte Carlo replications; the rare-event method (--method rare|auto, or the "
                   "scenario's rare block) decides each round from every earlier batch, so its "
                   "processes must talk: run it on one machine (-j) or under MPI (lmsim-mpi)");
      return NULL;
    }
  gboolean sweep;
  g_autoptr (GPtrArray) designs = load_designs (opt, base, path, ro, &sweep);
  if (designs == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: the designs could not be loaded", path);
      return NULL;
    }
  guint64 total = 0;
  for (guint i = 0; i < designs->len; i++)
    {
      const Design *d = designs->pdata[i];
      if (d->n < 2)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "lmsim: shards and MPI "
                       "split replications, and %s%s%s runs one (give --replications N)", path,
                       sweep ? " " : "", d->label);
          return NULL;
        }
      total += d->chunks;
    }
  guint64 lo = total * (k - 1) / n, hi = total * k / n;
  g_autofree char *config = run_config_sha256 (designs);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  part_header (b, opt, base, path, ro, config, k, n);
  json_builder_set_member_name (b, "designs");
  json_builder_begin_array (b);
  guint64 offset = 0;
  for (guint i = 0; i < designs->len; i++)
    {
      const Design *d = designs->pdata[i];
      guint64 first = MAX (lo, offset), end = MIN (hi, offset + d->chunks);
      if (first < end && !shard_design (b, d, i, sweep, first - offset, end - offset, ro, error))
        return NULL;
      offset += d->chunks;
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return lm_json_text (b);
}

int
lm_cli_shard (const LmCliScenarioOptions *opt, const LmScenario *base, const char *path,
              const LmRunOptions *ro, guint k, guint n, const char *partial_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = lm_cli_shard_text (opt, base, path, ro, k, n, &error);
  if (text == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LM_EXIT_USAGE;
    }
  if (!lm_cli_write_atomic (partial_path, text, &error))
    {
      g_printerr ("lmsim: --partial %s: %s\n", partial_path, error->message);
      return LM_EXIT_USAGE;
    }
  if (!ro->quiet)
    g_print ("lmsim: shard %u/%u of %s written to %s (merge the parts with: lmsim merge PARTS…)\n",
             k, n, path, partial_path);
  return LM_EXIT_OK;
}

/* ------------------------------------------------------------ merge */

typedef struct {
  const char *name;
  JsonParser *parser;
  JsonObject *o;
  guint k;
} Part;

static const char *
str_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

static gint64
int_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64
         ? json_node_get_int (n) : -1;
}

static JsonObject *
obj_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
arr_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

/* Parses one part and checks its shape; FALSE with a message. */
static gboolean
part_read (Part *p, const char *text)
{
  p->parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  if (!json_parser_load_from_data (p->parser, text, -1, &error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p->parser)))
    {
      g_printerr ("%s: not an lmsim part (%s)\n", p->name, error ? error->message : "not a JSON object");
      return FALSE;
    }
  p->o = json_node_get_object (json_parser_get_root (p->parser));
  const char *format = str_member (p->o, "format");
  if (format == NULL || strcmp (format, PART_FORMAT) != 0 || int_member (p->o, "format_version") != PART_VERSION)
    {
      g_printerr ("%s: not an lmsim part of format %s version %d (made by lmsim --shard K/N --partial)\n",
                  p->name, PART_FORMAT, PART_VERSION);
      return FALSE;
    }
  const char *version = str_member (p->o, "lmsim");
  if (version == NULL || strcmp (version, LM_VERSION) != 0)
    {
      g_printerr ("%s: made by lmsim %s; this is lmsim %s (merge with the version that ran the shards)\n",
                  p->name, version ? version : "?", LM_VERSION);
      return FALSE;
    }
  JsonObject *shard = obj_member (p->o, "shard");
  if (shard == NULL || int_member (shard, "k") < 1 || int_member (shard, "k") > int_member (shard, "n")
      || str_member (p->o, "config_sha256") == NULL || str_member (p->o, "seed") == NULL
      || str_member (p->o, "file") == NULL || arr_member (p->o, "designs") == NULL
      || obj_member (p->o, "options") == NULL)
    {
      g_printerr ("%s: a malformed part (missing shard, config_sha256, seed, file, options or designs)\n", p->name);
      return FALSE;
    }
  p->k = (guint) int_member (shard, "k");
  return TRUE;
}

static char *
node_text (JsonNode *n)
{
  return n != NULL ? json_to_string (n, FALSE) : g_strdup ("null");
}

/* Every part belongs with the first: same file, seed, configuration,
 * options, N, rows; each slice once; none missing. */
static gboolean
parts_agree (Part *parts, guint n_parts)
{
  static const char *const same[] = { "file", "seed", "config_sha256", "options", "rows" };
  guint n = (guint) int_member (obj_member (parts[0].o, "shard"), "n");
  g_autofree const char **by_k = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n_parts; i++)
    {
      for (guint f = 0; f < G_N_ELEMENTS (same); f++)
        {
          g_autofree char *a = node_text (json_object_get_member (parts[0].o, same[f]));
          g_autofree char *b = node_text (json_object_get_member (parts[i].o, same[f]));
          if (strcmp (a, b) != 0)
            {
              g_printerr ("%s: does not belong with %s: its %s differs (%s, not %s)\n", parts[i].name,
                          parts[0].name, same[f], b, a);
              return FALSE;
            }
        }
      if (int_member (obj_member (parts[i].o, "shard"), "n") != n)
        {
          g_printerr ("%s: does not belong with %s: it is a slice of %" G_GINT64_FORMAT ", not of %u\n",
                      parts[i].name, parts[0].name, int_member (obj_member (parts[i].o, "shard"), "n"), n);
          return FALSE;
        }
      if (by_k[parts[i].k] != NULL)
        {
          g_printerr ("%s: slice %u/%u is also in %s\n", parts[i].name, parts[i].k, n, by_k[parts[i].k]);
          return FALSE;
        }
      by_k[parts[i].k] = parts[i].name;
    }
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint k = 1; k <= n; k++)
    if (by_k[k] == NULL)
      g_string_append_printf (missing, "%s%u/%u", missing->len ? ", " : "", k, n);
  if (missing->len > 0)
    {
      g_printerr ("lmsim merge: missing slice%s %s of %s\n", strchr (missing->str, ',') ? "s" : "",
                  missing->str, str_member (parts[0].o, "file"));
      return FALSE;
    }
  return TRUE;
}

static char **
strv_member (JsonObject *o, const char *name)
{
  JsonArray *a = arr_member (o, name);
  guint len = a ? json_array_get_length (a) : 0;
  char **v = g_new0 (char *, len + 1);
  for (guint i = 0; i < len; i++)
    v[i] = g_strdup (json_array_get_string_element (a, i));
  return v;
}

static int
cmp_part (gconstpointer a, gconstpointer b)
{
  const Part *x = a, *y = b;
  return x->k < y->k ? -1 : x->k > y->k;
}

/* Design @index's chunks from every part, its wall time, and its rows in
 * slice order into @rows (when given). */
static GPtrArray *
design_chunks (Part *parts, guint n_parts, guint index, double *wall_s, LmCliStream *rows)
{
  GPtrArray *chunks = g_ptr_array_new ();
  for (guint i = 0; i < n_parts; i++)
    {
      JsonArray *ds = arr_member (parts[i].o, "designs");
      for (guint j = 0; j < json_array_get_length (ds); j++)
        {
          JsonObject *d = json_array_get_object_element (ds, j);
          if (d == NULL || int_member (d, "index") != index)
            continue;
          JsonArray *c = arr_member (d, "chunks");
          for (guint m = 0; c != NULL && m < json_array_get_length (c); m++)
            g_ptr_array_add (chunks, json_array_get_object_element (c, m));
          JsonNode *w = json_object_get_member (d, "wall_s");
          *wall_s += w != NULL && JSON_NODE_HOLDS_VALUE (w) ? json_node_get_double (w) : 0;
          if (rows != NULL && str_member (d, "rows") != NULL)
            lm_cli_stream_write (rows, str_member (d, "rows"));
        }
    }
  return chunks;
}

/* Assembles every design from the parts and writes the outputs. */
static int
merge_designs (Part *parts, guint n_parts, GPtrArray *designs, gboolean sweep, const char *path,
               const LmRunOptions *ro)
{
  g_autofree char *header = sweep ? g_strconcat ("design,", lm_replication_csv_header (), NULL)
                                  : g_strdup (lm_replication_csv_header ());
  g_autoptr (LmCliStream) rows = lm_cli_rows_stream (ro, header);
  if (ro->csv_dir != NULL && rows == NULL)
    return LM_EXIT_USAGE;
  g_autoptr (LmComparison) cmp = lm_comparison_new ();
  guint jobs = (guint) MAX (int_member (parts[0].o, "jobs"), 1);
  for (guint i = 0; i < designs->len; i++)
    {
      Design *d = designs->pdata[i];
      double wall = 0;
      g_autoptr (GPtrArray) chunks = design_chunks (parts, n_parts, i, &wall, rows);
      g_autoptr (GError) error = NULL;
      LmReplication *rep = lm_replication_assemble (d->sc, d->n, chunks, wall, jobs, &error);
      if (rep == NULL)
        {
          g_printerr ("lmsim merge: %s%s%s: %s\n", path, sweep ? " " : "", d->label, error->message);
          return LM_EXIT_USAGE;
        }
      lm_comparison_add (cmp, d->label, g_steal_pointer (&d->set), g_steal_pointer (&d->sc), rep);
    }
  if (sweep)
    return lm_cli_comparison_outputs (cmp, path, ro, rows);
  const LmReplication *rep = lm_comparison_replication (cmp, 0);
  return lm_cli_replication_outputs (lm_replication_scenario (rep), path, rep, ro, rows);
}

/* The parts agree: reload the scenario, check its configuration, assemble
 * every design and write what one run would have. */
static int
merge_parts (Part *parts, guint n_parts, const LmRunOptions *given)
{
  JsonObject *options = obj_member (parts[0].o, "options");
  LmCliScenarioOptions opt = { .set = strv_member (options, "set"), .sweep = strv_member (options, "sweep"),
                               .failure_clocks = g_strdup (str_member (options, "failure_clocks")) };
  LmRunOptions ro = *given;
  ro.replications = int_member (options, "replications");
  const char *path = str_member (parts[0].o, "file");
  g_autofree char *message = NULL;
  g_autoptr (LmScenario) base = lm_cli_scenario_load_message (&opt, path, &message);
  gboolean sweep = FALSE;
  g_autoptr (GPtrArray) designs = base ? load_designs (&opt, base, path, &ro, &sweep) : NULL;
  int rc = LM_EXIT_USAGE;
  g_autofree char *config = designs ? run_config_sha256 (designs) : NULL;
  if (designs == NULL)
    g_printerr ("%s\nlmsim merge: %s must load as it did for the shards\n", message ? message : "", path);
  else if (strcmp (config, str_member (parts[0].o, "config_sha256")) != 0)
    g_printerr ("lmsim merge: %s (or a file it includes) changed since the parts were made: its "
                "configuration hash differs\n", path);
  else if (given->csv_dir != NULL && !json_object_get_boolean_member (parts[0].o, "rows"))
    g_printerr ("lmsim merge: --csv needs the per-replication rows: run the shards with --csv too\n");
  else
    rc = merge_designs (parts, n_parts, designs, sweep, path, &ro);
  g_strfreev (opt.set);
  g_strfreev (opt.sweep);
  g_free (opt.failure_clocks);
  return rc;
}

int
lm_cli_merge_texts (char **names, char **texts, guint n_parts, const LmRunOptions *ro)
{
  g_autofree Part *parts = g_new0 (Part, MAX (n_parts, 1));
  int rc = LM_EXIT_USAGE;
  gboolean ok = n_parts > 0;
  if (n_parts == 0)
    g_printerr ("lmsim merge: no parts given (lmsim merge PARTS…)\n");
  for (guint i = 0; ok && i < n_parts; i++)
    {
      parts[i].name = names[i];
      ok = part_read (&parts[i], texts[i]);
    }
  if (ok && parts_agree (parts, n_parts))
    {
      qsort (parts, n_parts, sizeof (Part), cmp_part);
      rc = merge_parts (parts, n_parts, ro);
    }
  for (guint i = 0; i < n_parts; i++)
    g_clear_object (&parts[i].parser);
  return rc;
}

int
lm_cli_merge_main (int argc, char **argv)
{
  char *json = NULL, *csv = NULL, *junit = NULL, *plot = NULL;
  char **files = NULL;
  gboolean quiet = FALSE, check = FALSE, analytic = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json, "Write the results as JSON", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Write CSV files into DIR", "DIR" },
    { "junit", 0, 0, G_OPTION_ARG_FILENAME, &junit, "Write the expectations as JUnit XML", "FILE" },
    { "plot", 0, 0, G_OPTION_ARG_FILENAME, &plot, "Write gnuplot figures into DIR", "DIR" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "PASS/FAIL lines instead of the report", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No text report", NULL },
    { "analytic", 0, 0, G_OPTION_ARG_NONE, &analytic, "Show the exact component availability", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "PARTS…" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PARTS… — merge the parts of a sharded run");
  g_option_context_set_summary (ctx, "Checks that the parts (lmsim --shard K/N --partial FILE) belong "
                                     "together and prints the report one run would have printed.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  int rc = LM_EXIT_USAGE;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    g_printerr ("lmsim merge: %s\n", error->message);
  else
    {
      guint n = files ? g_strv_length (files) : 0;
      g_auto (GStrv) texts = g_new0 (char *, n + 1);
      gboolean read = TRUE;
      for (guint i = 0; read && i < n; i++)
        if (!g_file_get_contents (files[i], &texts[i], NULL, &error))
          {
            g_printerr ("lmsim merge: %s\n", error->message);
            read = FALSE;
          }
      g_autoptr (LmJunit) j = junit != NULL ? lm_junit_new () : NULL;
      LmRunOptions ro = { .json_path = json, .quiet = quiet, .jobs = 1, .analytic = analytic,
                          .csv_dir = csv, .check = check, .junit = j, .plot_dir = plot };
      if (read)
        rc = lm_cli_merge_texts (files, texts, n, &ro);
      if (read && j != NULL && rc != LM_EXIT_USAGE)
        {
          g_autofree char *xml = lm_junit_text (j);
          if (!lm_cli_write_atomic (junit, xml, &error))
            {
              g_printerr ("lmsim merge: --junit %s: %s\n", junit, error->message);
              rc = LM_EXIT_USAGE;
            }
        }
    }
  g_free (json);
  g_free (csv);
  g_free (junit);
  g_free (plot);
  g_strfreev (files);
  return rc;
}

