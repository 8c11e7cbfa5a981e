/* models/world-provision.c — from order to available: the glue between the
 * console, the partner, the gateway and the connections the world built.
 *
 * An interconnect the script orders (provision, accept or activate) starts
 * absent: its S × M connections have no carrier, their BGP sessions are
 * not configured (administratively stopped), MACsec has no key, no route
 * is in any forwarding table and no traffic is offered.  Then:
 *
 *   provision IC via console   CreateConnection (the console validates);
 *                              the cloud places the order with the key at
 *                              the partner; the customer enters the key on
 *                              the portal after a drawn delay (unless the
 *                              script has `activate IC`) → pending
 *   provision IC via partner   the partner creates a proposal on its portal
 *                              (it checks its environment); the customer
 *                              describes and accepts it in the console after
 *                              a drawn delay (unless the script has
 *                              `accept IC`) → pending
 *   pending                    the partner reviews and builds its side (or
 *                              rejects → failed); then the S × M
 *                              connections are built in parallel, each in
 *                              its own drawn time: VLAN, ASN and BGP
 *                              configured, MACsec key associated — the
 *                              carrier comes up and MKA, BFD and BGP come up
 *                              by themselves (their own models); when all
 *                              are built the gateway association is asked
 *                              for (a new gateway is created first)
 *   available                  once associated AND at least one connection
 *                              is usable (DESIGN §7; the same condition that
 *                              later moves available ↔ down): traffic is
 *                              offered from then on.  The rest keep coming
 *                              up; full capacity counts them.
 *   failed                     key expired, partner rejected, association
 *                              failed, or not available within the
 *                              provisioning timeout — with the reason
 *
 * update IC bandwidth R: UpdateConnection → updating until the partner
 * acknowledges; then the new tier polices the traffic (and is each port's
 * speed unless port-speed is set).  delete IC: DeleteConnection →
 * deleting (connections torn down, the partner's order cancelled, the
 * gateway disassociated) → deleted.
 *
 * An interconnect available from the start is adopted by the console at
 * t = 0 (state none → available) and behaves exactly as before; it gets a
 * partner order and a gateway association only when the script updates or
 * deletes it.  Random streams: IC.customer (the customer's delays),
 * IC.S.rpN.build (each connection's build).
 */
#include "models/world-private.h"

#include <string.h>
#include "models/console.h"
#include "models/partner.h"
#include "models/gateway.h"
#include "models/law.h"

typedef struct _ProvWorld {
  LmConsole *console;
  GPtrArray *partners;            /* LmPartner*, those used, in scenario order */
  GPtrArray *gateways;            /* LmGateway*, those used */
} ProvWorld;

typedef struct _Prov {
  Ic *ic;
  gboolean involved;              /* ordered, updated or deleted: partner and gateway */
  gboolean manual_activate;       /* the script enters the key itself */
  gboolean manual_accept;         /* … accepts the proposal itself */
  LmPartner *partner;             /* (transfer none) */
  LmGateway *gateway;             /* (transfer none) */
  LmConsoleConnection *conn;      /* (transfer none: the console's) */
  LmPartnerOrder *order;          /* (transfer none: the partner's) */
  LmGatewayAssociation *assoc;    /* (transfer none: the gateway's) */
  gboolean attached;
  guint n_built;
  LmEventId *build_ev;            /* per pair */
  gsl_rng **build_rng;            /* per pair: IC.S.rpN.build */
  LmEventId customer_ev, timeout_ev;
  gsl_rng *customer_rng;          /* IC.customer */
  guint64 rate_bps[LM_DIR_N];     /* offered once available */
} Prov;

static Prov *
prov_of (LmWorld *w, const char *interconnect)
{
  const LmScInterconnect *d = lm_scenario_find_interconnect (w->sc, interconnect);
  return ((Ic *) g_ptr_array_index (w->ics, d->index))->prov;
}

static gboolean
live (const Prov *pv)
{
  if (pv->conn == NULL)
    return FALSE;
  LmConsoleState s = lm_console_connection_state (pv->conn);
  return s != LM_CONSOLE_FAILED && s != LM_CONSOLE_DELETED;
}

/* ------------------------------------------------------------ tearing down */

static void
emit_build (Pair *p, const char *from, const char *to, const char *cause)
{
  lm_sim_emit_state (p->ic->w->sim, p->name, "build", 0, from, 1, to, cause);
}

/* The connections are removed (failed or deleted): no carrier, BGP not
 * configured, no traffic. */
static void
teardown (Prov *pv)
{
  Ic *ic = pv->ic;
  LmSim *sim = ic->w->sim;
  lm_sim_cancel (sim, pv->customer_ev);
  lm_sim_cancel (sim, pv->timeout_ev);
  pv->customer_ev = pv->timeout_ev = LM_EVENT_NONE;
  for (guint i = 0; i < ic->n_paths; i++)
    {
      Pair *p = &ic->pairs[i];
      lm_sim_cancel (sim, pv->build_ev[i]);
      pv->build_ev[i] = LM_EVENT_NONE;
      for (guint f = 0; f < ic->n_families; f++)
        for (int end = 0; end < N_ENDS; end++)
          lm_bgp_session_stop (p->bgp[f], end, FALSE);
      if (p->built)
        {
          p->built = FALSE;
          emit_build (p, "built", "removed", "the interconnect is no longer provisioned");
          lm_world_pair_sync (p);
        }
    }
  pv->n_built = 0;
  pv->attached = FALSE;
  for (int d = 0; d < LM_DIR_N; d++)
    lm_traffic_set_rate (ic->traffic, d, 0);
  lm_world_update (ic);
}

/* ------------------------------------------------------------ the connections */

typedef struct { Prov *pv; guint i; } BuildCtx;

static void on_association (LmGatewayAssociation *a, LmAssocState from, LmAssocState to,
                            gpointer data);

static void
on_built (LmSim *sim, gpointer data)
{
  BuildCtx *c = data;
  Prov *pv = c->pv;
  Ic *ic = pv->ic;
  Pair *p = &ic->pairs[c->i];
  pv->build_ev[c->i] = LM_EVENT_NONE;
  p->built = TRUE;
  emit_build (p, "building", "built", "VLAN, ASN and BGP configured; MACsec key associated");
  for (guint f = 0; f < ic->n_families; f++)
    for (int end = 0; end < N_ENDS; end++)
      lm_bgp_session_start (p->bgp[f], end);
  lm_world_pair_sync (p);
  if (++pv->n_built < ic->n_paths)
    return;
  pv->assoc = lm_gateway_associate (pv->gateway, ic->name, ic->n_paths, on_association, pv);
}

/* The partner handed over: every connection is built in parallel. */
static void
start_builds (Prov *pv)
{
  Ic *ic = pv->ic;
  const LmScDist *law = &ic->w->sc->provisioning.connection_build;
  for (guint i = 0; i < ic->n_paths; i++)
    {
      BuildCtx *c = g_new (BuildCtx, 1);
      *c = (BuildCtx) { pv, i };
      emit_build (&ic->pairs[i], "none", "building", "the partner handed over");
      pv->build_ev[i] = lm_sim_schedule_full (ic->w->sim, lm_law_draw (law, pv->build_rng[i]),
                                              on_built, c, g_free);
    }
}

static void
enable_traffic (Prov *pv)
{
  for (int d = 0; d < LM_DIR_N; d++)
    lm_traffic_set_rate (pv->ic->traffic, d, pv->rate_bps[d]);
}

/* The new tier polices; it is each port's speed unless port-speed is set. */
static void
apply_bandwidth (Prov *pv)
{
  const LmScInterconnect *d = pv->ic->decl;
  guint64 tier = lm_console_connection_bandwidth (pv->conn);
  lm_traffic_set_capacity (pv->ic->traffic, tier, d->port_speed_bps ? d->port_speed_bps : tier);
}

/* ------------------------------------------------------------ notifications */

static char *
progress (const Prov *pv)
{
  guint usable = 0;
  for (guint i = 0; i < pv->ic->n_paths; i++)
    {
      const Pair *p = &pv->ic->pairs[i];
      gboolean all = TRUE;
      for (guint f = 0; f < pv->ic->n_families; f++)
        all = all && p->routes[f][LM_BGP_END_CLOUD] && p->routes[f][LM_BGP_END_PARTNER];
      usable += all && p->built;
    }
  return g_strdup_printf ("%u of %u connections built, %u with routes at both ends; %s; "
                          "%s", pv->n_built, pv->ic->n_paths, usable,
                          pv->attached ? "associated with the gateway"
                                       : "not associated with the gateway",
                          pv->ic->flag[0] ? "traffic can flow" : "no path carries traffic");
}

static void
on_timeout (LmSim *sim, gpointer data)
{
  Prov *pv = data;
  pv->timeout_ev = LM_EVENT_NONE;
  g_autofree char *what = progress (pv);
  char t[LM_TIME_HUMAN_LEN];
  g_autofree char *why = g_strdup_printf ("not available within %s: %s",
                                          lm_time_human (pv->ic->w->sc->provisioning.timeout, t),
                                          what);
  lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_PROVISION_FAILED, why);
}

static void
on_console (LmConsoleConnection *conn, LmConsoleState from, LmConsoleState to, gpointer data)
{
  Prov *pv = prov_of (data, lm_console_connection_interconnect (conn));
  LmSim *sim = pv->ic->w->sim;
  if (to == LM_CONSOLE_PENDING)
    pv->timeout_ev = lm_sim_schedule (sim, pv->ic->w->sc->provisioning.timeout, on_timeout, pv);
  else if (from == LM_CONSOLE_PENDING && to == LM_CONSOLE_AVAILABLE)
    {
      lm_sim_cancel (sim, pv->timeout_ev);
      pv->timeout_ev = LM_EVENT_NONE;
      enable_traffic (pv);
    }
  else if (to == LM_CONSOLE_FAILED || to == LM_CONSOLE_DELETING)
    {
      if (pv->order != NULL)
        lm_partner_order_cancel (pv->order);
      if (pv->assoc != NULL)
        lm_gateway_disassociate (pv->assoc);
      teardown (pv);
    }
  else if (from == LM_CONSOLE_UPDATING && to == LM_CONSOLE_AVAILABLE)
    apply_bandwidth (pv);
}

static void
on_order (LmPartnerOrder *o, LmPartnerState from, LmPartnerState to, gpointer data)
{
  Prov *pv = data;
  if (pv->order != o || pv->conn == NULL)
    return;     /* a proposal not accepted, or an order replaced by a new one */
  if (from == LM_PARTNER_AWAITING_ACTIVATION && to == LM_PARTNER_BUILDING)
    lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_ACTIVATED, NULL);
  else if (from == LM_PARTNER_AWAITING_ACTIVATION && to == LM_PARTNER_EXPIRED)
    lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_KEY_EXPIRED, NULL);
  else if (to == LM_PARTNER_REJECTED)
    {
      g_autofree char *why = g_strdup_printf ("rejected by the partner: %s",
                                              lm_partner_order_reason (o));
      lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_REJECTED, why);
    }
  else if (from == LM_PARTNER_BUILDING && to == LM_PARTNER_BUILT)
    start_builds (pv);
  else if (from == LM_PARTNER_CHANGING && to == LM_PARTNER_BUILT)
    lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_ACKNOWLEDGED, NULL);
}

static void
on_association (LmGatewayAssociation *a, LmAssocState from, LmAssocState to, gpointer data)
{
  Prov *pv = data;
  if (pv->assoc != a || pv->conn == NULL)
    return;
  if (to == LM_ASSOC_ASSOCIATED)
    {
      pv->attached = TRUE;
      lm_world_update (pv->ic);
    }
  else if (to == LM_ASSOC_FAILED)
    {
      g_autofree char *why = g_strdup_printf ("the association with gateway %s failed: %s",
                                              lm_gateway_name (pv->gateway),
                                              lm_gateway_association_reason (a));
      lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_PROVISION_FAILED, why);
    }
}

void
lm_world_prov_update (Ic *ic, gboolean reachable)
{
  Prov *pv = ic->prov;
  if (pv == NULL || pv->conn == NULL)
    return;
  if (lm_console_connection_state (pv->conn) != LM_CONSOLE_PENDING)
    {
      lm_console_connection_set_usable (pv->conn, reachable);
      return;
    }
  if (!pv->attached || !reachable)
    return;
  lm_console_connection_feed (pv->conn, LM_CONSOLE_EV_PROVISIONED, NULL);
  lm_world_update (ic);    /* traffic is on now: congestion may have changed */
}

/* ------------------------------------------------------------ the customer */

static void
on_customer_activates (LmSim *sim, gpointer data)
{
  Prov *pv = data;
  pv->customer_ev = LM_EVENT_NONE;
  if (pv->conn != NULL && lm_console_connection_state (pv->conn) == LM_CONSOLE_REQUESTED)
    lm_partner_activate (pv->partner, pv->ic->name, lm_console_connection_activation_key (pv->conn));
}

static void accept_with_key (Prov *pv, const char *key);

static void
on_customer_accepts (LmSim *sim, gpointer data)
{
  Prov *pv = data;
  pv->customer_ev = LM_EVENT_NONE;
  if (pv->order != NULL && lm_partner_order_state (pv->order) == LM_PARTNER_PROPOSED)
    accept_with_key (pv, lm_partner_order_key (pv->order));
}

static void
customer_later (Prov *pv, LmEventFunc fn)
{
  LmTime d = lm_law_draw (&pv->ic->w->sc->provisioning.activation_delay, pv->customer_rng);
  pv->customer_ev = lm_sim_schedule (pv->ic->w->sim, d, fn, pv);
}

/* A new order replaces a failed or deleted one. */
static void
reset_order (Prov *pv)
{
  pv->conn = NULL;
  pv->order = NULL;
  pv->assoc = NULL;
  pv->attached = FALSE;
  pv->n_built = 0;
}

/* ------------------------------------------------------------ the actions */

static gboolean
refuse_if_live (Prov *pv, const char *op)
{
  if (!live (pv))
    return FALSE;
  g_autofree char *why = g_strdup_printf ("%s is already ordered as %s; delete it first",
                                          pv->ic->name, lm_console_connection_id (pv->conn));
  lm_console_announce_call (pv->ic->w->provw->console, pv->ic->name, op, LM_API_CLIENT, why);
  return TRUE;
}

static void
order_placed (Prov *pv)
{
  lm_gateway_create (pv->gateway);
  lm_gateway_check_prefixes (pv->gateway, pv->ic->name, pv->ic->decl->prefixes);
}

static void
provision_console (Prov *pv)
{
  const LmScInterconnect *d = pv->ic->decl;
  if (refuse_if_live (pv, "CreateConnection"))
    return;
  LmScEnvState state;
  guint offered;
  LmConsoleRequest r = {
    .interconnect = d->name, .partner = d->partner, .metro = d->metro,
    .description = d->description, .bandwidth_bps = d->bandwidth_bps, .gateway = d->gateway,
    .gateway_found = lm_gateway_found (pv->gateway), .gateway_new = lm_gateway_is_new (pv->gateway),
    .account = d->account, .account_kind = lm_partner_account_kind (pv->partner),
  };
  r.metro_served = lm_partner_environment (pv->partner, d->metro, &state, &offered);
  r.env_state = state;
  r.env_bandwidths = offered;
  LmConsoleConnection *conn;
  if (lm_console_create_connection (pv->ic->w->provw->console, &r, &conn) != LM_API_OK)
    return;
  reset_order (pv);
  pv->conn = conn;
  order_placed (pv);
  pv->order = lm_partner_order_new (pv->partner, d->name, d->metro, d->bandwidth_bps, on_order, pv);
  lm_partner_order_expect_key (pv->order, lm_console_connection_activation_key (conn));
  if (!pv->manual_activate)
    customer_later (pv, on_customer_activates);
}

static void
provision_partner (Prov *pv)
{
  const LmScInterconnect *d = pv->ic->decl;
  if (refuse_if_live (pv, "CreateProposal"))
    return;
  LmPartnerOrder *o = lm_partner_order_new (pv->partner, d->name, d->metro, d->bandwidth_bps,
                                            on_order, pv);
  if (lm_partner_order_propose (o) != LM_PORTAL_OK)
    return;
  reset_order (pv);
  pv->order = o;
  if (!pv->manual_accept)
    customer_later (pv, on_customer_accepts);
}

/* DescribeConnectionProposal, then AcceptConnectionProposal, with @key. */
static void
accept_with_key (Prov *pv, const char *key)
{
  const LmScInterconnect *d = pv->ic->decl;
  LmConsole *console = pv->ic->w->provw->console;
  LmKeyStatus status;
  LmPartnerOrder *o = lm_partner_find_proposal (pv->partner, key, &status);
  LmConsoleProposal pr = {
    .interconnect = d->name, .key = key, .key_status = status,
    .partner = lm_partner_name (pv->partner),
    .metro = o != NULL ? lm_partner_order_metro (o) : d->metro,
    .bandwidth_bps = o != NULL ? lm_partner_order_bandwidth (o) : d->bandwidth_bps,
    .description = d->description, .gateway = d->gateway,
    .gateway_found = lm_gateway_found (pv->gateway), .gateway_new = lm_gateway_is_new (pv->gateway),
  };
  if (lm_console_describe_proposal (console, &pr) != LM_API_OK
      || refuse_if_live (pv, "AcceptConnectionProposal"))
    return;
  LmConsoleConnection *conn;
  if (lm_console_accept_proposal (console, &pr, &conn) != LM_API_OK)
    return;
  reset_order (pv);
  pv->conn = conn;
  pv->order = o;
  order_placed (pv);
  lm_partner_order_accepted (o);
}

static void
do_update (Prov *pv, guint64 bandwidth_bps)
{
  LmConsole *console = pv->ic->w->provw->console;
  if (pv->conn == NULL)
    {
      lm_console_announce_call (console, pv->ic->name, "UpdateConnection", LM_API_NOT_FOUND,
                                "no connection: the interconnect was never created");
      return;
    }
  LmScEnvState state;
  guint offered;
  lm_partner_environment (pv->partner, pv->ic->decl->metro, &state, &offered);
  guint64 before = lm_console_connection_bandwidth (pv->conn);
  if (lm_console_update_connection (console, pv->conn, NULL, bandwidth_bps, offered) == LM_API_OK
      && bandwidth_bps != before && pv->order != NULL)
    lm_partner_order_change (pv->order, bandwidth_bps);
}

static void
do_delete (Prov *pv)
{
  LmConsole *console = pv->ic->w->provw->console;
  if (pv->conn == NULL)
    lm_console_announce_call (console, pv->ic->name, "DeleteConnection", LM_API_NOT_FOUND,
                              "no connection: the interconnect was never created");
  else
    lm_console_delete_connection (console, pv->conn);
}

typedef struct { LmWorld *w; const LmScAction *a; } ActionCtx;

static void
on_action (LmSim *sim, gpointer data)
{
  ActionCtx *c = data;
  const LmScAction *a = c->a;
  Prov *pv = prov_of (c->w, a->target);
  switch (a->verb)
    {
    case LM_SC_VERB_PROVISION:
      if (a->via == LM_SC_VIA_PARTNER)
        provision_partner (pv);
      else
        provision_console (pv);
      break;
    case LM_SC_VERB_ACTIVATE:
      {
        const char *key = a->key != NULL ? a->key
                          : pv->conn != NULL ? lm_console_connection_activation_key (pv->conn)
                          : NULL;
        lm_partner_activate (pv->partner, pv->ic->name, key != NULL ? key : "(none)");
        break;
      }
    case LM_SC_VERB_ACCEPT:
      {
        const char *key = a->key != NULL ? a->key
                          : pv->order != NULL ? lm_partner_order_key (pv->order) : NULL;
        accept_with_key (pv, key != NULL ? key : "(none)");
        break;
      }
    case LM_SC_VERB_UPDATE:
      do_update (pv, a->bandwidth_bps);
      break;
    case LM_SC_VERB_DELETE:
      do_delete (pv);
      break;
    default:
      break;
    }
}

void
lm_world_prov_schedule (LmWorld *w, const LmScAction *a)
{
  ActionCtx *c = g_new (ActionCtx, 1);
  *c = (ActionCtx) { w, a };
  lm_sim_schedule_at (w->sim, a->at, on_action, c, g_free);
}

/* ------------------------------------------------------------ building */

static gboolean
script_has (const LmScenario *sc, const char *ic, LmScVerb verb)
{
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = sc->actions->pdata[i];
      if (a->verb == verb && strcmp (a->target, ic) == 0)
        return TRUE;
    }
  return FALSE;
}

static LmPartner *
partner_for (LmWorld *w, const char *name)
{
  ProvWorld *pw = w->provw;
  for (guint i = 0; i < pw->partners->len; i++)
    if (strcmp (lm_partner_name (pw->partners->pdata[i]), name) == 0)
      return pw->partners->pdata[i];
  const LmScenario *sc = w->sc;
  const LmScPartner *sp = lm_scenario_find_partner (sc, name);
  LmPartnerConfig cfg;
  lm_partner_config_init (&cfg, name);
  /* the seed guide: Lumen identifies its customers by e-mail address */
  cfg.account_kind = sp->builtin && strcmp (name, "lumen") == 0 ? LM_ACCOUNT_EMAIL
                                                                : LM_ACCOUNT_ANY;
  cfg.key_expiry = sc->provisioning.key_expiry;
  cfg.build = sc->provisioning.partner_build;
  cfg.acknowledge = sc->provisioning.acknowledge;
  cfg.reject = sc->provisioning.reject;
  LmPartner *p = lm_partner_new (w->sim, &cfg);
  for (guint i = 0; i < sp->metros->len; i++)
    {
      const char *metro = ((LmScNameRef *) sp->metros->pdata[i])->name;
      const LmScEnvironment *e = lm_scenario_find_environment (sc, name, metro);
      lm_partner_add_environment (p, metro, e ? e->state : LM_SC_ENV_AVAILABLE,
                                  e ? e->bandwidths : 0);
    }
  g_ptr_array_add (pw->partners, p);
  return p;
}

static LmGateway *
gateway_for (LmWorld *w, const char *name)
{
  ProvWorld *pw = w->provw;
  for (guint i = 0; i < pw->gateways->len; i++)
    if (strcmp (lm_gateway_name (pw->gateways->pdata[i]), name) == 0)
      return pw->gateways->pdata[i];
  const LmScenario *sc = w->sc;
  const LmScGateway *g = lm_scenario_find_gateway (sc, name);
  LmGatewayConfig cfg;
  lm_gateway_config_init (&cfg, name);
  cfg.attach = g->attach;
  cfg.amazon_asn = sc->bgp.asn;
  cfg.tgw_asn = g->tgw_asn;
  cfg.status = g->status;
  cfg.vpc_cidrs = g->vpc_cidrs;
  cfg.allowed = g->allowed;
  cfg.addressing_known = LM_SC_IS_SET (g->vpc_cidrs_loc) || LM_SC_IS_SET (g->allowed_loc);
  cfg.private_vifs = g->private_vifs;
  cfg.transit_vifs = g->transit_vifs;
  cfg.create = sc->provisioning.gateway_create;
  cfg.attach_time = sc->provisioning.attach;
  LmGateway *gw = lm_gateway_new (w->sim, &cfg);
  g_ptr_array_add (pw->gateways, gw);
  return gw;
}

static void
offered_rates (Prov *pv)
{
  const LmScTraffic *ts = lm_scenario_find_traffic (pv->ic->w->sc, pv->ic->name);
  if (ts == NULL)
    return;
  if (ts->direction != LM_SC_DIRECTION_FROM_CLOUD)
    pv->rate_bps[LM_DIR_TO_CLOUD] = ts->rate_bps;
  if (ts->direction != LM_SC_DIRECTION_TO_CLOUD)
    pv->rate_bps[LM_DIR_FROM_CLOUD] = ts->rate_bps;
}

static Prov *
prov_new (LmWorld *w, Ic *ic)
{
  const LmScenario *sc = w->sc;
  Prov *pv = g_new0 (Prov, 1);
  pv->ic = ic;
  pv->involved = ic->ordered || script_has (sc, ic->name, LM_SC_VERB_UPDATE)
                 || script_has (sc, ic->name, LM_SC_VERB_DELETE);
  if (!pv->involved)
    return pv;
  pv->manual_activate = script_has (sc, ic->name, LM_SC_VERB_ACTIVATE);
  pv->manual_accept = script_has (sc, ic->name, LM_SC_VERB_ACCEPT);
  pv->partner = partner_for (w, ic->decl->partner);
  pv->gateway = gateway_for (w, ic->decl->gateway);
  g_autofree char *customer = g_strconcat (ic->name, ".customer", NULL);
  pv->customer_rng = lm_sim_rng_new (w->sim, customer);
  pv->build_ev = g_new0 (LmEventId, ic->n_paths);
  pv->build_rng = g_new0 (gsl_rng *, ic->n_paths);
  for (guint i = 0; i < ic->n_paths; i++)
    {
      g_autofree char *name = g_strconcat (ic->pairs[i].name, ".build", NULL);
      pv->build_rng[i] = lm_sim_rng_new (w->sim, name);
    }
  offered_rates (pv);
  /* ordered: no path is in a forwarding table until its routes come */
  for (int d = 0; ic->ordered && d < LM_DIR_N; d++)
    for (guint f = 0; f < ic->n_families; f++)
      for (guint i = 0; i < ic->n_paths; i++)
        lm_traffic_set_fib (ic->traffic, d, f, i, FALSE);
  return pv;
}

void
lm_world_prov_new (LmWorld *w)
{
  ProvWorld *pw = g_new0 (ProvWorld, 1);
  w->provw = pw;
  LmConsoleConfig cc;
  lm_console_config_init (&cc);
  cc.quota = w->sc->provisioning.quota;
  cc.delete_time = w->sc->provisioning.delete_time;
  pw->console = lm_console_new (w->sim, &cc);
  lm_console_set_notify (pw->console, on_console, w);
  pw->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_partner_free);
  pw->gateways = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_gateway_free);
  for (guint i = 0; i < w->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (w->ics, i);
      ic->prov = prov_new (w, ic);
    }
}

static void
prov_free (LmSim *sim, Prov *pv, guint n_paths)
{
  lm_sim_cancel (sim, pv->customer_ev);
  lm_sim_cancel (sim, pv->timeout_ev);
  for (guint i = 0; pv->build_ev != NULL && i < n_paths; i++)
    {
      lm_sim_cancel (sim, pv->build_ev[i]);
      gsl_rng_free (pv->build_rng[i]);
    }
  g_free (pv->build_ev);
  g_free (pv->build_rng);
  if (pv->customer_rng != NULL)
    gsl_rng_free (pv->customer_rng);
  g_free (pv);
}

void
lm_world_prov_free (LmWorld *w)
{
  ProvWorld *pw = w->provw;
  if (pw == NULL)
    return;
  for (guint i = 0; w->ics != NULL && i < w->ics->len; i++)
    {
      Ic *ic = g_ptr_array_index (w->ics, i);
      if (ic->prov != NULL)
        prov_free (w->sim, ic->prov, ic->n_paths);
      ic->prov = NULL;
    }
  lm_console_free (pw->console);
  g_ptr_array_unref (pw->partners);
  g_ptr_array_unref (pw->gateways);
  g_free (pw);
  w->provw = NULL;
}

void
lm_world_prov_start (LmWorld *w)
{
  for (guint i = 0; i < w->provw->gateways->len; i++)
    lm_gateway_start (w->provw->gateways->pdata[i]);
}

/* The script's first provision, accept or activate of @ic. */
static LmTime
order_time (const Ic *ic)
{
  const LmScenario *sc = ic->w->sc;
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = sc->actions->pdata[i];
      if (a->verb <= LM_SC_VERB_ACTIVATE && strcmp (a->target, ic->name) == 0)
        return a->at;
    }
  return 0;
}

void
lm_world_prov_start_ic (Ic *ic)
{
  Prov *pv = ic->prov;
  if (ic->ordered)
    {
      /* it exists in the scenario, not yet in the service: say so, so that
       * nobody takes it for available from the start (metrics.c) */
      char t[LM_TIME_HUMAN_LEN];
      g_autofree char *why = g_strdup_printf ("not ordered yet: the script orders it at %s",
                                              lm_time_human (order_time (ic), t));
      lm_sim_emit_state (ic->w->sim, ic->name, "state", LM_CONSOLE_NONE, "none", LM_CONSOLE_NONE,
                         "none", why);
      return;
    }
  pv->conn = lm_console_adopt (ic->w->provw->console, ic->name, ic->decl->bandwidth_bps,
                               "provisioned before the run");
  if (!pv->involved)
    return;
  pv->order = lm_partner_order_new (pv->partner, ic->name, ic->decl->metro,
                                    ic->decl->bandwidth_bps, on_order, pv);
  lm_partner_order_adopt (pv->order);
  pv->assoc = lm_gateway_adopt (pv->gateway, ic->name, ic->n_paths, on_association, pv);
  pv->attached = TRUE;
  pv->n_built = ic->n_paths;
}
