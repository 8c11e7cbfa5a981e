/* analysis/ctmc.h — exact steady-state component availability of an S × M design.
 *
 * The model (DESIGN §7 `component_availability`; rare-event-method.md §3.1):
 * S sites and S·M router pairs, M per site, each an independent two-state
 * component (up/down) with exponential time to failure (mean MTBF) and
 * exponential repair (mean MTTR).  A pair *carries* while it and its site are
 * both up.  A criterion k fails the design while fewer than k pairs carry:
 * k = 1 is reachability, k = ceil(S·M/2) "≥ 50 % capacity", k = S·M full
 * capacity.  Only up/down states count: no detection, no convergence.
 *
 * Two independent computations of the same numbers:
 *
 *  - lm_ctmc_new() builds the continuous-time Markov chain on the full state
 *    space (2^(S+S·M) states, one bit per component) and solves πQ = 0,
 *    Σπ = 1; lm_ctmc_evaluate() then sums π over the failed set and the
 *    probability flow into it, for any k.  The default solver is the
 *    Grassmann–Taksar–Heyman elimination (GTH), which uses no subtraction
 *    and so gets every π(x) to full relative precision, even 1e-20; GSL's
 *    LU on Qᵀ is available to compare (it is accurate only relative to
 *    max π, see docs/availability.md).
 *  - lm_avail_closed_form() uses independence: the product of the site and
 *    pair marginal availabilities, summed over site-up patterns with binomial
 *    pair counts, and the outage frequency from the criticality of each
 *    component (Σ_i P(i critical)·A_i·λ_i).
 *
 * Unavailability is always summed directly over failed states (never 1 − A),
 * so 1e-8 keeps its digits.  Outage frequency is per year of 8760 h; mean
 * outage duration = unavailability / frequency, in hours.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LM_CTMC_ERROR (lm_ctmc_error_quark ())
GQuark lm_ctmc_error_quark (void);

typedef enum {
  LM_CTMC_ERROR_INVALID,     /* a design or criterion that means nothing */
  LM_CTMC_ERROR_TOO_LARGE,   /* more components than the dense chain holds */
  LM_CTMC_ERROR_SOLVE,       /* the linear algebra failed (GSL status) */
} LmCtmcError;

/* Hours in the year that outage frequencies are quoted per. */
#define LM_AVAIL_YEAR_H 8760.0

/* The dense chain holds at most this many components (S + S·M), i.e. 1024
 * states: 8 MB of generator and ~0.1 s of elimination.  Larger designs
 * are refused with LM_CTMC_ERROR_TOO_LARGE; the closed form has no limit. */
#define LM_CTMC_MAX_COMPONENTS 10

/* One class of components: mean time between failures and mean time to
 * repair, in hours; both finite and > 0. */
typedef struct {
  double mtbf_h;
  double mttr_h;
} LmClassRates;

typedef struct {
  guint sites;            /* S ≥ 1 */
  guint pairs_per_site;   /* M ≥ 1 */
  LmClassRates pair;      /* every router pair */
  LmClassRates site;      /* every site */
} LmAvailDesign;

/* The failure data sets of ../shared/reference/failure-data.md §3.2.
 *
 * DEFAULT: router pair = the series of router hardware (0.10/yr, 4 h),
 *   optics (4 × 127.4 FIT, 4 h), 25 km buried fibre (2.13/1000 km/yr, 6 h),
 *   BGP/software session-down (2/yr, 10 min) and maintenance (3/yr, 2 h),
 *   aggregated exactly: λ = Σλ_i = 5.157714096/yr, MTTR = Σλ_i·MTTR_i/λ —
 *   MTBF 1698.42683 h, MTTR 1.37089602 h (quoted as 1698.43 h / 1.3709 h);
 *   site MTBF 43,800 h, MTTR 8 h.  The exact values in issue 8 are for this
 *   unrounded aggregate.
 * DEFAULT_ROUNDED: the same with the quoted pair figures 1698.43 h / 1.3709 h
 *   (what a scenario file writes); results differ by < 2e-6 relative.
 * STRESS: pair 500 h / 50 h, site 2000 h / 100 h (validation only). */
typedef enum {
  LM_AVAIL_DATA_DEFAULT,
  LM_AVAIL_DATA_DEFAULT_ROUNDED,
  LM_AVAIL_DATA_STRESS,
} LmAvailData;

/* Fills @d with an S × M design and one of the data sets above. */
void lm_avail_design_init (LmAvailDesign *d, guint sites, guint pairs_per_site,
                           LmAvailData data);

/* FALSE with LM_CTMC_ERROR_INVALID when S or M is 0, S·M overflows, or a
 * rate is not finite and > 0. */
gboolean lm_avail_design_check (const LmAvailDesign *d, GError **error);

typedef enum {
  LM_AVAIL_CRIT_REACHABILITY,     /* k = 1 */
  LM_AVAIL_CRIT_HALF_CAPACITY,    /* k = ceil(S·M / 2) */
  LM_AVAIL_CRIT_FULL_CAPACITY,    /* k = S·M */
  LM_AVAIL_CRIT_N
} LmAvailCriterion;

/* "reachability", "half_capacity", "full_capacity" (the JSON keys, DESIGN §7). */
const char *lm_avail_criterion_name (LmAvailCriterion c);

/* The k that @c means for @d's S·M pairs. */
guint lm_avail_criterion_k (LmAvailCriterion c, const LmAvailDesign *d);

/* The exact figures for one criterion.  availability and unavailability are
 * each summed over their own states, so both keep full relative precision
 * (their sum is 1 to rounding). */
typedef struct {
  guint k;                  /* fewer than k carrying pairs = failed */
  double availability;
  double unavailability;
  double outages_per_year;  /* rate of entering the failed set, per 8760 h */
  double mean_outage_h;     /* unavailability / frequency (hours) */
} LmAvailExact;

/* The closed form for independent components; any S, M.  FALSE with
 * LM_CTMC_ERROR_INVALID when @d is invalid or k ∉ [1, S·M]. */
gboolean lm_avail_closed_form (const LmAvailDesign *d, guint k, LmAvailExact *out,
                               GError **error);

typedef enum {
  LM_CTMC_SOLVER_GTH,   /* Grassmann–Taksar–Heyman elimination (default) */
  LM_CTMC_SOLVER_LU,    /* gsl_linalg_LU on Qᵀ, one row replaced by Σπ = 1 */
} LmCtmcSolver;

typedef struct _LmCtmc LmCtmc;

/* Builds and solves the chain of @d.  NULL with LM_CTMC_ERROR_INVALID for an
 * invalid design, LM_CTMC_ERROR_TOO_LARGE beyond LM_CTMC_MAX_COMPONENTS,
 * LM_CTMC_ERROR_SOLVE when GSL fails.  (transfer full) */
LmCtmc *lm_ctmc_new (const LmAvailDesign *d, LmCtmcSolver solver, GError **error);
void lm_ctmc_free (LmCtmc *c);

/* States are bitmasks of the components that are down: bit s (0 ≤ s < S) is
 * site s, bit S + s·M + m is pair m of site s.  State 0 is all up. */
guint lm_ctmc_n_states (const LmCtmc *c);
guint lm_ctmc_n_components (const LmCtmc *c);
double lm_ctmc_pi (const LmCtmc *c, guint state);
/* How many pairs carry in @state. */
guint lm_ctmc_carrying (const LmCtmc *c, guint state);

/* max over states y of |Σ_x π(x)·Q(x, y)| / Σ_x π(x)·|Q(x, y)|: 0 for an
 * exact solution; the relative balance error of each state's equation. */
double lm_ctmc_balance_residual (const LmCtmc *c);

/* The figures for criterion @k from the solved chain.  FALSE with
 * LM_CTMC_ERROR_INVALID when k ∉ [1, S·M]. */
gboolean lm_ctmc_evaluate (const LmCtmc *c, guint k, LmAvailExact *out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmCtmc, lm_ctmc_free)

G_END_DECLS
