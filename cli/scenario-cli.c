/* cli/scenario-cli.c — scenario glue for the lmsim command line.
 *
 *   lmsim FILE.sc…                      parse; summarise what was read
 *   lmsim --set bgp.hold=9s FILE.sc     overrides, applied after parsing
 *   lmsim --sweep bgp.hold=9s,90s FILE  each value is checked like a --set
 *   lmsim --print-scenario FILE.sc      the canonical form after includes
 *                                       and overrides
 *
 * Bad input (a scenario error, a malformed --set or --sweep) prints every
 * diagnostic on stderr and gives exit code 2, and nothing on stdout for
 * that file.  Until the failover models are wired in (models/world.c), a
 * good scenario is summarised rather than simulated.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/scenario-cli.h"

const GOptionEntry *
lm_cli_scenario_entries (LmCliScenarioOptions *opt)
{
  if (opt->entries != NULL)
    return opt->entries;
  GOptionEntry entries[] = {
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &opt->set,
      "Override a scenario setting after parsing (repeatable), e.g. --set bgp.bfd=off",
      "PATH=VALUE" },
    { "sweep", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt->sweep,
      "Compare designs: run every combination of the values of each --sweep (repeatable), e.g. --sweep sites=1,2", "PATH=V1,V2,…" },
    { "failure-clocks", 0, 0, G_OPTION_ARG_STRING, &opt->failure_clocks,
      "Random failures: 'independent' (default) or 'suspend' (a pair's clock stops while its "
      "site is down); the same as --set failures.clocks=MODE", "MODE" },
    { "print-scenario", 0, 0, G_OPTION_ARG_NONE, &opt->print,
      "Print each scenario in canonical form (includes and overrides applied) and exit",
      NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  opt->entries = g_memdup2 (entries, sizeof entries);
  return opt->entries;
}

void
lm_cli_scenario_options_clear (LmCliScenarioOptions *opt)
{
  g_clear_pointer (&opt->set, g_strfreev);
  g_clear_pointer (&opt->sweep, g_strfreev);
  g_clear_pointer (&opt->failure_clocks, g_free);
  g_clear_pointer (&opt->entries, g_free);
}

static gboolean
add_all (LmScenarioOverrides *set, char **args)
{
  for (char **a = args; a != NULL && *a != NULL; a++)
    {
      g_autoptr (GError) error = NULL;
      if (!lm_scenario_overrides_add (set, *a, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

LmScenarioOverrides *
lm_cli_scenario_overrides (const LmCliScenarioOptions *opt)
{
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  if (opt->failure_clocks != NULL)
    {
      g_autoptr (GError) error = NULL;
      if (!lm_scenario_overrides_add_key (set, "--failure-clocks", "failures.clocks",
                                          opt->failure_clocks, &error))
        {
          g_printerr ("%s\n", error->message);
          return NULL;
        }
    }
  if (!add_all (set, opt->set))
    return NULL;
  return g_steal_pointer (&set);
}

static LmScenario *
load_with (const char *path, const LmScenarioOverrides *set)
{
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_load (path, set, &error);
  if (sc == NULL)
    g_printerr ("%s\n", error->message);
  return sc;
}

LmScenario *
lm_cli_scenario_load (const LmCliScenarioOptions *opt, const char *path)
{
  g_autoptr (LmScenarioOverrides) set = lm_cli_scenario_overrides (opt);
  if (set == NULL)
    return NULL;
  return load_with (path, set);
}

LmScenario *
lm_cli_scenario_load_message (const LmCliScenarioOptions *opt, const char *path, char **message)
{
  *message = NULL;
  g_autoptr (LmScenarioOverrides) set = lm_cli_scenario_overrides (opt);
  if (set == NULL)
    {
      *message = g_strdup ("lmsim: a --set is malformed (see above)");
      return NULL;
    }
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_load (path, set, &error);
  if (sc == NULL)
    *message = g_strdup (error->message);
  return sc;
}

/* PATH of "PATH=…" (transfer full). */
static char *
path_of (const char *assignment)
{
  const char *eq = strchr (assignment, '=');
  return g_strndup (assignment, eq != NULL ? (gsize) (eq - assignment) : strlen (assignment));
}

static gboolean
same_path (const char *a, const char *b)
{
  g_autofree char *pa = path_of (a), *pb = path_of (b);
  return strcmp (pa, pb) == 0;
}

static gboolean
given_on_command_line (const LmCliScenarioOptions *opt, const char *assignment)
{
  for (char **s = opt->sweep; s != NULL && *s != NULL; s++)
    if (same_path (*s, assignment))
      return TRUE;
  return FALSE;
}

/* How messages name where a design's value came from: "--sweep", or the
 * file's `sweep` statement as file:line:col. */
static char *
origin_of (const LmCliScenarioOptions *opt, const LmScenario *base, const char *assignment)
{
  if (!given_on_command_line (opt, assignment))
    for (guint i = 0; i < base->sweeps->len; i++)
      {
        const LmScSweep *w = base->sweeps->pdata[i];
        if (same_path (w->text, assignment))
          return g_strdup_printf ("%s:%u:%u: sweep", w->loc.file, w->loc.line, w->loc.col);
      }
  return g_strdup ("--sweep");
}

LmScenario *
lm_cli_scenario_load_design (const LmCliScenarioOptions *opt, const LmScenario *base,
                             const char *path, char **design)
{
  g_autoptr (LmScenarioOverrides) set = lm_cli_scenario_overrides (opt);
  for (char **a = design; set != NULL && a != NULL && *a != NULL; a++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *origin = origin_of (opt, base, *a);
      if (!lm_scenario_overrides_add_as (set, origin, *a, &error))
        {
          g_printerr ("%s\n", error->message);
          return NULL;
        }
    }
  return set == NULL ? NULL : load_with (path, set);
}

/* Appends to @out every design of sweeps [i…] on top of @prefix. */
static void
product (GPtrArray *values, guint i, GPtrArray *prefix, GPtrArray *out)
{
  if (i == values->len)
    {
      GStrvBuilder *b = g_strv_builder_new ();
      for (guint k = 0; k < prefix->len; k++)
        g_strv_builder_add (b, prefix->pdata[k]);
      g_ptr_array_add (out, g_strv_builder_end (b));
      g_strv_builder_unref (b);
      return;
    }
  for (char **v = values->pdata[i]; *v != NULL; v++)
    {
      g_ptr_array_add (prefix, *v);
      product (values, i + 1, prefix, out);
      g_ptr_array_remove_index (prefix, prefix->len - 1);
    }
}

gboolean
lm_cli_scenario_has_sweeps (const LmCliScenarioOptions *opt, const LmScenario *base)
{
  return (opt->sweep != NULL && opt->sweep[0] != NULL) || base->sweeps->len > 0;
}

static gboolean
add_split (GPtrArray *values, const char *text)
{
  g_autoptr (GError) error = NULL;
  GStrv v = lm_scenario_sweep_split (text, &error);
  if (v == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_ptr_array_add (values, v);
  return TRUE;
}

GPtrArray *
lm_cli_scenario_designs (const LmCliScenarioOptions *opt, const LmScenario *base)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  /* the file's sweeps first, unless the command line sweeps the same path */
  for (guint i = 0; i < base->sweeps->len; i++)
    {
      const LmScSweep *w = base->sweeps->pdata[i];
      if (!given_on_command_line (opt, w->text) && !add_split (values, w->text))
        return NULL;
    }
  for (char **s = opt->sweep; s != NULL && *s != NULL; s++)
    if (!add_split (values, *s))
      return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) prefix = g_ptr_array_new ();
  product (values, 0, prefix, out);
  return out;
}

/* Checks every value of every --sweep (each on top of the --set list). */
gboolean
lm_cli_scenario_check_sweeps (const LmCliScenarioOptions *opt, const char *path, guint *variants)
{
  *variants = 1;
  for (char **s = opt->sweep; s != NULL && *s != NULL; s++)
    {
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) values = lm_scenario_sweep_split (*s, &error);
      if (values == NULL)
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      for (char **v = values; *v != NULL; v++)
        {
          g_autoptr (LmScenarioOverrides) set = lm_cli_scenario_overrides (opt);
          if (set == NULL || !lm_scenario_overrides_add_as (set, "--sweep", *v, &error))
            {
              if (error != NULL)
                g_printerr ("%s\n", error->message);
              return FALSE;
            }
          g_autoptr (LmScenario) sc = load_with (path, set);
          if (sc == NULL)
            return FALSE;
        }
      *variants *= g_strv_length (values);
    }
  return TRUE;
}

static void
summarise_interconnect (GString *out, const LmScenario *sc, const LmScInterconnect *ic)
{
  g_autofree char *bw = NULL;
  guint64 gbps = ic->bandwidth_bps / 1000000000u;
  bw = g_strdup_printf ("%" G_GUINT64_FORMAT " Gbps", gbps);
  g_string_append_printf (out, "  %s: %s at %s (%s, %g km), %s, %u sites x %u router pairs,%s%s,"
                          " gateway %s (%s)\n", ic->name, ic->partner, ic->metro,
                          ic->metro_info->region, ic->metro_info->distance_km, bw, ic->sites,
                          ic->pairs_per_site, (ic->families & LM_SC_FAMILY_IPV4) ? " ipv4" : "",
                          (ic->families & LM_SC_FAMILY_IPV6) ? " ipv6" : "", ic->gateway,
                          lm_sc_attach_name (ic->gateway_info->attach));
  const LmScTraffic *t = lm_scenario_find_traffic (sc, ic->name);
  if (t != NULL)
    g_string_append_printf (out, "    traffic %g Gbps per direction (%s), %" G_GUINT64_FORMAT
                            " flows, %" G_GUINT64_FORMAT " B packets\n", t->rate_bps / 1e9,
                            lm_sc_direction_name (t->direction), t->flows, t->packet_bytes);
}

static void
summarise (const LmScenario *sc, const char *path, guint variants)
{
  GString *out = g_string_new (NULL);
  g_autofree char *d = lm_time_to_string (sc->duration);
  g_string_append_printf (out, "%s (%s): seed %" G_GUINT64_FORMAT ", duration %s, %"
                          G_GUINT64_FORMAT " replication%s", sc->name, path, sc->seed, d,
                          sc->replications, sc->replications == 1 ? "" : "s");
  if (variants > 1)
    g_string_append_printf (out, ", %u sweep variants", variants);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < sc->interconnects->len; i++)
    summarise_interconnect (out, sc, sc->interconnects->pdata[i]);
  g_string_append_printf (out, "  actions: %u, failures: %u, expectations: %u\n",
                          sc->actions->len, sc->failures->len, sc->expectations->len);
  for (guint i = 0; i < sc->failures->len; i++)
    {
      const LmScFailure *f = sc->failures->pdata[i];
      g_autofree char *at = lm_time_to_string (f->at);
      g_autofree char *until = f->until == LM_SC_FAILURE_OPEN ? g_strdup ("the end")
                               : lm_time_to_string (f->until);
      g_string_append_printf (out, "    %s: %s %s %s from %s to %s\n", f->id,
                              lm_sc_class_name (f->target->klass), f->target->name,
                              lm_sc_mode_name (f->mode), at, until);
    }
  g_string_append (out, "The failover models are not wired in yet: the scenario was checked, "
                   "not simulated.\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

static int
run_one (const LmCliScenarioOptions *opt, const char *path)
{
  g_autoptr (LmScenario) sc = lm_cli_scenario_load (opt, path);
  if (sc == NULL)
    return LM_EXIT_USAGE;
  if (opt->print)
    {
      g_autofree char *text = lm_scenario_print (sc);
      fputs (text, stdout);
      return LM_EXIT_OK;
    }
  guint variants = 1;
  if (!lm_cli_scenario_check_sweeps (opt, path, &variants))
    return LM_EXIT_USAGE;
  summarise (sc, path, variants);
  return LM_EXIT_OK;
}

int
lm_cli_scenario_run (const LmCliScenarioOptions *opt, char **files)
{
  int worst = LM_EXIT_OK;
  for (char **f = files; f != NULL && *f != NULL; f++)
    {
      int rc = run_one (opt, *f);   /* (not inside MAX: it evaluates twice) */
      worst = MAX (worst, rc);
    }
  fflush (stdout);
  return worst;
}
