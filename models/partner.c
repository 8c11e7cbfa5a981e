/* models/partner.c — a partner's portal, environments and orders
 * (partner.h says what is modelled).
 *
 * Sources: the two directions of the activation-key flow, the key's length
 * (1–2048), the environment states and "bandwidths.available", and that a
 * bandwidth change "does require the remote partner provider to
 * acknowledge" are the service's (cloud-facts.md §1).  Key format (32 of
 * [a-z0-9]), expiry (7 d), the partner's review-and-build time and its
 * acknowledgement time are assumptions (docs/models.md "Provisioning").
 * A rejection comes at the end of the review, when the scenario says the
 * partner rejects (`provisioning { reject "…" }`).
 *
 * Each order's table: rows are states, columns events.  Unlisted cells are
 * ignored: the event does not apply (a key entered twice is refused by the
 * portal before it becomes an event).  Timers: the key's expiry (armed
 * while awaiting activation or proposed) and the work in hand (the build or
 * the acknowledgement); leaving a state stops what belongs to it.
 */
#include "models/partner.h"

#include <string.h>
#include "models/law.h"

typedef struct {
  char *metro;
  LmScEnvState state;
  guint bandwidths;
} Environment;

struct _LmPartner {
  LmSim *sim;
  char *name;
  LmPartnerConfig cfg;
  char *reject;
  GPtrArray *environments;      /* Environment* */
  GPtrArray *orders;            /* LmPartnerOrder*, creation order */
  GHashTable *rngs;             /* IC.portal → its stream, shared by that IC's orders */
};

struct _LmPartnerOrder {
  LmPartner *partner;
  char *ic, *component, *metro;
  guint64 bandwidth_bps, pending_bps;
  LmPartnerState state;
  char *key;
  gboolean proposal;            /* the partner's proposal (else the cloud's order) */
  LmTime key_expires;
  gboolean key_used;
  gsl_rng *rng;
  LmTimer *expiry, *work;      /* rng: (transfer none) partner->rngs */
  LmPartnerNotify notify;
  gpointer notify_data;
};

static const char *const state_names[] = {
  [LM_PARTNER_NONE] = "none", [LM_PARTNER_AWAITING_ACTIVATION] = "awaiting-activation",
  [LM_PARTNER_PROPOSED] = "proposed", [LM_PARTNER_BUILDING] = "building",
  [LM_PARTNER_BUILT] = "built", [LM_PARTNER_CHANGING] = "changing",
  [LM_PARTNER_REJECTED] = "rejected", [LM_PARTNER_EXPIRED] = "expired",
  [LM_PARTNER_CANCELLED] = "cancelled",
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == LM_PARTNER_N_STATES);

static const char *const event_names[] = {
  [LM_PARTNER_EV_ORDER] = "order placed with an activation key",
  [LM_PARTNER_EV_PROPOSE] = "proposal created",
  [LM_PARTNER_EV_KEY_ENTERED] = "activation key entered",
  [LM_PARTNER_EV_ACCEPTED] = "proposal accepted in the console",
  [LM_PARTNER_EV_KEY_EXPIRED] = "activation key expired",
  [LM_PARTNER_EV_REJECT] = "order rejected",
  [LM_PARTNER_EV_BUILD_DONE] = "partner side built",
  [LM_PARTNER_EV_CHANGE] = "bandwidth change asked",
  [LM_PARTNER_EV_CHANGE_ACK] = "bandwidth change acknowledged",
  [LM_PARTNER_EV_CANCEL] = "cancelled",
  [LM_PARTNER_EV_ADOPT] = "in service before the run",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == LM_PARTNER_N_EVENTS);

static const char *const key_names[] = {
  [LM_KEY_OK] = "ok", [LM_KEY_NOT_FOUND] = "key-not-found", [LM_KEY_EXPIRED] = "key-expired",
  [LM_KEY_USED] = "key-already-used",
};
G_STATIC_ASSERT (G_N_ELEMENTS (key_names) == LM_KEY_N);

static const char *const portal_names[] = {
  [LM_PORTAL_OK] = "ok", [LM_PORTAL_NOT_SERVED] = "metro-not-served",
  [LM_PORTAL_UNAVAILABLE] = "environment-unavailable", [LM_PORTAL_NOT_A_TIER] = "not-a-tier",
  [LM_PORTAL_NOT_OFFERED] = "bandwidth-not-offered",
};
G_STATIC_ASSERT (G_N_ELEMENTS (portal_names) == LM_PORTAL_N);

const char *
lm_partner_state_name (LmPartnerState s)
{
  return (guint) s < LM_PARTNER_N_STATES ? state_names[s] : "?";
}

const char *
lm_partner_event_name (LmPartnerEvent e)
{
  return (guint) e < LM_PARTNER_N_EVENTS ? event_names[e] : "?";
}

const char *
lm_key_status_name (LmKeyStatus k)
{
  return (guint) k < LM_KEY_N ? key_names[k] : "?";
}

const char *
lm_portal_result_name (LmPortalResult r)
{
  return (guint) r < LM_PORTAL_N ? portal_names[r] : "?";
}

/* ------------------------------------------------------------ the table */

typedef void (*Action) (LmPartnerOrder *o);

typedef struct {
  gboolean valid;
  LmPartnerState next;
  Action action;          /* after the state changed */
} Cell;

static void act_arm_expiry (LmPartnerOrder *o);
static void act_review (LmPartnerOrder *o);
static void act_arm_ack (LmPartnerOrder *o);
static void act_apply_change (LmPartnerOrder *o);

#define GO(s) { TRUE, LM_PARTNER_##s, NULL }
#define DO(s, a) { TRUE, LM_PARTNER_##s, a }
#define CANCELLABLE [LM_PARTNER_EV_CANCEL] = GO (CANCELLED)

static const Cell fsm[LM_PARTNER_N_STATES][LM_PARTNER_N_EVENTS] = {
  [LM_PARTNER_NONE] = {
    [LM_PARTNER_EV_ORDER] = DO (AWAITING_ACTIVATION, act_arm_expiry),
    [LM_PARTNER_EV_PROPOSE] = DO (PROPOSED, act_arm_expiry),
    [LM_PARTNER_EV_ADOPT] = GO (BUILT),
  },
  [LM_PARTNER_AWAITING_ACTIVATION] = {
    [LM_PARTNER_EV_KEY_ENTERED] = DO (BUILDING, act_review),
    [LM_PARTNER_EV_KEY_EXPIRED] = GO (EXPIRED),
    CANCELLABLE,
  },
  [LM_PARTNER_PROPOSED] = {
    [LM_PARTNER_EV_ACCEPTED] = DO (BUILDING, act_review),
    [LM_PARTNER_EV_KEY_EXPIRED] = GO (EXPIRED),
    CANCELLABLE,
  },
  [LM_PARTNER_BUILDING] = {
    [LM_PARTNER_EV_BUILD_DONE] = GO (BUILT),
    [LM_PARTNER_EV_REJECT] = GO (REJECTED),
    CANCELLABLE,
  },
  [LM_PARTNER_BUILT] = {
    [LM_PARTNER_EV_CHANGE] = DO (CHANGING, act_arm_ack),
    CANCELLABLE,
  },
  [LM_PARTNER_CHANGING] = {
    [LM_PARTNER_EV_CHANGE_ACK] = DO (BUILT, act_apply_change),
    CANCELLABLE,
  },
  [LM_PARTNER_REJECTED] = { CANCELLABLE },
  [LM_PARTNER_EXPIRED] = { CANCELLABLE },
  [LM_PARTNER_CANCELLED] = { { FALSE, LM_PARTNER_NONE, NULL } },
};

gboolean
lm_partner_transition (LmPartnerState state, LmPartnerEvent event, LmPartnerState *next)
{
  g_return_val_if_fail (state < LM_PARTNER_N_STATES && event < LM_PARTNER_N_EVENTS, FALSE);
  const Cell *c = &fsm[state][event];
  if (c->valid && next != NULL)
    *next = c->next;
  return c->valid;
}

/* The one place an order changes state: the timers of the state left stop,
 * then stamp, announce, notify. */
static void
set_state (LmPartnerOrder *o, LmPartnerState next, const char *cause)
{
  if (next == o->state)
    return;
  LmPartnerState from = o->state;
  o->state = next;
  if (from == LM_PARTNER_AWAITING_ACTIVATION || from == LM_PARTNER_PROPOSED)
    lm_timer_stop (o->expiry);
  if (next == LM_PARTNER_CANCELLED || next == LM_PARTNER_REJECTED || next == LM_PARTNER_BUILT)
    lm_timer_stop (o->work);
  lm_sim_emit_state (o->partner->sim, o->component, "partner", from, state_names[from], next,
                     state_names[next], cause);
  if (o->notify != NULL)
    o->notify (o, from, next, o->notify_data);
}

void
lm_partner_order_feed (LmPartnerOrder *o, LmPartnerEvent event, const char *cause)
{
  g_return_if_fail (o != NULL && event < LM_PARTNER_N_EVENTS);
  const Cell *c = &fsm[o->state][event];
  if (!c->valid)
    return;
  set_state (o, c->next, cause != NULL ? cause : event_names[event]);
  if (c->action != NULL)
    c->action (o);
}

static void
on_expiry (LmSim *sim, gpointer data)
{
  lm_partner_order_feed (data, LM_PARTNER_EV_KEY_EXPIRED, NULL);
}

/* The build (or review) ends: built, or rejected when the partner rejects;
 * the acknowledgement of a change ends. */
static void
on_work (LmSim *sim, gpointer data)
{
  LmPartnerOrder *o = data;
  if (o->state == LM_PARTNER_CHANGING)
    lm_partner_order_feed (o, LM_PARTNER_EV_CHANGE_ACK, NULL);
  else if (o->partner->reject != NULL)
    lm_partner_order_feed (o, LM_PARTNER_EV_REJECT, o->partner->reject);
  else
    lm_partner_order_feed (o, LM_PARTNER_EV_BUILD_DONE, NULL);
}

static void
act_arm_expiry (LmPartnerOrder *o)
{
  o->key_expires = lm_sim_now (o->partner->sim) + o->partner->cfg.key_expiry;
  lm_timer_start (o->expiry, o->partner->cfg.key_expiry);
}

static void
act_review (LmPartnerOrder *o)
{
  o->key_used = TRUE;
  lm_timer_start (o->work, lm_law_draw (&o->partner->cfg.build, o->rng));
}

static void
act_arm_ack (LmPartnerOrder *o)
{
  lm_timer_start (o->work, lm_law_draw (&o->partner->cfg.acknowledge, o->rng));
}

static void
act_apply_change (LmPartnerOrder *o)
{
  o->bandwidth_bps = o->pending_bps;
  o->pending_bps = 0;
}

/* ------------------------------------------------------------ objects */

void
lm_partner_config_init (LmPartnerConfig *cfg, const char *name)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->name = name;
  cfg->account_kind = LM_ACCOUNT_ANY;
  cfg->key_expiry = LM_D (7);
  cfg->build = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
  cfg->acknowledge = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (5), LM_MIN (30), 0 };
}

static void
environment_free (Environment *e)
{
  g_free (e->metro);
  g_free (e);
}

static void
order_free (LmPartnerOrder *o)
{
  lm_timer_free (o->expiry);
  lm_timer_free (o->work);
  g_free (o->ic);
  g_free (o->component);
  g_free (o->metro);
  g_free (o->key);
  g_free (o);
}

LmPartner *
lm_partner_new (LmSim *sim, const LmPartnerConfig *cfg)
{
  LmPartner *p = g_new0 (LmPartner, 1);
  p->sim = sim;
  p->cfg = *cfg;
  p->name = g_strdup (cfg->name);
  p->cfg.name = p->name;
  p->reject = g_strdup (cfg->reject);
  p->cfg.reject = p->reject;
  p->environments = g_ptr_array_new_with_free_func ((GDestroyNotify) environment_free);
  p->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) order_free);
  p->rngs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) gsl_rng_free);
  return p;
}

void
lm_partner_free (LmPartner *p)
{
  if (p == NULL)
    return;
  g_ptr_array_unref (p->orders);
  g_ptr_array_unref (p->environments);
  g_hash_table_unref (p->rngs);
  g_free (p->name);
  g_free (p->reject);
  g_free (p);
}

const char *lm_partner_name (const LmPartner *p) { return p->name; }
LmAccountKind lm_partner_account_kind (const LmPartner *p) { return p->cfg.account_kind; }

void
lm_partner_add_environment (LmPartner *p, const char *metro, LmScEnvState state, guint bandwidths)
{
  for (guint i = 0; i < p->environments->len; i++)
    {
      Environment *e = p->environments->pdata[i];
      if (strcmp (e->metro, metro) == 0)
        {
          e->state = state;
          e->bandwidths = bandwidths;
          return;
        }
    }
  Environment *e = g_new0 (Environment, 1);
  e->metro = g_strdup (metro);
  e->state = state;
  e->bandwidths = bandwidths;
  g_ptr_array_add (p->environments, e);
}

gboolean
lm_partner_environment (const LmPartner *p, const char *metro, LmScEnvState *state,
                        guint *bandwidths)
{
  for (guint i = 0; i < p->environments->len; i++)
    {
      const Environment *e = p->environments->pdata[i];
      if (strcmp (e->metro, metro) != 0)
        continue;
      *state = e->state;
      *bandwidths = e->bandwidths != 0 ? e->bandwidths : lm_sc_env_default_bandwidths (e->state);
      return TRUE;
    }
  *state = LM_SC_ENV_UNAVAILABLE;
  *bandwidths = 0;
  return FALSE;
}

LmPartnerOrder *
lm_partner_order_new (LmPartner *p, const char *ic, const char *metro, guint64 bandwidth_bps,
                      LmPartnerNotify notify, gpointer user_data)
{
  LmPartnerOrder *o = g_new0 (LmPartnerOrder, 1);
  o->partner = p;
  o->ic = g_strdup (ic);
  o->component = g_strconcat (ic, ".portal", NULL);
  o->metro = g_strdup (metro);
  o->bandwidth_bps = bandwidth_bps;
  o->rng = g_hash_table_lookup (p->rngs, o->component);
  if (o->rng == NULL)
    {
      o->rng = lm_sim_rng_new (p->sim, o->component);
      g_hash_table_insert (p->rngs, g_strdup (o->component), o->rng);
    }
  o->expiry = lm_timer_new (p->sim, on_expiry, o);
  o->work = lm_timer_new (p->sim, on_work, o);
  o->notify = notify;
  o->notify_data = user_data;
  g_ptr_array_add (p->orders, o);
  return o;
}

/* ------------------------------------------------------------ the portal */

static void
announce (LmPartner *p, const char *ic, const char *op, int result, const char *result_name,
          const char *detail)
{
  g_autofree char *component = g_strconcat (ic, ".portal", NULL);
  lm_sim_emit_state (p->sim, component, "call", 0, op, result, result_name, detail);
}

void
lm_partner_order_expect_key (LmPartnerOrder *o, const char *key)
{
  g_return_if_fail (o->state == LM_PARTNER_NONE && key != NULL);
  o->key = g_strdup (key);
  lm_partner_order_feed (o, LM_PARTNER_EV_ORDER, NULL);
}

static char *
draw_key (gsl_rng *rng)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char *s = g_malloc (33);
  for (guint i = 0; i < 32; i++)
    s[i] = alphabet[gsl_rng_uniform_int (rng, sizeof alphabet - 1)];
  s[32] = '\0';
  return s;
}

static LmPortalResult
check_proposal (LmPartnerOrder *o, char **why)
{
  LmScEnvState state;
  guint offered;
  LmPartner *p = o->partner;
  int tier = lm_sc_tier_index (o->bandwidth_bps);
  double gbps = (double) o->bandwidth_bps / 1e9;
  if (!lm_partner_environment (p, o->metro, &state, &offered))
    {
      *why = g_strdup_printf ("%s does not serve %s", p->name, o->metro);
      return LM_PORTAL_NOT_SERVED;
    }
  if (state == LM_SC_ENV_UNAVAILABLE)
    {
      *why = g_strdup_printf ("environment %s %s is unavailable", p->name, o->metro);
      return LM_PORTAL_UNAVAILABLE;
    }
  if (tier < 0)
    {
      *why = g_strdup_printf ("%g Gbps is not a tier", gbps);
      return LM_PORTAL_NOT_A_TIER;
    }
  if (!(offered & (1u << tier)))
    {
      *why = g_strdup_printf ("%g Gbps is not offered in %s %s (%s)", gbps, p->name, o->metro,
                              lm_sc_env_state_name (state));
      return LM_PORTAL_NOT_OFFERED;
    }
  return LM_PORTAL_OK;
}

LmPortalResult
lm_partner_order_propose (LmPartnerOrder *o)
{
  g_return_val_if_fail (o->state == LM_PARTNER_NONE, LM_PORTAL_UNAVAILABLE);
  g_autofree char *why = NULL;
  LmPortalResult r = check_proposal (o, &why);
  if (r != LM_PORTAL_OK)
    {
      announce (o->partner, o->ic, "CreateProposal", r, portal_names[r], why);
      return r;
    }
  o->key = draw_key (o->rng);
  o->proposal = TRUE;
  g_autofree char *detail = g_strdup_printf ("%s %s, %g Gbps; activation key issued",
                                             o->partner->name, o->metro,
                                             (double) o->bandwidth_bps / 1e9);
  announce (o->partner, o->ic, "CreateProposal", r, portal_names[r], detail);
  lm_partner_order_feed (o, LM_PARTNER_EV_PROPOSE, NULL);
  return LM_PORTAL_OK;
}

/* The order holding @key among the cloud's orders (@proposal FALSE) or
 * the partner's proposals, and its status: a key of the other kind is not
 * found (a proposal's key is not entered at the portal). */
static LmPartnerOrder *
find_key (LmPartner *p, const char *key, gboolean proposal, LmKeyStatus *status)
{
  LmTime now = lm_sim_now (p->sim);
  for (guint i = 0; i < p->orders->len; i++)
    {
      LmPartnerOrder *o = p->orders->pdata[i];
      if (o->key == NULL || o->proposal != proposal || strcmp (o->key, key) != 0)
        continue;
      if (o->key_used)
        *status = LM_KEY_USED;
      else if (o->state == LM_PARTNER_EXPIRED || now >= o->key_expires)
        *status = LM_KEY_EXPIRED;
      else if (o->state == LM_PARTNER_CANCELLED)
        continue;
      else
        *status = LM_KEY_OK;
      return o;
    }
  *status = LM_KEY_NOT_FOUND;
  return NULL;
}

LmKeyStatus
lm_partner_activate (LmPartner *p, const char *ic, const char *key)
{
  LmKeyStatus status;
  LmPartnerOrder *o = find_key (p, key, FALSE, &status);
  g_autofree char *shown = strlen (key) > 12 ? g_strdup_printf ("%.8s…", key) : g_strdup (key);
  g_autofree char *detail = status == LM_KEY_OK
    ? g_strdup_printf ("key %s entered by the customer; order for %s accepted", shown, o->ic)
    : g_strdup_printf ("key %s entered by the customer: %s", shown,
                       status == LM_KEY_NOT_FOUND ? "no order has this key"
                       : status == LM_KEY_EXPIRED ? "the key has expired"
                       : "the key has already been used");
  announce (p, ic, "ActivateKey", status, key_names[status], detail);
  if (status == LM_KEY_OK)
    lm_partner_order_feed (o, LM_PARTNER_EV_KEY_ENTERED, NULL);
  return status;
}

LmPartnerOrder *
lm_partner_find_proposal (LmPartner *p, const char *key, LmKeyStatus *status)
{
  return find_key (p, key, TRUE, status);
}

void
lm_partner_order_accepted (LmPartnerOrder *o)
{
  lm_partner_order_feed (o, LM_PARTNER_EV_ACCEPTED, NULL);
}

void
lm_partner_order_change (LmPartnerOrder *o, guint64 bandwidth_bps)
{
  o->pending_bps = bandwidth_bps;
  lm_partner_order_feed (o, LM_PARTNER_EV_CHANGE, NULL);
}

void
lm_partner_order_cancel (LmPartnerOrder *o)
{
  lm_partner_order_feed (o, LM_PARTNER_EV_CANCEL, NULL);
}

void
lm_partner_order_adopt (LmPartnerOrder *o)
{
  lm_partner_order_feed (o, LM_PARTNER_EV_ADOPT, NULL);
}

LmPartnerState lm_partner_order_state (const LmPartnerOrder *o) { return o->state; }
const char *lm_partner_order_key (const LmPartnerOrder *o) { return o->key; }
LmTime lm_partner_order_key_expires (const LmPartnerOrder *o) { return o->key_expires; }
const char *lm_partner_order_interconnect (const LmPartnerOrder *o) { return o->ic; }
const char *lm_partner_order_metro (const LmPartnerOrder *o) { return o->metro; }
guint64 lm_partner_order_bandwidth (const LmPartnerOrder *o) { return o->bandwidth_bps; }
LmPartner *lm_partner_order_partner (const LmPartnerOrder *o) { return o->partner; }

const char *
lm_partner_order_reason (const LmPartnerOrder *o)
{
  return o->state == LM_PARTNER_REJECTED ? o->partner->reject : NULL;
}
