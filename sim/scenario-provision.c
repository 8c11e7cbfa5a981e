/* sim/scenario-provision.c — the provisioning part of the language: the
 * `provisioning { … }` block (the partner's and the customer's behaviour,
 * the service's delays and quota), `environments { … }` (an environment's
 * state and offered bandwidths per partner × metro), `gateway NAME { … }`
 * (status, VPC CIDRs, allowed prefixes, virtual interfaces it carries), the
 * interconnect keys `prefixes` and `description`, address prefixes, their
 * checks and their canonical text.
 *
 * The language stays data: whether an order is valid (a tier the
 * environment offers, a metro the partner serves, a transit gateway ASN that
 * differs from the gateway's) is the console's and the gateway's business
 * when the interconnect is ordered in the run (lm_scenario_ordered), and a
 * scenario error only for one that is available from the start.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "sim/scenario-private.h"

const char *const lm_sc_provisioning_keys[] = {
  "activation-delay", "key-expiry", "partner-build", "connection-build", "gateway-create",
  "attach", "acknowledge", "delete", "timeout", "quota", "reject", NULL,
};
const char *const lm_sc_gateway_keys[] = {
  "attach", "status", "vpc-cidrs", "allowed-prefixes", "private-vifs", "transit-vifs", NULL,
};
static const char *const env_state_words[] = { "available", "limited", "unavailable", NULL };
static const char *const status_words[] = { "existing", "new", "missing", NULL };

#define MAX_VIFS 30   /* private + transit VIFs per gateway (cloud-facts.md §5 Limits) */

/* ------------------------------------------------------------------ objects */

void
lm_sc_prefix_free (LmScPrefix *p)
{
  if (p == NULL)
    return;
  g_free (p->text);
  g_free (p);
}

void
lm_sc_environment_free (LmScEnvironment *e)
{
  if (e == NULL)
    return;
  g_free (e->partner);
  g_free (e->metro);
  g_free (e);
}

/* Defaults: docs/models.md "Provisioning" gives each one's source or why
 * it is an assumption. */
void
lm_sc_provisioning_defaults (LmScProvisioning *p)
{
  memset (p, 0, sizeof *p);
  p->activation_delay = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (2), LM_MIN (10), 0 };
  p->key_expiry = LM_D (7);
  p->partner_build = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
  p->connection_build = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
  p->gateway_create = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (3), 0 };
  p->attach = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
  p->acknowledge = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (5), LM_MIN (30), 0 };
  p->delete_time = (LmScDist) { LM_SC_DIST_UNIFORM, LM_MIN (1), LM_MIN (5), 0 };
  p->timeout = LM_H (1);
  p->quota = 10;
}

guint
lm_sc_env_default_bandwidths (LmScEnvState s)
{
  switch (s)
    {
    case LM_SC_ENV_AVAILABLE:
      return (1u << LM_SC_N_TIERS) - 1;
    case LM_SC_ENV_LIMITED:
      return (1u << 4) - 1;          /* 1, 2, 5 and 10 Gbps: an assumption */
    default:
      return 0;
    }
}

const LmScEnvironment *
lm_scenario_find_environment (const LmScenario *sc, const char *partner, const char *metro)
{
  for (guint i = 0; i < sc->environments->len; i++)
    {
      const LmScEnvironment *e = sc->environments->pdata[i];
      if (strcmp (e->partner, partner) == 0 && strcmp (e->metro, metro) == 0)
        return e;
    }
  return NULL;
}

gboolean
lm_scenario_ordered (const LmScenario *sc, const char *interconnect)
{
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = sc->actions->pdata[i];
      if ((a->verb == LM_SC_VERB_PROVISION || a->verb == LM_SC_VERB_ACCEPT
           || a->verb == LM_SC_VERB_ACTIVATE)
          && a->target != NULL && strcmp (a->target, interconnect) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ prefixes */

static gboolean
prefix_bit (const guint8 *addr, guint i)
{
  return (addr[i / 8] >> (7 - i % 8)) & 1;
}

gboolean
lm_sc_prefix_covers (const LmScPrefix *outer, const LmScPrefix *inner)
{
  if (outer->family != inner->family || outer->len > inner->len)
    return FALSE;
  for (guint i = 0; i < outer->len; i++)
    if (prefix_bit (outer->addr, i) != prefix_bit (inner->addr, i))
      return FALSE;
  return TRUE;
}

gboolean
lm_sc_prefixes_overlap (const LmScPrefix *a, const LmScPrefix *b)
{
  return lm_sc_prefix_covers (a, b) || lm_sc_prefix_covers (b, a);
}

/* Parses "ADDR/LEN" into @p; NULL, or why it is not a prefix (transfer full). */
static char *
parse_prefix (const char *text, LmScPrefix *p)
{
  const char *slash = strchr (text, '/');
  if (slash == NULL)
    return g_strdup ("it needs a length, e.g. 10.0.0.0/16");
  g_autofree char *addr = g_strndup (text, (gsize) (slash - text));
  p->family = strchr (addr, ':') != NULL ? 6 : 4;
  memset (p->addr, 0, sizeof p->addr);
  if (inet_pton (p->family == 6 ? AF_INET6 : AF_INET, addr, p->addr) != 1)
    return g_strdup_printf ("'%s' is not an IPv%u address", addr, p->family);
  guint max = p->family == 6 ? 128 : 32;
  const char *l = slash + 1;
  if (*l == '\0' || strspn (l, "0123456789") != strlen (l) || strlen (l) > 3
      || (guint) atoi (l) > max)
    return g_strdup_printf ("the length after '/' must be 0 to %u", max);
  p->len = (guint8) atoi (l);
  gboolean host_bits = FALSE;
  for (guint i = p->len; i < max; i++)
    if (prefix_bit (p->addr, i))
      {
        host_bits = TRUE;
        p->addr[i / 8] &= (guint8) ~(1u << (7 - i % 8));
      }
  char buf[INET6_ADDRSTRLEN];
  inet_ntop (p->family == 6 ? AF_INET6 : AF_INET, p->addr, buf, sizeof buf);
  p->text = g_strdup_printf ("%s/%u", buf, p->len);
  if (host_bits)
    return g_strdup_printf ("it has host bits set; did you mean %s?", p->text);
  return NULL;
}

/* A number-like token (10.0.0.0/16), a word with ':' (fd00::/8), or a
 * "string". */
static gboolean
is_prefix_tok (const LmTok *t)
{
  return t->kind == LM_TOK_NUMBER || t->kind == LM_TOK_STRING
         || (t->kind == LM_TOK_WORD && memchr (t->p, ':', t->len) != NULL);
}

/* One prefix. */
static LmScPrefix *
read_prefix (LmLx *lx, const char *what)
{
  LmTok t = lm_sc_next (lx);
  if (!is_prefix_tok (&t))
    {
      g_autofree char *w = g_strdup_printf ("%s (e.g. 10.0.0.0/16 or fd00::/8)", what);
      lm_sc_expected (lx, &t, w);
      return NULL;
    }
  g_autofree char *text = t.kind == LM_TOK_STRING ? lm_sc_unquote (&t) : lm_sc_tok_dup (&t);
  LmScPrefix *p = g_new0 (LmScPrefix, 1);
  g_autofree char *problem = parse_prefix (text, p);
  if (problem != NULL)
    {
      g_autofree char *shown = lm_sc_shown (text, -1);
      lm_sc_error_at (lx, &t, "%s '%s': %s", what, shown, problem);
      lm_sc_prefix_free (p);
      return NULL;
    }
  p->loc = lm_sc_tok_loc (lx, &t);
  return p;
}

gboolean
lm_sc_prefixes_key (LmLx *lx, GPtrArray *out, LmScLoc *loc, const char *what)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lm_sc_prefix_free);
  LmScLoc first = lm_sc_tok_loc (lx, lm_sc_peek (lx, 0));
  do
    {
      LmScPrefix *p = read_prefix (lx, what);
      if (p == NULL)
        return FALSE;
      g_ptr_array_add (list, p);
    }
  while (is_prefix_tok (lm_sc_peek (lx, 0)));
  g_ptr_array_set_size (out, 0);           /* a list: the last one written wins */
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (out, g_steal_pointer (&list->pdata[i]));
  *loc = first;
  return TRUE;
}

/* ------------------------------------------------------------------ provisioning { } */

static gboolean
unknown (LmLx *lx, const LmTok *key, const char *block, const char *const *keys)
{
  g_autofree char *s = lm_sc_tok_dup (key);
  g_autofree char *shown = lm_sc_shown (s, -1);
  const char *sug = lm_sc_suggest (s, keys);
  g_autofree char *list = lm_sc_join_or (keys);
  if (sug != NULL)
    lm_sc_error_at (lx, key, "unknown %s setting '%s'; did you mean '%s'?", block, shown, sug);
  else
    lm_sc_error_at (lx, key, "unknown %s setting '%s' (expected %s)", block, shown, list);
  return FALSE;
}

static gboolean
positive_duration (LmLx *lx, const char *what, LmTime *out, LmScLoc *loc)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  LmTime v;
  LmScLoc l;
  if (!lm_sc_duration (lx, what, &v, &l))
    return FALSE;
  if (v == 0)
    {
      lm_sc_error_at (lx, &t, "%s must be above 0s", what);
      return FALSE;
    }
  *out = v;
  *loc = l;
  return TRUE;
}

static gboolean
reject_key (LmLx *lx, LmScProvisioning *p)
{
  const LmTok *t = lm_sc_peek (lx, 0);
  LmScLoc loc = lm_sc_tok_loc (lx, t);
  if (lm_sc_tok_is (t, "off"))
    {
      lm_sc_next (lx);
      g_clear_pointer (&p->reject, g_free);
      p->reject_loc = loc;
      return TRUE;
    }
  char *why = NULL;
  if (t->kind != LM_TOK_STRING)
    {
      LmTok bad = lm_sc_next (lx);
      lm_sc_expected (lx, &bad, "the partner's reason in quotes (reject \"no capacity\"), or "
                      "'off'");
      return FALSE;
    }
  if (!lm_sc_word_or_string (lx, "the partner's reason", &why, NULL))
    return FALSE;
  g_free (p->reject);
  p->reject = why;
  p->reject_loc = loc;
  return TRUE;
}

/* The keys that take a distribution, in lm_sc_provisioning_keys order. */
static LmScDist *
law_of (LmScProvisioning *p, const LmTok *key, LmScLoc **loc, const char **what)
{
  struct { const char *key, *what; LmScDist *d; LmScLoc *l; } laws[] = {
    { "activation-delay", "activation delay", &p->activation_delay, &p->activation_delay_loc },
    { "partner-build", "partner build time", &p->partner_build, &p->partner_build_loc },
    { "connection-build", "connection build time", &p->connection_build,
      &p->connection_build_loc },
    { "gateway-create", "gateway creation time", &p->gateway_create, &p->gateway_create_loc },
    { "attach", "attach time", &p->attach, &p->attach_loc },
    { "acknowledge", "acknowledgement time", &p->acknowledge, &p->acknowledge_loc },
    { "delete", "deletion time", &p->delete_time, &p->delete_loc },
  };
  for (guint i = 0; i < G_N_ELEMENTS (laws); i++)
    if (lm_sc_tok_is (key, laws[i].key))
      {
        *loc = laws[i].l;
        *what = laws[i].what;
        return laws[i].d;
      }
  return NULL;
}

gboolean
lm_sc_provisioning_key (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScProvisioning *p = obj;
  LmScLoc *loc;
  const char *what;
  LmScDist *d = law_of (p, key, &loc, &what);
  if (d != NULL)
    return lm_sc_dist (lx, what, d, loc);
  if (lm_sc_tok_is (key, "key-expiry"))
    return positive_duration (lx, "activation key expiry", &p->key_expiry, &p->key_expiry_loc);
  if (lm_sc_tok_is (key, "timeout"))
    return positive_duration (lx, "provisioning timeout", &p->timeout, &p->timeout_loc);
  if (lm_sc_tok_is (key, "quota"))
    {
      guint64 v;
      if (!lm_sc_uint (lx, "quota", 1, 100000, &v, &p->quota_loc))
        return FALSE;
      p->quota = (guint) v;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "reject"))
    return reject_key (lx, p);
  return unknown (lx, key, "provisioning", lm_sc_provisioning_keys);
}

/* ------------------------------------------------------------------ environments { } */

static LmScEnvironment *
get_environment (LmScenario *sc, const char *partner, const char *metro, LmScLoc loc)
{
  LmScEnvironment *e = (LmScEnvironment *) lm_scenario_find_environment (sc, partner, metro);
  if (e != NULL)
    return e;
  e = g_new0 (LmScEnvironment, 1);
  e->partner = g_strdup (partner);
  e->metro = g_strdup (metro);
  e->loc = loc;
  g_ptr_array_add (sc->environments, e);
  return e;
}

static gboolean
bandwidths (LmLx *lx, LmScEnvironment *e, LmScLoc loc)
{
  guint mask = 0;
  do
    {
      const LmTok t = *lm_sc_peek (lx, 0);
      guint64 bps;
      if (!lm_sc_rate (lx, "bandwidth", &bps, NULL))
        return FALSE;
      int i = lm_sc_tier_index (bps);
      if (i < 0)
        {
          g_autofree char *s = lm_sc_rate_string (bps);
          lm_sc_error_at (lx, &t, "bandwidth %s is not a tier; expected %s", s, lm_sc_tier_list);
          return FALSE;
        }
      mask |= 1u << i;
    }
  while (lm_sc_peek (lx, 0)->kind == LM_TOK_NUMBER);
  e->bandwidths = mask;
  e->bandwidths_loc = loc;
  return TRUE;
}

static gboolean
is_word_of (const LmTok *t, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (lm_sc_tok_is (t, words[i]))
      return TRUE;
  return FALSE;
}

/* PARTNER METRO [available|limited|unavailable] [bandwidths RATE …] */
gboolean
lm_sc_environments_entry (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScenario *sc = lx->ctx->sc;
  g_autofree char *partner = lm_sc_tok_dup (key);
  if (!lm_sc_is_ident (partner))
    {
      lm_sc_expected (lx, key, "a partner name (lumen new-york limited)");
      return FALSE;
    }
  g_autofree char *metro = NULL;
  LmScLoc mloc;
  if (!lm_sc_ident (lx, "metro name", &metro, &mloc))
    return FALSE;
  LmScEnvironment *e = get_environment (sc, partner, metro, lm_sc_tok_loc (lx, key));
  guint n = 0;
  for (;; n++)
    {
      const LmTok *t = lm_sc_peek (lx, 0);
      LmScLoc loc = lm_sc_tok_loc (lx, t);
      guint s;
      if (is_word_of (t, env_state_words))
        {
          lm_sc_choice (lx, "environment state", env_state_words, &s, &e->state_loc);
          e->state = (LmScEnvState) s;
        }
      else if (lm_sc_tok_is (t, "bandwidths"))
        {
          lm_sc_next (lx);
          if (!bandwidths (lx, e, loc))
            return FALSE;
        }
      else
        break;
    }
  if (n > 0)
    return TRUE;
  LmTok t = lm_sc_next (lx);
  lm_sc_expected (lx, &t, "a state (available, limited or unavailable) or 'bandwidths RATE …'");
  return FALSE;
}

/* ------------------------------------------------------------------ gateway NAME { } */

static gboolean
attach_key (LmLx *lx, LmScGateway *g, const LmTok *key)
{
  if (LM_SC_IS_SET (g->loc))
    {
      g_autofree char *where = g_strdup_printf ("%s:%u:%u", g->loc.file ? g->loc.file : "",
                                                g->loc.line, g->loc.col);
      lm_sc_error_at (lx, key, "gateway '%s' is already declared at %s", g->name,
                      g->loc.option ? g->loc.option : where);
      return FALSE;
    }
  return lm_sc_gateway_attach (lx, g, lm_sc_tok_loc (lx, key));
}

static gboolean
vifs_key (LmLx *lx, const char *what, guint *out, LmScLoc *loc)
{
  guint64 v;
  if (!lm_sc_uint (lx, what, 0, MAX_VIFS, &v, loc))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
lm_sc_gateway_block_key (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScGateway *g = obj;
  if (lm_sc_tok_is (key, "attach"))
    return attach_key (lx, g, key);
  if (lm_sc_tok_is (key, "status"))
    {
      guint s;
      if (!lm_sc_choice (lx, "gateway status", status_words, &s, &g->status_loc))
        return FALSE;
      g->status = (LmScGatewayStatus) s;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "vpc-cidrs"))
    return lm_sc_prefixes_key (lx, g->vpc_cidrs, &g->vpc_cidrs_loc, "VPC CIDR");
  if (lm_sc_tok_is (key, "allowed-prefixes"))
    return lm_sc_prefixes_key (lx, g->allowed, &g->allowed_loc, "allowed prefix");
  if (lm_sc_tok_is (key, "private-vifs"))
    return vifs_key (lx, "private virtual interfaces", &g->private_vifs, &g->private_vifs_loc);
  if (lm_sc_tok_is (key, "transit-vifs"))
    return vifs_key (lx, "transit virtual interfaces", &g->transit_vifs, &g->transit_vifs_loc);
  return unknown (lx, key, "gateway", lm_sc_gateway_keys);
}

void
lm_sc_parse_gateway_block (LmLx *lx, const LmTok *kw)
{
  g_autofree char *name = NULL;
  LmScLoc loc;
  if (!lm_sc_ident (lx, "gateway name", &name, &loc))
    {
      lm_sc_skip_block (lx);
      lm_sc_sync (lx);
      return;
    }
  LmScGateway *g = lm_sc_get_gateway (lx->ctx->sc, name);
  g_autofree char *what = g_strdup_printf ("gateway %s", name);
  lm_sc_parse_block (lx, kw, what, lm_sc_gateway_keys, lm_sc_gateway_block_key, g);
}

/* ------------------------------------------------------------------ checks */

static guint
len_of (const char *s)
{
  return s != NULL ? (guint) g_utf8_strlen (s, -1) : 1;
}

static void
check_environment (LmScCtx *ctx, const LmScEnvironment *e)
{
  LmScenario *sc = ctx->sc;
  const LmScPartner *p = lm_scenario_find_partner (sc, e->partner);
  if (p == NULL)
    {
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (e->partner, sc->partners));
      lm_sc_error (ctx, e->loc, len_of (e->partner), "unknown partner '%s'%s", e->partner, dym);
      return;
    }
  if (lm_scenario_find_metro (sc, e->metro) == NULL)
    {
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (e->metro, sc->metros));
      lm_sc_error (ctx, e->loc, len_of (e->partner), "environment %s %s: unknown metro '%s'%s",
                   e->partner, e->metro, e->metro, dym);
      return;
    }
  for (guint i = 0; i < p->metros->len; i++)
    if (strcmp (((LmScNameRef *) p->metros->pdata[i])->name, e->metro) == 0)
      return;
  lm_sc_error (ctx, e->loc, len_of (e->partner), "environment %s %s: partner '%s' does not "
               "serve metro '%s' (add it with 'partners { %s metros %s }')", e->partner,
               e->metro, e->partner, e->metro, e->partner, e->metro);
}

static void
check_gateway (LmScCtx *ctx, const LmScGateway *g)
{
  guint vifs = g->private_vifs + g->transit_vifs;
  LmScLoc at = LM_SC_IS_SET (g->transit_vifs_loc) ? g->transit_vifs_loc : g->private_vifs_loc;
  if (g->status == LM_SC_GATEWAY_NEW && vifs > 0)
    lm_sc_error (ctx, at, 1, "gateway '%s' is created with the interconnect (status new), so "
                 "it carries no virtual interfaces yet", g->name);
  else if (vifs > MAX_VIFS)
    lm_sc_error (ctx, at, 1, "gateway '%s' would carry %u virtual interfaces; a gateway "
                 "carries at most %u (private and transit together)", g->name, vifs, MAX_VIFS);
}

void
lm_sc_check_provisioning (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->environments->len && !ctx->stop; i++)
    check_environment (ctx, sc->environments->pdata[i]);
  for (guint i = 0; i < sc->gateways->len && !ctx->stop; i++)
    check_gateway (ctx, sc->gateways->pdata[i]);
}

/* ------------------------------------------------------------------ canonical text */

static void
append_prefixes (GString *out, const GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      const LmScPrefix *p = list->pdata[i];
      g_string_append_printf (out, " %s", p->text);
    }
}

static void
kv (GString *out, LmScLoc loc, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
kv (GString *out, LmScLoc loc, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_string_append (out, LM_SC_IS_SET (loc) ? "    " : "    # ");
  g_string_append_vprintf (out, fmt, ap);
  g_string_append_c (out, '\n');
  va_end (ap);
}

static gboolean
gateway_used (const LmScenario *sc, const LmScGateway *g)
{
  for (guint i = 0; i < sc->interconnects->len; i++)
    {
      const LmScInterconnect *ic = sc->interconnects->pdata[i];
      if (ic->gateway != NULL && strcmp (ic->gateway, g->name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
print_gateway_block (GString *out, const LmScenario *sc, const LmScGateway *g)
{
  gboolean declare = LM_SC_IS_SET (g->loc) && !gateway_used (sc, g);
  if (!declare && !LM_SC_IS_SET (g->status_loc) && !LM_SC_IS_SET (g->vpc_cidrs_loc)
      && !LM_SC_IS_SET (g->allowed_loc) && !LM_SC_IS_SET (g->private_vifs_loc)
      && !LM_SC_IS_SET (g->transit_vifs_loc))
    return;
  g_string_append_printf (out, "\ngateway %s {\n", g->name);
  if (declare)
    {
      g_string_append_printf (out, "    attach %s", lm_sc_attach_name (g->attach));
      if (LM_SC_IS_SET (g->tgw_asn_loc))
        g_string_append_printf (out, " asn %u", g->tgw_asn);
      g_string_append_c (out, '\n');
    }
  kv (out, g->status_loc, "status %s", lm_sc_gateway_status_name (g->status));
  if (g->vpc_cidrs->len > 0)
    {
      g_string_append (out, "    vpc-cidrs");
      append_prefixes (out, g->vpc_cidrs);
      g_string_append_c (out, '\n');
    }
  if (g->allowed->len > 0)
    {
      g_string_append (out, "    allowed-prefixes");
      append_prefixes (out, g->allowed);
      g_string_append_c (out, '\n');
    }
  kv (out, g->private_vifs_loc, "private-vifs %u", g->private_vifs);
  kv (out, g->transit_vifs_loc, "transit-vifs %u", g->transit_vifs);
  g_string_append (out, "}\n");
}

static void
print_environments (GString *out, const LmScenario *sc)
{
  if (sc->environments->len == 0)
    return;
  g_string_append (out, "\nenvironments {\n");
  for (guint i = 0; i < sc->environments->len; i++)
    {
      const LmScEnvironment *e = sc->environments->pdata[i];
      g_string_append_printf (out, "    %s %s", e->partner, e->metro);
      if (LM_SC_IS_SET (e->state_loc))
        g_string_append_printf (out, " %s", lm_sc_env_state_name (e->state));
      if (LM_SC_IS_SET (e->bandwidths_loc))
        {
          g_string_append (out, " bandwidths");
          for (guint t = 0; t < LM_SC_N_TIERS; t++)
            if (e->bandwidths & (1u << t))
              {
                g_autofree char *r = lm_sc_rate_string (lm_sc_tier_bps (t));
                g_string_append_printf (out, " %s", r);
              }
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "}\n");
}

/* "text" with \" and \\ escaped (transfer full). */
static char *
string_literal (const char *s)
{
  GString *q = g_string_new ("\"");
  for (const char *c = s; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (q, '\\');
      g_string_append_c (q, *c);
    }
  g_string_append_c (q, '"');
  return g_string_free (q, FALSE);
}

static gboolean
provisioning_set (const LmScProvisioning *p)
{
  const LmScLoc *locs[] = {
    &p->activation_delay_loc, &p->key_expiry_loc, &p->partner_build_loc,
    &p->connection_build_loc, &p->gateway_create_loc, &p->attach_loc, &p->acknowledge_loc,
    &p->delete_loc, &p->timeout_loc, &p->quota_loc, &p->reject_loc,
  };
  for (guint i = 0; i < G_N_ELEMENTS (locs); i++)
    if (LM_SC_IS_SET (*locs[i]))
      return TRUE;
  return FALSE;
}

static void
law (GString *out, const char *key, const LmScDist *d, LmScLoc loc)
{
  g_autofree char *s = lm_sc_dist_string (d);
  kv (out, loc, "%s %s", key, s);
}

static gboolean
orders_any (const LmScenario *sc)
{
  for (guint i = 0; i < sc->interconnects->len; i++)
    if (lm_scenario_ordered (sc, ((LmScInterconnect *) sc->interconnects->pdata[i])->name))
      return TRUE;
  return FALSE;
}

static void
print_provisioning_block (GString *out, const LmScenario *sc)
{
  const LmScProvisioning *p = &sc->provisioning;
  if (!provisioning_set (p) && !orders_any (sc))
    return;
  g_autofree char *exp = lm_time_to_string (p->key_expiry);
  g_autofree char *to = lm_time_to_string (p->timeout);
  g_string_append (out, "\nprovisioning {\n");
  law (out, "activation-delay", &p->activation_delay, p->activation_delay_loc);
  kv (out, p->key_expiry_loc, "key-expiry %s", exp);
  law (out, "partner-build", &p->partner_build, p->partner_build_loc);
  law (out, "connection-build", &p->connection_build, p->connection_build_loc);
  law (out, "gateway-create", &p->gateway_create, p->gateway_create_loc);
  law (out, "attach", &p->attach, p->attach_loc);
  law (out, "acknowledge", &p->acknowledge, p->acknowledge_loc);
  law (out, "delete", &p->delete_time, p->delete_loc);
  kv (out, p->timeout_loc, "timeout %s", to);
  kv (out, p->quota_loc, "quota %u", p->quota);
  if (p->reject != NULL)
    {
      g_autofree char *q = string_literal (p->reject);
      kv (out, p->reject_loc, "reject %s", q);
    }
  else
    kv (out, p->reject_loc, "reject off");
  g_string_append (out, "}\n");
}

void
lm_sc_print_provisioning (GString *out, const LmScenario *sc)
{
  for (guint i = 0; i < sc->gateways->len; i++)
    print_gateway_block (out, sc, sc->gateways->pdata[i]);
  print_environments (out, sc);
  print_provisioning_block (out, sc);
}

/* The interconnect keys of this file, for the canonical form. */
void
lm_sc_print_ic_provisioning (GString *out, const LmScInterconnect *ic)
{
  if (ic->description != NULL)
    {
      g_autofree char *d = lm_sc_quote (ic->description);
      g_string_append_printf (out, "    description %s\n", d);
    }
  if (ic->prefixes->len > 0)
    {
      g_string_append (out, "    prefixes");
      append_prefixes (out, ic->prefixes);
      g_string_append_c (out, '\n');
    }
}
