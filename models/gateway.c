/* models/gateway.c — the gateway and its associations at provisioning time
 * (gateway.h says what is modelled and on whose authority).
 *
 * Two tables.  The gateway: none → pending → available (created on the
 * way), or none → available (it existed).  An association: none →
 * associating → associated | failed, associated → disassociating →
 * disassociated; `adopt` for one associated before the run.  Unlisted
 * cells are ignored.  The association request is checked when its attach
 * time ends (the request is made, then fails): ASN equality with a transit
 * gateway, private VIFs with a transit gateway, the VIF limit.
 */
#include "models/gateway.h"

#include <string.h>
#include "models/law.h"

struct _LmGateway {
  LmSim *sim;
  LmGatewayConfig cfg;
  char *name;
  LmGatewayState state;
  gsl_rng *rng;
  LmTimer *create_timer;
  GPtrArray *associations;      /* LmGatewayAssociation* */
  GHashTable *rngs;             /* IC.gateway → its stream, shared by that IC's associations */
};

struct _LmGatewayAssociation {
  LmGateway *gw;
  char *ic, *component;
  guint n_connections;
  LmAssocState state;
  gboolean waiting;             /* asked while the gateway was pending */
  char *reason;
  gsl_rng *rng;
  LmTimer *timer;
  LmAssocNotify notify;
  gpointer notify_data;
};

static const char *const gw_names[] = {
  [LM_GATEWAY_NONE] = "none", [LM_GATEWAY_PENDING] = "pending",
  [LM_GATEWAY_AVAILABLE] = "available",
};
G_STATIC_ASSERT (G_N_ELEMENTS (gw_names) == LM_GATEWAY_N_STATES);

static const char *const assoc_names[] = {
  [LM_ASSOC_NONE] = "none", [LM_ASSOC_ASSOCIATING] = "associating",
  [LM_ASSOC_ASSOCIATED] = "associated", [LM_ASSOC_FAILED] = "failed",
  [LM_ASSOC_DISASSOCIATING] = "disassociating", [LM_ASSOC_DISASSOCIATED] = "disassociated",
};
G_STATIC_ASSERT (G_N_ELEMENTS (assoc_names) == LM_ASSOC_N_STATES);

static const char *const gw_events[] = {
  [LM_GATEWAY_EV_EXISTS] = "existed before the run", [LM_GATEWAY_EV_CREATE] = "created for the order",
  [LM_GATEWAY_EV_CREATED] = "creation finished",
};
G_STATIC_ASSERT (G_N_ELEMENTS (gw_events) == LM_GATEWAY_N_EVENTS);

static const char *const assoc_events[] = {
  [LM_ASSOC_EV_ASSOCIATE] = "association requested", [LM_ASSOC_EV_ADOPT] = "associated before the run",
  [LM_ASSOC_EV_DONE] = "association request succeeded", [LM_ASSOC_EV_FAIL] = "association request failed",
  [LM_ASSOC_EV_DISASSOCIATE] = "disassociation requested",
  [LM_ASSOC_EV_DISASSOCIATED] = "disassociated",
};
G_STATIC_ASSERT (G_N_ELEMENTS (assoc_events) == LM_ASSOC_N_EVENTS);

const char *
lm_gateway_state_name (LmGatewayState s)
{
  return (guint) s < LM_GATEWAY_N_STATES ? gw_names[s] : "?";
}

const char *
lm_assoc_state_name (LmAssocState s)
{
  return (guint) s < LM_ASSOC_N_STATES ? assoc_names[s] : "?";
}

/* ------------------------------------------------------------ tables */

typedef struct {
  gboolean valid;
  int next;
} Cell;

#define GO(s) { TRUE, s }

static const Cell gw_fsm[LM_GATEWAY_N_STATES][LM_GATEWAY_N_EVENTS] = {
  [LM_GATEWAY_NONE] = {
    [LM_GATEWAY_EV_EXISTS] = GO (LM_GATEWAY_AVAILABLE),
    [LM_GATEWAY_EV_CREATE] = GO (LM_GATEWAY_PENDING),
  },
  [LM_GATEWAY_PENDING] = {
    [LM_GATEWAY_EV_CREATED] = GO (LM_GATEWAY_AVAILABLE),
  },
  [LM_GATEWAY_AVAILABLE] = { { FALSE, 0 } },
};

static const Cell assoc_fsm[LM_ASSOC_N_STATES][LM_ASSOC_N_EVENTS] = {
  [LM_ASSOC_NONE] = {
    [LM_ASSOC_EV_ASSOCIATE] = GO (LM_ASSOC_ASSOCIATING),
    [LM_ASSOC_EV_ADOPT] = GO (LM_ASSOC_ASSOCIATED),
  },
  [LM_ASSOC_ASSOCIATING] = {
    [LM_ASSOC_EV_DONE] = GO (LM_ASSOC_ASSOCIATED),
    [LM_ASSOC_EV_FAIL] = GO (LM_ASSOC_FAILED),
    [LM_ASSOC_EV_DISASSOCIATE] = GO (LM_ASSOC_DISASSOCIATED),   /* cancelled before done */
  },
  [LM_ASSOC_ASSOCIATED] = {
    [LM_ASSOC_EV_DISASSOCIATE] = GO (LM_ASSOC_DISASSOCIATING),
  },
  [LM_ASSOC_DISASSOCIATING] = {
    [LM_ASSOC_EV_DISASSOCIATED] = GO (LM_ASSOC_DISASSOCIATED),
  },
  [LM_ASSOC_FAILED] = { { FALSE, 0 } },
  [LM_ASSOC_DISASSOCIATED] = { { FALSE, 0 } },
};

gboolean
lm_gateway_transition (LmGatewayState state, LmGatewayEvent event, LmGatewayState *next)
{
  g_return_val_if_fail (state < LM_GATEWAY_N_STATES && event < LM_GATEWAY_N_EVENTS, FALSE);
  const Cell *c = &gw_fsm[state][event];
  if (c->valid && next != NULL)
    *next = (LmGatewayState) c->next;
  return c->valid;
}

gboolean
lm_assoc_transition (LmAssocState state, LmAssocEvent event, LmAssocState *next)
{
  g_return_val_if_fail (state < LM_ASSOC_N_STATES && event < LM_ASSOC_N_EVENTS, FALSE);
  const Cell *c = &assoc_fsm[state][event];
  if (c->valid && next != NULL)
    *next = (LmAssocState) c->next;
  return c->valid;
}

static void start_attach (LmGatewayAssociation *a);

void
lm_gateway_feed (LmGateway *gw, LmGatewayEvent ev)
{
  g_return_if_fail (gw != NULL && ev < LM_GATEWAY_N_EVENTS);
  const Cell *c = &gw_fsm[gw->state][ev];
  if (!c->valid || (LmGatewayState) c->next == gw->state)
    return;
  LmGatewayState from = gw->state;
  gw->state = (LmGatewayState) c->next;
  lm_sim_emit_state (gw->sim, gw->name, "gateway", from, gw_names[from], gw->state,
                     gw_names[gw->state], gw_events[ev]);
  if (gw->state == LM_GATEWAY_PENDING)
    lm_timer_start (gw->create_timer, lm_law_draw (&gw->cfg.create, gw->rng));
  if (gw->state != LM_GATEWAY_AVAILABLE)
    return;
  for (guint i = 0; i < gw->associations->len; i++)
    {
      LmGatewayAssociation *a = gw->associations->pdata[i];
      if (a->waiting)
        start_attach (a);
    }
}

void
lm_gateway_association_feed (LmGatewayAssociation *a, LmAssocEvent ev, const char *cause)
{
  g_return_if_fail (a != NULL && ev < LM_ASSOC_N_EVENTS);
  const Cell *c = &assoc_fsm[a->state][ev];
  if (!c->valid || (LmAssocState) c->next == a->state)
    return;
  LmAssocState from = a->state;
  a->state = (LmAssocState) c->next;
  if (a->state != LM_ASSOC_ASSOCIATING && a->state != LM_ASSOC_DISASSOCIATING)
    {
      lm_timer_stop (a->timer);
      a->waiting = FALSE;
    }
  lm_sim_emit_state (a->gw->sim, a->component, "association", from, assoc_names[from], a->state,
                     assoc_names[a->state], cause != NULL ? cause : assoc_events[ev]);
  if (a->notify != NULL)
    a->notify (a, from, a->state, a->notify_data);
}

/* ------------------------------------------------------------ checks */

static guint
attachments (const LmGateway *gw)
{
  guint n = gw->cfg.private_vifs + gw->cfg.transit_vifs;
  for (guint i = 0; i < gw->associations->len; i++)
    {
      const LmGatewayAssociation *a = gw->associations->pdata[i];
      if (a->state == LM_ASSOC_ASSOCIATED || a->state == LM_ASSOC_DISASSOCIATING)
        n += a->n_connections;
    }
  return n;
}

/* Why the association request of @a fails (transfer full), or NULL. */
static char *
association_problem (const LmGatewayAssociation *a)
{
  const LmGatewayConfig *c = &a->gw->cfg;
  if (c->attach == LM_SC_ATTACH_TRANSIT_GATEWAY && c->tgw_asn == c->amazon_asn)
    return g_strdup_printf ("the transit gateway's ASN %u equals gateway %s's ASN %u",
                            c->tgw_asn, c->name, c->amazon_asn);
  if (c->attach == LM_SC_ATTACH_TRANSIT_GATEWAY && c->private_vifs > 0)
    return g_strdup_printf ("gateway %s carries %u private virtual interface%s and cannot be "
                            "associated with a transit gateway", c->name, c->private_vifs,
                            c->private_vifs == 1 ? "" : "s");
  guint n = attachments (a->gw) + a->n_connections;
  if (n > LM_GATEWAY_MAX_VIFS)
    return g_strdup_printf ("gateway %s would carry %u virtual interfaces and attachments; "
                            "at most %u", c->name, n, LM_GATEWAY_MAX_VIFS);
  return NULL;
}

static void
on_attach_timer (LmSim *sim, gpointer data)
{
  LmGatewayAssociation *a = data;
  if (a->state == LM_ASSOC_DISASSOCIATING)
    {
      lm_gateway_association_feed (a, LM_ASSOC_EV_DISASSOCIATED, NULL);
      return;
    }
  g_free (a->reason);
  a->reason = association_problem (a);
  if (a->reason != NULL)
    lm_gateway_association_feed (a, LM_ASSOC_EV_FAIL, a->reason);
  else
    lm_gateway_association_feed (a, LM_ASSOC_EV_DONE, NULL);
}

static void
start_attach (LmGatewayAssociation *a)
{
  a->waiting = FALSE;
  lm_timer_start (a->timer, lm_law_draw (&a->gw->cfg.attach_time, a->rng));
}

static void
notice (LmGateway *gw, const char *ic, const char *topic, const char *text)
{
  g_autofree char *component = g_strconcat (ic, ".gateway", NULL);
  lm_sim_emit_state (gw->sim, component, "notice", 0, topic, 1, "reported", text);
}

guint
lm_gateway_check_prefixes (LmGateway *gw, const char *ic, const GPtrArray *prefixes)
{
  const LmGatewayConfig *c = &gw->cfg;
  guint conflicts = 0;
  for (guint i = 0; prefixes != NULL && c->vpc_cidrs != NULL && i < prefixes->len; i++)
    for (guint j = 0; j < c->vpc_cidrs->len; j++)
      {
        const LmScPrefix *p = prefixes->pdata[i], *v = c->vpc_cidrs->pdata[j];
        if (!lm_sc_prefixes_overlap (p, v))
          continue;
        g_autofree char *t = g_strdup_printf ("customer prefix %s overlaps VPC CIDR %s behind "
                                              "gateway %s", p->text, v->text, c->name);
        notice (gw, ic, "address-conflict", t);
        conflicts++;
      }
  if (!c->addressing_known)
    return conflicts;
  guint n_allowed = c->allowed != NULL ? c->allowed->len : 0;
  if (c->attach == LM_SC_ATTACH_TRANSIT_GATEWAY && n_allowed == 0)
    notice (gw, ic, "allowed-prefixes", "the transit gateway association has no allowed "
            "prefixes: on-premises traffic never reaches the VPCs, and no error is given");
  for (guint j = 0; c->attach == LM_SC_ATTACH_VIRTUAL_PRIVATE_GATEWAY && c->vpc_cidrs != NULL
                    && j < c->vpc_cidrs->len; j++)
    {
      const LmScPrefix *v = c->vpc_cidrs->pdata[j];
      gboolean covered = FALSE;
      for (guint k = 0; k < n_allowed && !covered; k++)
        covered = lm_sc_prefix_covers (c->allowed->pdata[k], v);
      if (covered)
        continue;
      g_autofree char *t = g_strdup_printf ("VPC CIDR %s is not advertised: no allowed prefix "
                                            "of gateway %s covers it", v->text, c->name);
      notice (gw, ic, "allowed-prefixes", t);
    }
  return conflicts;
}

/* ------------------------------------------------------------ objects */

void
lm_gateway_config_init (LmGatewayConfig *cfg, const char *name)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->name = name;
  cfg->attach = LM_SC_ATTACH_TRANSIT_GATEWAY;
  cfg->amazon_asn = 64512;
  cfg->tgw_asn = 64513;
  cfg->status = LM_SC_GATEWAY_EXISTING;
  cfg->create = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (3), 0 };
  cfg->attach_time = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
}

static void
on_created (LmSim *sim, gpointer data)
{
  lm_gateway_feed (data, LM_GATEWAY_EV_CREATED);
}

LmGateway *
lm_gateway_new (LmSim *sim, const LmGatewayConfig *cfg)
{
  LmGateway *gw = g_new0 (LmGateway, 1);
  gw->sim = sim;
  gw->cfg = *cfg;
  gw->name = g_strdup (cfg->name);
  gw->cfg.name = gw->name;
  gw->rng = lm_sim_rng_new (sim, gw->name);
  gw->create_timer = lm_timer_new (sim, on_created, gw);
  gw->associations = g_ptr_array_new ();
  gw->rngs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) gsl_rng_free);
  return gw;
}

static void
association_free (LmGatewayAssociation *a)
{
  lm_timer_free (a->timer);
  g_free (a->ic);
  g_free (a->component);
  g_free (a->reason);
  g_free (a);
}

void
lm_gateway_free (LmGateway *gw)
{
  if (gw == NULL)
    return;
  for (guint i = 0; i < gw->associations->len; i++)
    association_free (gw->associations->pdata[i]);
  g_ptr_array_unref (gw->associations);
  g_hash_table_unref (gw->rngs);
  lm_timer_free (gw->create_timer);
  gsl_rng_free (gw->rng);
  g_free (gw->name);
  g_free (gw);
}

void
lm_gateway_start (LmGateway *gw)
{
  if (gw->cfg.status == LM_SC_GATEWAY_EXISTING)
    lm_gateway_feed (gw, LM_GATEWAY_EV_EXISTS);
}

gboolean
lm_gateway_found (const LmGateway *gw)
{
  return gw->cfg.status != LM_SC_GATEWAY_MISSING;
}

gboolean
lm_gateway_is_new (const LmGateway *gw)
{
  return gw->cfg.status == LM_SC_GATEWAY_NEW;
}

void
lm_gateway_create (LmGateway *gw)
{
  if (gw->cfg.status == LM_SC_GATEWAY_NEW)
    lm_gateway_feed (gw, LM_GATEWAY_EV_CREATE);
}

LmGatewayState lm_gateway_state (const LmGateway *gw) { return gw->state; }
const char *lm_gateway_name (const LmGateway *gw) { return gw->name; }

static LmGatewayAssociation *
association_new (LmGateway *gw, const char *ic, guint n, LmAssocNotify notify, gpointer data)
{
  LmGatewayAssociation *a = g_new0 (LmGatewayAssociation, 1);
  a->gw = gw;
  a->ic = g_strdup (ic);
  a->component = g_strconcat (ic, ".gateway", NULL);
  a->n_connections = n;
  a->rng = g_hash_table_lookup (gw->rngs, a->component);
  if (a->rng == NULL)
    {
      a->rng = lm_sim_rng_new (gw->sim, a->component);
      g_hash_table_insert (gw->rngs, g_strdup (a->component), a->rng);
    }
  a->timer = lm_timer_new (gw->sim, on_attach_timer, a);
  a->notify = notify;
  a->notify_data = data;
  g_ptr_array_add (gw->associations, a);
  return a;
}

LmGatewayAssociation *
lm_gateway_associate (LmGateway *gw, const char *ic, guint n_connections, LmAssocNotify notify,
                      gpointer user_data)
{
  LmGatewayAssociation *a = association_new (gw, ic, n_connections, notify, user_data);
  lm_gateway_association_feed (a, LM_ASSOC_EV_ASSOCIATE, NULL);
  if (gw->state == LM_GATEWAY_AVAILABLE)
    start_attach (a);
  else
    a->waiting = TRUE;
  return a;
}

LmGatewayAssociation *
lm_gateway_adopt (LmGateway *gw, const char *ic, guint n_connections, LmAssocNotify notify,
                  gpointer user_data)
{
  LmGatewayAssociation *a = association_new (gw, ic, n_connections, notify, user_data);
  lm_gateway_association_feed (a, LM_ASSOC_EV_ADOPT, NULL);
  return a;
}

void
lm_gateway_disassociate (LmGatewayAssociation *a)
{
  LmAssocState before = a->state;
  lm_gateway_association_feed (a, LM_ASSOC_EV_DISASSOCIATE, NULL);
  if (before == LM_ASSOC_ASSOCIATED)
    lm_timer_start (a->timer, lm_law_draw (&a->gw->cfg.attach_time, a->rng));
}

LmAssocState lm_gateway_association_state (const LmGatewayAssociation *a) { return a->state; }
const char *lm_gateway_association_reason (const LmGatewayAssociation *a) { return a->reason; }
