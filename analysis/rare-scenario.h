/* analysis/rare-scenario.h — the rare-event method applied to a scenario:
 * one component model per interconnect from its `failures { … }` block and
 * groups, the settings of its `rare { … }` block merged with the command
 * line, the refusals (located, file:line:col), and the estimates per
 * criterion (reachability, ≥ 50 % capacity, full capacity, and any k). */
#pragma once

#include "analysis/rare-run.h"

G_BEGIN_DECLS

/* Builds the component model of interconnect @ic (index) of @sc:
 *  site              one per site; down: that site's pairs unusable
 *  router-pair       one per pair
 *  router            two per pair (cloud, partner)
 *  link              one per pair
 *  bgp               one per pair and address family
 *  partner-fabric, first-mile, gateway   one per interconnect; down: all
 *  group NAME        one more component (a common cause) making every
 *                    connection of its members in @ic unusable
 * Refused (LM_RARE_ERROR_REFUSED, the message starting FILE:LINE:COL):
 * a time to failure that is not exponential; no failure data for @ic;
 * more than LM_RARE_MAX_COMPONENTS components (LM_RARE_ERROR_TOO_LARGE).
 * (transfer full) */
LmRareModel *lm_rare_model_from_scenario (const LmScenario *sc, guint ic, GError **error);

/* Command-line settings; each wins over the scenario's `rare` block. */
typedef struct {
  int method;             /* LmRareMethod, or −1: the scenario's */
  guint k;                /* --k N: one more criterion; 0 none */
  double target;          /* --rare-target, relative; 0: the scenario's */
  double time_budget_s;   /* --time-budget; 0 none */
  guint jobs;
  guint64 cycles;         /* fixed numerator cycles (tests, bench); 0: stop at the target */
  const LmRareRanks *ranks;   /* MPI ranks sharing every estimate, or NULL */
} LmRareSettings;

void lm_rare_settings_init (LmRareSettings *s);

/* The method a scenario asks for: @s->method when ≥ 0, else its block's. */
LmRareMethod lm_rare_settings_method (const LmRareSettings *s, const LmScenario *sc);

typedef struct {
  char *criterion;        /* "reachability", "half_capacity", "full_capacity", "k=N" */
  LmRareResult result;
} LmRareCriterion;

typedef struct {
  char *interconnect;
  guint components, connections;
  GArray *criteria;       /* LmRareCriterion */
} LmRareIcResult;

typedef struct _LmRareScenario LmRareScenario;

/* Every interconnect of @sc, every criterion, by the method of @s.  NULL with
 * the first refusal or invalid setting (located when it comes from a file). */
LmRareScenario *lm_rare_scenario_run (const LmScenario *sc, const LmRareSettings *s,
                                      GError **error);
void lm_rare_scenario_free (LmRareScenario *r);

LmRareMethod lm_rare_scenario_method (const LmRareScenario *r);   /* asked for */
const LmScRare *lm_rare_scenario_block (const LmRareScenario *r);
double lm_rare_scenario_bias (const LmRareScenario *r);
double lm_rare_scenario_target (const LmRareScenario *r);
gboolean lm_rare_scenario_exact_denominator (const LmRareScenario *r);
double lm_rare_scenario_time_budget (const LmRareScenario *r);
double lm_rare_scenario_wall_s (const LmRareScenario *r);
guint lm_rare_scenario_jobs (const LmRareScenario *r);
guint lm_rare_scenario_n_interconnects (const LmRareScenario *r);
/* (transfer none) */
const LmRareIcResult *lm_rare_scenario_interconnect (const LmRareScenario *r, guint i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmRareScenario, lm_rare_scenario_free)

G_END_DECLS
