/* sim/scenario.c — the scenario tree: names of its enums, defaults,
 * construction and freeing, lookups, and the public entry points that run
 * the passes: parse (with includes) → overrides → settings checks →
 * timeline expansion → expectations.
 *
 * Defaults (DESIGN §1, sources in docs/scenario-language.md): BGP hold 90 s,
 * keepalive 30 s, connect-retry 120 s and advertisement interval 30 s
 * (RFC 4271 §10), BFD 300 ms x 3, graceful restart off (120 s when on),
 * ASN 64512; MACsec must-encrypt, GCM-AES-XPN-256, MKA hello 2 s, life 6 s,
 * rekey on PN rollover; MTU 8500, families ipv4, 2 sites of 2 router pairs,
 * Ethernet first mile; gateway attached to a transit gateway of ASN 64513;
 * traffic 1500 B packets, 1024 flows, both directions; seed 1, 1 replication.
 */
#include <string.h>
#include "sim/scenario-private.h"

/* ------------------------------------------------------------------ names */

#define NAME_FN(fn, type, n, ...)                                        \
  const char *fn (type v)                                                \
  {                                                                      \
    static const char *const names[] = { __VA_ARGS__ };                  \
    G_STATIC_ASSERT (G_N_ELEMENTS (names) == (n));                       \
    return (guint) v < G_N_ELEMENTS (names) ? names[v] : "?";            \
  }

NAME_FN (lm_sc_attach_name, LmScAttach, LM_SC_ATTACH_N,
         [LM_SC_ATTACH_VIRTUAL_PRIVATE_GATEWAY] = "virtual-private-gateway",
         [LM_SC_ATTACH_TRANSIT_GATEWAY] = "transit-gateway", [LM_SC_ATTACH_CLOUD_WAN] = "cloud-wan")
NAME_FN (lm_sc_first_mile_name, LmScFirstMile, LM_SC_FIRST_MILE_N,
         [LM_SC_FIRST_MILE_ETHERNET] = "ethernet", [LM_SC_FIRST_MILE_MPLS] = "mpls")
NAME_FN (lm_sc_macsec_mode_name, LmScMacsecMode, LM_SC_MACSEC_MODE_N,
         [LM_SC_MACSEC_MUST_ENCRYPT] = "must-encrypt",
         [LM_SC_MACSEC_SHOULD_ENCRYPT] = "should-encrypt",
         [LM_SC_MACSEC_NO_ENCRYPT] = "no-encrypt")
NAME_FN (lm_sc_cipher_name, LmScCipher, LM_SC_CIPHER_N,
         [LM_SC_CIPHER_GCM_AES_XPN_256] = "gcm-aes-xpn-256",
         [LM_SC_CIPHER_GCM_AES_256] = "gcm-aes-256")
NAME_FN (lm_sc_direction_name, LmScDirection, LM_SC_DIRECTION_N,
         [LM_SC_DIRECTION_BOTH] = "both", [LM_SC_DIRECTION_TO_CLOUD] = "to-cloud",
         [LM_SC_DIRECTION_FROM_CLOUD] = "from-cloud")
NAME_FN (lm_sc_class_name, LmScClass, LM_SC_CLASS_N,
         [LM_SC_CLASS_NONE] = "", [LM_SC_CLASS_INTERCONNECT] = "interconnect",
         [LM_SC_CLASS_SITE] = "site", [LM_SC_CLASS_ROUTER_PAIR] = "router-pair",
         [LM_SC_CLASS_ROUTER] = "router", [LM_SC_CLASS_LINK] = "link", [LM_SC_CLASS_BGP] = "bgp",
         [LM_SC_CLASS_PARTNER_FABRIC] = "partner-fabric", [LM_SC_CLASS_FIRST_MILE] = "first-mile",
         [LM_SC_CLASS_GATEWAY] = "gateway")
NAME_FN (lm_sc_mode_name, LmScMode, LM_SC_MODE_N,
         [LM_SC_MODE_NONE] = "", [LM_SC_MODE_CRASH] = "crash", [LM_SC_MODE_GRACEFUL] = "graceful",
         [LM_SC_MODE_SILENT] = "silent", [LM_SC_MODE_CARRIER] = "carrier",
         [LM_SC_MODE_RESET] = "reset")
NAME_FN (lm_sc_verb_name, LmScVerb, LM_SC_VERB_N,
         [LM_SC_VERB_PROVISION] = "provision", [LM_SC_VERB_ACCEPT] = "accept",
         [LM_SC_VERB_ACTIVATE] = "activate", [LM_SC_VERB_UPDATE] = "update",
         [LM_SC_VERB_DELETE] = "delete", [LM_SC_VERB_FAIL] = "fail", [LM_SC_VERB_REPAIR] = "repair",
         [LM_SC_VERB_FLAP] = "flap", [LM_SC_VERB_DEGRADE] = "degrade",
         [LM_SC_VERB_MAINTAIN] = "maintain", [LM_SC_VERB_MACSEC] = "macsec")
NAME_FN (lm_sc_via_name, LmScVia, LM_SC_VIA_N,
         [LM_SC_VIA_CONSOLE] = "console", [LM_SC_VIA_PARTNER] = "partner")
NAME_FN (lm_sc_macsec_op_name, LmScMacsecOp, LM_SC_MACSEC_OP_N,
         [LM_SC_MACSEC_OP_REKEY] = "rekey", [LM_SC_MACSEC_OP_CAK_ROTATE] = "cak-rotate",
         [LM_SC_MACSEC_OP_CAK_MISMATCH] = "cak-mismatch")
NAME_FN (lm_sc_router_name, LmScRouter, LM_SC_ROUTER_N,
         [LM_SC_ROUTER_CLOUD] = "cloud", [LM_SC_ROUTER_PARTNER] = "partner")
NAME_FN (lm_sc_dist_name, LmScDistKind, LM_SC_DIST_N,
         [LM_SC_DIST_EXP] = "exp", [LM_SC_DIST_LOGNORMAL] = "lognormal",
         [LM_SC_DIST_WEIBULL] = "weibull",
         [LM_SC_DIST_FIXED] = "fixed", [LM_SC_DIST_UNIFORM] = "uniform")
NAME_FN (lm_sc_expect_name, LmScExpectKind, LM_SC_EXPECT_N,
         [LM_SC_EXPECT_CONVERGENCE] = "convergence", [LM_SC_EXPECT_AVAILABILITY] = "availability",
         [LM_SC_EXPECT_CAPACITY_AVAILABILITY] = "capacity-availability",
         [LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY] = "half-capacity-availability",
         [LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY] = "full-capacity-availability",
         [LM_SC_EXPECT_LOSS] = "loss", [LM_SC_EXPECT_LATENCY] = "latency",
         [LM_SC_EXPECT_STATE] = "state", [LM_SC_EXPECT_AVAILABLE_WITHIN] = "available")
NAME_FN (lm_sc_compare_name, LmScCompare, LM_SC_OP_N,
         [LM_SC_OP_LE] = "<=", [LM_SC_OP_GE] = ">=", [LM_SC_OP_EQ] = "==")
NAME_FN (lm_sc_ic_state_name, LmScIcState, LM_SC_IC_STATE_N,
         [LM_SC_IC_REQUESTED] = "requested", [LM_SC_IC_PENDING] = "pending",
         [LM_SC_IC_AVAILABLE] = "available", [LM_SC_IC_DOWN] = "down",
         [LM_SC_IC_UPDATING] = "updating",
         [LM_SC_IC_DELETING] = "deleting", [LM_SC_IC_DELETED] = "deleted",
         [LM_SC_IC_FAILED] = "failed", [LM_SC_IC_NONE] = "none")

NAME_FN (lm_sc_env_state_name, LmScEnvState, LM_SC_ENV_N,
         [LM_SC_ENV_AVAILABLE] = "available", [LM_SC_ENV_LIMITED] = "limited",
         [LM_SC_ENV_UNAVAILABLE] = "unavailable")
NAME_FN (lm_sc_gateway_status_name, LmScGatewayStatus, LM_SC_GATEWAY_STATUS_N,
         [LM_SC_GATEWAY_EXISTING] = "existing", [LM_SC_GATEWAY_NEW] = "new",
         [LM_SC_GATEWAY_MISSING] = "missing")

/* DESIGN §6's table of failure modes; the first is the default. */
static const LmScMode class_modes[LM_SC_CLASS_N][3] = {
  [LM_SC_CLASS_SITE] = { LM_SC_MODE_CRASH, LM_SC_MODE_GRACEFUL },
  [LM_SC_CLASS_ROUTER_PAIR] = { LM_SC_MODE_CRASH, LM_SC_MODE_GRACEFUL },
  [LM_SC_CLASS_ROUTER] = { LM_SC_MODE_CRASH },
  [LM_SC_CLASS_LINK] = { LM_SC_MODE_SILENT, LM_SC_MODE_CARRIER },
  [LM_SC_CLASS_BGP] = { LM_SC_MODE_RESET, LM_SC_MODE_GRACEFUL },
  [LM_SC_CLASS_PARTNER_FABRIC] = { LM_SC_MODE_CARRIER, LM_SC_MODE_SILENT },
  [LM_SC_CLASS_FIRST_MILE] = { LM_SC_MODE_CARRIER, LM_SC_MODE_SILENT },
  [LM_SC_CLASS_GATEWAY] = { LM_SC_MODE_CARRIER, LM_SC_MODE_SILENT },
};

LmScMode
lm_sc_class_default_mode (LmScClass klass)
{
  return klass < LM_SC_CLASS_N ? class_modes[klass][0] : LM_SC_MODE_NONE;
}

gboolean
lm_sc_class_allows_mode (LmScClass klass, LmScMode mode)
{
  if (klass >= LM_SC_CLASS_N || mode == LM_SC_MODE_NONE)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (class_modes[klass][i] == mode)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ objects */

LmScNameRef *
lm_sc_name_ref_new (const char *name, LmScLoc loc)
{
  LmScNameRef *r = g_new0 (LmScNameRef, 1);
  r->name = g_strdup (name);
  r->loc = loc;
  return r;
}

void
lm_sc_name_ref_free (LmScNameRef *r)
{
  if (r == NULL)
    return;
  g_free (r->name);
  g_free (r);
}

static void
tag_free (LmScTag *t)
{
  g_free (t->key);
  g_free (t->value);
  g_free (t);
}

LmScInterconnect *
lm_sc_interconnect_new (const char *name, LmScLoc loc)
{
  LmScInterconnect *ic = g_new0 (LmScInterconnect, 1);
  ic->name = g_strdup (name);
  ic->loc = loc;
  ic->families = LM_SC_FAMILY_IPV4;
  ic->sites = 2;
  ic->pairs_per_site = 2;
  ic->first_mile = LM_SC_FIRST_MILE_ETHERNET;
  ic->mtu = 8500;
  ic->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tag_free);
  ic->prefixes = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_prefix_free);
  return ic;
}

void
lm_sc_interconnect_free (LmScInterconnect *ic)
{
  if (ic == NULL)
    return;
  g_free (ic->name);
  g_free (ic->partner);
  g_free (ic->metro);
  g_free (ic->gateway);
  g_free (ic->account);
  g_ptr_array_unref (ic->tags);
  g_free (ic->description);
  g_ptr_array_unref (ic->prefixes);
  g_free (ic);
}

LmScGateway *
lm_sc_gateway_new (const char *name, LmScLoc loc)
{
  LmScGateway *g = g_new0 (LmScGateway, 1);
  g->name = g_strdup (name);
  g->loc = loc;
  g->attach = LM_SC_ATTACH_TRANSIT_GATEWAY;
  g->tgw_asn = 64513;
  g->vpc_cidrs = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_prefix_free);
  g->allowed = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_prefix_free);
  return g;
}

static void
gateway_free (LmScGateway *g)
{
  g_free (g->name);
  g_ptr_array_unref (g->vpc_cidrs);
  g_ptr_array_unref (g->allowed);
  g_free (g);
}

LmScTraffic *
lm_sc_traffic_new (const char *ic, LmScLoc loc)
{
  LmScTraffic *t = g_new0 (LmScTraffic, 1);
  t->interconnect = g_strdup (ic);
  t->loc = loc;
  t->flows = 1024;
  t->packet_bytes = 1500;
  t->direction = LM_SC_DIRECTION_BOTH;
  return t;
}

static void
traffic_free (LmScTraffic *t)
{
  g_free (t->interconnect);
  g_free (t);
}

LmScFailureClass *
lm_sc_failure_class_new (LmScClass klass, LmScLoc loc)
{
  LmScFailureClass *fc = g_new0 (LmScFailureClass, 1);
  fc->klass = klass;
  fc->loc = loc;
  return fc;
}

LmScGroup *
lm_sc_group_new (const char *name, LmScLoc loc)
{
  LmScGroup *g = g_new0 (LmScGroup, 1);
  g->name = g_strdup (name);
  g->loc = loc;
  g->members = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_name_ref_free);
  g->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_target_free);
  return g;
}

static void
group_free (LmScGroup *g)
{
  g_free (g->name);
  g_ptr_array_unref (g->members);
  g_ptr_array_unref (g->targets);
  g_free (g);
}

LmScTarget *
lm_sc_target_new (const char *name, LmScClass klass)
{
  LmScTarget *t = g_new0 (LmScTarget, 1);
  t->name = g_strdup (name);
  t->klass = klass;
  return t;
}

void
lm_sc_target_free (LmScTarget *t)
{
  if (t == NULL)
    return;
  g_free (t->name);
  g_free (t);
}

LmScFailure *
lm_sc_failure_new (void)
{
  LmScFailure *f = g_new0 (LmScFailure, 1);
  f->until = LM_SC_FAILURE_OPEN;
  return f;
}

void
lm_sc_failure_free (LmScFailure *f)
{
  if (f == NULL)
    return;
  g_free (f->id);
  g_free (f);
}

LmScAction *
lm_sc_action_new (void)
{
  LmScAction *a = g_new0 (LmScAction, 1);
  a->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_target_free);
  a->failures = g_ptr_array_new ();
  return a;
}

void
lm_sc_action_free (LmScAction *a)
{
  if (a == NULL)
    return;
  if (a->owns_failures)
    g_ptr_array_set_free_func (a->failures, (GDestroyNotify) lm_sc_failure_free);
  g_ptr_array_unref (a->failures);
  g_ptr_array_unref (a->targets);
  g_free (a->text);
  g_free (a->target);
  g_free (a->as_name);
  g_free (a->key);
  g_free (a);
}

void
lm_sc_expectation_free (LmScExpectation *e)
{
  if (e == NULL)
    return;
  g_free (e->text);
  g_free (e->interconnect);
  g_free (e->failure_id);
  g_ptr_array_unref (e->interconnects);
  g_free (e);
}

static void
metro_free (LmScMetro *m)
{
  g_free (m->name);
  g_free (m->region);
  g_free (m);
}

static void
partner_free (LmScPartner *p)
{
  g_free (p->name);
  g_ptr_array_unref (p->metros);
  g_free (p);
}

void
lm_sc_bgp_defaults (LmScBgp *b)
{
  memset (b, 0, sizeof *b);
  b->hold = LM_S (90);
  b->keepalive = LM_S (30);
  b->connect_retry = LM_S (120);
  b->advertisement_interval = LM_S (30);
  b->bfd = TRUE;
  b->bfd_interval = LM_MS (300);
  b->bfd_multiplier = 3;
  b->graceful_restart = FALSE;
  b->graceful_restart_time = LM_S (120);
  b->asn = 64512;
}

void
lm_sc_macsec_defaults (LmScMacsec *m)
{
  memset (m, 0, sizeof *m);
  m->mode = LM_SC_MACSEC_MUST_ENCRYPT;
  m->cipher = LM_SC_CIPHER_GCM_AES_XPN_256;
  m->mka_hello = LM_S (2);
  m->mka_life = LM_S (6);
  m->rekey_on_pn_rollover = TRUE;
}

static char *
default_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static void
sweep_free (gpointer data)
{
  LmScSweep *s = data;
  g_free (s->text);
  g_free (s);
}

LmScenario *
lm_sc_scenario_new (const char *path)
{
  LmScenario *sc = g_new0 (LmScenario, 1);
  sc->path = g_strdup (path);
  sc->name = default_name (path);
  sc->seed = 1;
  sc->replications = 1;
  sc->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) partner_free);
  sc->metros = g_ptr_array_new_with_free_func ((GDestroyNotify) metro_free);
  sc->interconnects = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_interconnect_free);
  sc->gateways = g_ptr_array_new_with_free_func ((GDestroyNotify) gateway_free);
  sc->environments = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_environment_free);
  lm_sc_provisioning_defaults (&sc->provisioning);
  lm_sc_bgp_defaults (&sc->bgp);
  lm_sc_macsec_defaults (&sc->macsec);
  lm_sc_rare_defaults (&sc->rare);
  sc->traffic = g_ptr_array_new_with_free_func ((GDestroyNotify) traffic_free);
  sc->failure_classes = g_ptr_array_new_with_free_func (g_free);
  sc->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  sc->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_action_free);
  sc->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_failure_free);
  sc->expectations = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_expectation_free);
  sc->sweeps = g_ptr_array_new_with_free_func (sweep_free);
  sc->files = g_ptr_array_new_with_free_func (g_free);
  sc->strings = g_ptr_array_new_with_free_func (g_free);
  sc->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sc->memo = lm_sc_memo_new ();
  lm_sc_tables_init (sc);
  return sc;
}

void
lm_scenario_free (LmScenario *sc)
{
  if (sc == NULL)
    return;
  lm_sc_memo_free (sc->memo);
  g_free (sc->name);
  g_free (sc->path);
  g_ptr_array_unref (sc->partners);
  g_ptr_array_unref (sc->metros);
  g_ptr_array_unref (sc->interconnects);
  g_ptr_array_unref (sc->gateways);
  g_ptr_array_unref (sc->environments);
  g_free (sc->provisioning.reject);
  g_ptr_array_unref (sc->traffic);
  g_ptr_array_unref (sc->failure_classes);
  g_ptr_array_unref (sc->groups);
  g_ptr_array_unref (sc->actions);
  g_ptr_array_unref (sc->failures);
  g_ptr_array_unref (sc->expectations);
  g_ptr_array_unref (sc->sweeps);
  g_ptr_array_unref (sc->files);
  g_hash_table_unref (sc->index);
  g_ptr_array_unref (sc->strings);
  g_free (sc);
}

/* ------------------------------------------------------------------ lookups */

static gpointer
lookup (const LmScenario *sc, const char *prefix, const char *name)
{
  g_autofree char *key = g_strconcat (prefix, name, NULL);
  return g_hash_table_lookup (sc->index, key);
}

static void
remember (LmScenario *sc, const char *prefix, const char *name, gpointer obj)
{
  g_hash_table_insert (sc->index, g_strconcat (prefix, name, NULL), obj);
}

const LmScInterconnect *
lm_scenario_find_interconnect (const LmScenario *sc, const char *name)
{
  return lookup (sc, "ic:", name);
}

const LmScFailure *
lm_scenario_find_failure (const LmScenario *sc, const char *id)
{
  return lookup (sc, "f:", id);
}

const LmScTraffic *
lm_scenario_find_traffic (const LmScenario *sc, const char *interconnect)
{
  return lookup (sc, "traffic:", interconnect);
}

const LmScMetro *
lm_scenario_find_metro (const LmScenario *sc, const char *name)
{
  return lookup (sc, "metro:", name);
}

const LmScPartner *
lm_scenario_find_partner (const LmScenario *sc, const char *name)
{
  return lookup (sc, "partner:", name);
}

const LmScGateway *
lm_scenario_find_gateway (const LmScenario *sc, const char *name)
{
  return lookup (sc, "gw:", name);
}

LmScGateway *
lm_sc_get_gateway (LmScenario *sc, const char *name)
{
  LmScGateway *g = lookup (sc, "gw:", name);
  if (g != NULL)
    return g;
  g = lm_sc_gateway_new (name, (LmScLoc) { 0 });
  g_ptr_array_add (sc->gateways, g);
  remember (sc, "gw:", name, g);
  return g;
}

LmScGroup *
lm_sc_get_group (LmScenario *sc, const char *name, LmScLoc loc, gboolean *existed)
{
  LmScGroup *g = lookup (sc, "group:", name);
  *existed = g != NULL;
  if (g != NULL)
    return g;
  g = lm_sc_group_new (name, loc);
  g_ptr_array_add (sc->groups, g);
  remember (sc, "group:", name, g);
  return g;
}

const LmScFailureClass *
lm_scenario_find_failure_class (const LmScenario *sc, LmScClass klass)
{
  for (guint i = 0; i < sc->failure_classes->len; i++)
    {
      const LmScFailureClass *fc = sc->failure_classes->pdata[i];
      if (fc->klass == klass)
        return fc;
    }
  return NULL;
}

LmScTraffic *
lm_sc_get_traffic (LmScenario *sc, const char *ic, LmScLoc loc)
{
  LmScTraffic *t = lookup (sc, "traffic:", ic);
  if (t != NULL)
    return t;
  t = lm_sc_traffic_new (ic, loc);
  g_ptr_array_add (sc->traffic, t);
  remember (sc, "traffic:", ic, t);
  return t;
}

LmScFailureClass *
lm_sc_get_failure_class (LmScenario *sc, LmScClass klass, LmScLoc loc)
{
  LmScFailureClass *fc = (LmScFailureClass *) lm_scenario_find_failure_class (sc, klass);
  if (fc != NULL)
    return fc;
  fc = lm_sc_failure_class_new (klass, loc);
  g_ptr_array_add (sc->failure_classes, fc);
  return fc;
}

LmScMetro *
lm_sc_get_metro (LmScenario *sc, const char *name, LmScLoc loc)
{
  LmScMetro *m = lookup (sc, "metro:", name);
  if (m != NULL)
    {
      if (LM_SC_IS_SET (loc))
        m->loc = loc;
      return m;
    }
  m = g_new0 (LmScMetro, 1);
  m->name = g_strdup (name);
  m->loc = loc;
  m->builtin = !LM_SC_IS_SET (loc);
  g_ptr_array_add (sc->metros, m);
  remember (sc, "metro:", name, m);
  return m;
}

LmScPartner *
lm_sc_get_partner (LmScenario *sc, const char *name, LmScLoc loc)
{
  LmScPartner *p = lookup (sc, "partner:", name);
  if (p != NULL)
    {
      if (LM_SC_IS_SET (loc))
        p->loc = loc;
      return p;
    }
  p = g_new0 (LmScPartner, 1);
  p->name = g_strdup (name);
  p->loc = loc;
  p->builtin = !LM_SC_IS_SET (loc);
  p->metros = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_name_ref_free);
  g_ptr_array_add (sc->partners, p);
  remember (sc, "partner:", name, p);
  return p;
}

/* ------------------------------------------------------------------ parser */

struct _LmScenarioParser {
  const LmScenarioOverrides *set;
  gboolean includes;
  GPtrArray *diags;
};

LmScenarioParser *
lm_scenario_parser_new (void)
{
  LmScenarioParser *p = g_new0 (LmScenarioParser, 1);
  p->includes = TRUE;
  p->diags = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_scenario_diag_free);
  return p;
}

void
lm_scenario_parser_free (LmScenarioParser *p)
{
  if (p == NULL)
    return;
  g_ptr_array_unref (p->diags);
  g_free (p);
}

void
lm_scenario_parser_set_overrides (LmScenarioParser *p, const LmScenarioOverrides *set)
{
  p->set = set;
}

void
lm_scenario_parser_set_includes (LmScenarioParser *p, gboolean allowed)
{
  p->includes = allowed;
}

const GPtrArray *
lm_scenario_parser_diagnostics (const LmScenarioParser *p)
{
  return p->diags;
}

typedef struct {
  LmScenarioDiag *d;
  guint file;
  guint order;
} SortedDiag;

static int
diag_cmp (gconstpointer a, gconstpointer b)
{
  const SortedDiag *x = a, *y = b;
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  if (x->d->line != y->d->line)
    return x->d->line < y->d->line ? -1 : 1;
  if (x->d->col != y->d->col)
    return x->d->col < y->d->col ? -1 : 1;
  return x->order < y->order ? -1 : 1;
}

/* Sorts the diagnostics by (command line first, then files in the order
 * read, line, column); a "too many errors" line stays last. */
static void
sort_diags (LmScCtx *ctx)
{
  GPtrArray *diags = ctx->diags;
  guint n = diags->len;
  if (n > 0 && ((LmScenarioDiag *) diags->pdata[n - 1])->file == NULL
      && ((LmScenarioDiag *) diags->pdata[n - 1])->option == NULL)
    n--;
  GArray *v = g_array_sized_new (FALSE, FALSE, sizeof (SortedDiag), n);
  for (guint i = 0; i < n; i++)
    {
      LmScenarioDiag *d = diags->pdata[i];
      guint file = 0;
      for (guint j = 0; d->file != NULL && j < ctx->sources->len; j++)
        if (strcmp (((LmScSource *) ctx->sources->pdata[j])->file, d->file) == 0)
          {
            file = j + 1;
            break;
          }
      if (d->file != NULL && file == 0)
        file = ctx->sources->len + 1;
      g_array_append_val (v, ((SortedDiag) { d, file, i }));
    }
  g_array_sort (v, diag_cmp);
  for (guint i = 0; i < n; i++)
    diags->pdata[i] = g_array_index (v, SortedDiag, i).d;
  g_array_unref (v);
}

/* Runs the passes after parsing; returns @sc or NULL with @error set. */
static LmScenario *
finish (LmScenarioParser *p, LmScCtx *ctx, gboolean io, GError **error)
{
  LmScenario *sc = ctx->sc;
  if (!ctx->stop)
    lm_sc_apply_overrides (ctx, p->set);
  if (!ctx->stop)
    lm_sc_check_settings (ctx);
  if (!ctx->stop)
    lm_sc_expand_timeline (ctx);
  if (!ctx->stop)
    lm_sc_resolve_expectations (ctx);
  sort_diags (ctx);
  g_ptr_array_unref (p->diags);
  p->diags = g_steal_pointer (&ctx->diags);
  ctx->diags = g_ptr_array_new ();
  lm_sc_ctx_clear (ctx);
  if (p->diags->len == 0)
    return sc;
  g_autofree char *text = lm_scenario_diag_render (p->diags);
  if (text[0] != '\0' && text[strlen (text) - 1] == '\n')
    text[strlen (text) - 1] = '\0';
  g_set_error_literal (error, LM_SCENARIO_ERROR,
                       io ? LM_SCENARIO_ERROR_IO : LM_SCENARIO_ERROR_INVALID, text);
  lm_scenario_free (sc);
  return NULL;
}

LmScenario *
lm_scenario_parser_load (LmScenarioParser *p, const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  LmScenario *sc = lm_sc_scenario_new (path);
  LmScCtx ctx;
  lm_sc_ctx_init (&ctx, sc, p->includes);
  lm_sc_parse_file (&ctx, path, NULL, 0);
  return finish (p, &ctx, sc->files->len == 0, error);
}

LmScenario *
lm_scenario_parser_parse (LmScenarioParser *p, const char *text, gsize len, const char *name,
                          GError **error)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  if (name == NULL)
    name = "<string>";
  LmScenario *sc = lm_sc_scenario_new (name);
  LmScCtx ctx;
  lm_sc_ctx_init (&ctx, sc, p->includes);
  const char *file = lm_sc_intern (&ctx, name);
  g_ptr_array_add (sc->files, g_strdup (name));
  lm_sc_parse_source (&ctx, file, text != NULL ? text : "", len);
  return finish (p, &ctx, FALSE, error);
}

LmScenario *
lm_scenario_load (const char *path, const LmScenarioOverrides *set, GError **error)
{
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  lm_scenario_parser_set_overrides (p, set);
  return lm_scenario_parser_load (p, path, error);
}

LmScenario *
lm_scenario_parse_string (const char *text, const char *name, const LmScenarioOverrides *set,
                          GError **error)
{
  g_autoptr (LmScenarioParser) p = lm_scenario_parser_new ();
  lm_scenario_parser_set_overrides (p, set);
  return lm_scenario_parser_parse (p, text, strlen (text), name, error);
}
