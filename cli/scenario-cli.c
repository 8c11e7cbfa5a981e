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
      "Run once per value of a setting, e.g. --sweep bgp.hold=9s,30s,90s", "PATH=V1,V2,…" },
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
