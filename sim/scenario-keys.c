/* sim/scenario-keys.c — the settings inside blocks: interconnect, bgp,
 * macsec, traffic, failures (classes and groups), partners and metros.
 *
 * Each key reads its value with the typed value readers and checks what
 * can be checked from the value alone (ranges, RFC minimums); checks that
 * involve several keys or the declared world wait for scenario-check.c.
 * The same functions read --set values (scenario-set.c), so a setting has
 * one syntax and one set of messages wherever it is written.
 */
#include <string.h>
#include <math.h>
#include "sim/scenario-private.h"

const char *const lm_sc_interconnect_keys[] = {
  "partner", "metro", "bandwidth", "port-speed", "gateway", "families", "sites",
  "pairs-per-site", "first-mile", "mtu", "account", "tags", "description", "prefixes", NULL,
};
const char *const lm_sc_bgp_keys[] = {
  "hold", "keepalive", "connect-retry", "advertisement-interval", "bfd", "graceful-restart",
  "asn", NULL,
};
const char *const lm_sc_macsec_keys[] = {
  "mode", "cipher", "mka-hello", "mka-life", "rekey", NULL,
};
const char *const lm_sc_traffic_keys[] = { "rate", "flows", "packet", "direction", NULL };
const char *const lm_sc_failures_keys[] = {
  "site", "router-pair", "router", "link", "bgp", "partner-fabric", "first-mile", "gateway",
  "mtbf", "ttf", "mttr", "mode", "group", "preset", "clocks", NULL,
};
const char *const lm_sc_group_keys[] = { "members", "mtbf", "ttf", "mttr", NULL };
const char *const lm_sc_no_keys[] = { NULL };

static gboolean
unknown_key (LmLx *lx, const LmTok *key, const char *block, const char *const *keys)
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
is_one_of (const LmTok *t, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (lm_sc_tok_is (t, words[i]))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ interconnect */

static const char *const attach_words[] = {
  "virtual-private-gateway", "transit-gateway", "cloud-wan", NULL,
};
static const char *const first_mile_words[] = { "ethernet", "mpls", NULL };

/* `gateway NAME [attach KIND [asn N]]` */
static gboolean
gateway_key (LmLx *lx, LmScInterconnect *ic)
{
  LmScenario *sc = lx->ctx->sc;
  g_autofree char *name = NULL;
  LmScLoc loc;
  if (!lm_sc_ident (lx, "gateway name", &name, &loc))
    return FALSE;
  LmScGateway *g = lm_sc_get_gateway (sc, name);
  g_free (ic->gateway);
  ic->gateway = g_strdup (name);
  ic->gateway_loc = loc;
  if (!lm_sc_tok_is (lm_sc_peek (lx, 0), "attach"))
    return TRUE;
  LmTok attach = lm_sc_next (lx);
  if (LM_SC_IS_SET (g->loc))
    {
      g_autofree char *where = g_strdup_printf ("%s:%u:%u", g->loc.file ? g->loc.file : "",
                                                g->loc.line, g->loc.col);
      lm_sc_error_at (lx, &attach, "gateway '%s' is already declared at %s; name it here "
                      "without 'attach'", name, g->loc.option ? g->loc.option : where);
      return FALSE;
    }
  return lm_sc_gateway_attach (lx, g, loc);
}

gboolean
lm_sc_gateway_attach (LmLx *lx, LmScGateway *g, LmScLoc decl)
{
  guint kind;
  if (!lm_sc_choice (lx, "attach point", attach_words, &kind, &g->attach_loc))
    return FALSE;
  g->loc = decl;
  g->attach = (LmScAttach) kind;
  if (!lm_sc_tok_is (lm_sc_peek (lx, 0), "asn"))
    return TRUE;
  LmTok asn = lm_sc_next (lx);
  if (g->attach != LM_SC_ATTACH_TRANSIT_GATEWAY)
    {
      lm_sc_error_at (lx, &asn, "'asn' applies to 'attach transit-gateway' only");
      return FALSE;
    }
  guint64 v;
  if (!lm_sc_uint (lx, "transit gateway ASN", 1, G_GUINT64_CONSTANT (4294967294), &v,
                   &g->tgw_asn_loc))
    return FALSE;
  g->tgw_asn = (guint32) v;
  return TRUE;
}

static gboolean
families_key (LmLx *lx, LmScInterconnect *ic, const LmTok *key)
{
  guint fam = 0;
  LmScLoc loc = lm_sc_tok_loc (lx, key);
  for (;;)
    {
      const LmTok *t = lm_sc_peek (lx, 0);
      guint bit = lm_sc_tok_is (t, "ipv4") ? LM_SC_FAMILY_IPV4
                  : lm_sc_tok_is (t, "ipv6") ? LM_SC_FAMILY_IPV6 : 0;
      if (bit == 0)
        break;
      if (fam & bit)
        {
          lm_sc_error_at (lx, t, "address family '%s' is given twice",
                          bit == LM_SC_FAMILY_IPV4 ? "ipv4" : "ipv6");
          return FALSE;
        }
      fam |= bit;
      lm_sc_next (lx);
    }
  if (fam == 0)
    {
      LmTok t = lm_sc_next (lx);
      lm_sc_expected (lx, &t, "an address family (ipv4, ipv6 or both)");
      return FALSE;
    }
  ic->families = fam;
  ic->families_loc = loc;
  return TRUE;
}

static gboolean
tags_key (LmLx *lx, LmScInterconnect *ic)
{
  guint n = 0;
  while (lm_sc_peek (lx, 1)->kind == LM_TOK_EQ
         && (lm_sc_peek (lx, 0)->kind == LM_TOK_WORD || lm_sc_peek (lx, 0)->kind == LM_TOK_STRING))
    {
      g_autofree char *k = NULL, *v = NULL;
      LmScLoc loc;
      lm_sc_word_or_string (lx, "tag key", &k, &loc);
      lm_sc_next (lx);               /* '=' */
      if (!lm_sc_word_or_string (lx, "tag value (a word or a \"string\")", &v, NULL))
        return FALSE;
      g_autofree char *seen = g_strdup_printf ("%p/%s", (void *) ic, k);
      LmScTag *tag = g_hash_table_lookup (lx->ctx->seen, seen);
      if (tag == NULL)
        {
          tag = g_new0 (LmScTag, 1);
          tag->key = g_steal_pointer (&k);
          g_ptr_array_add (ic->tags, tag);
          g_hash_table_insert (lx->ctx->seen, g_steal_pointer (&seen), tag);
        }
      g_free (tag->value);
      tag->value = g_steal_pointer (&v);
      tag->loc = loc;
      n++;
    }
  if (n > 0)
    return TRUE;
  LmTok t = lm_sc_next (lx);
  lm_sc_expected (lx, &t, "a tag KEY=VALUE");
  return FALSE;
}

static gboolean
rate_key (LmLx *lx, const char *what, guint64 *bps, LmScLoc *loc)
{
  LmScLoc l;
  guint64 v;
  if (!lm_sc_rate (lx, what, &v, &l))
    return FALSE;
  *bps = v;
  *loc = l;
  return TRUE;
}

static gboolean
uint_key (LmLx *lx, const char *what, guint64 min, guint64 max, guint *out, LmScLoc *loc)
{
  guint64 v;
  LmScLoc l;
  if (!lm_sc_uint (lx, what, min, max, &v, &l))
    return FALSE;
  *out = (guint) v;
  *loc = l;
  return TRUE;
}

static gboolean
ident_key (LmLx *lx, const char *what, char **field, LmScLoc *loc)
{
  char *v;
  LmScLoc l;
  if (!lm_sc_ident (lx, what, &v, &l))
    return FALSE;
  g_free (*field);
  *field = v;
  *loc = l;
  return TRUE;
}

gboolean
lm_sc_interconnect_key (LmLx *lx, LmScInterconnect *ic, const LmTok *key)
{
  guint v;
  LmScLoc l;
  if (lm_sc_tok_is (key, "partner"))
    return ident_key (lx, "partner", &ic->partner, &ic->partner_loc);
  if (lm_sc_tok_is (key, "metro"))
    return ident_key (lx, "metro", &ic->metro, &ic->metro_loc);
  if (lm_sc_tok_is (key, "bandwidth"))
    return rate_key (lx, "bandwidth", &ic->bandwidth_bps, &ic->bandwidth_loc);
  if (lm_sc_tok_is (key, "port-speed"))
    return rate_key (lx, "port speed", &ic->port_speed_bps, &ic->port_speed_loc);
  if (lm_sc_tok_is (key, "gateway"))
    return gateway_key (lx, ic);
  if (lm_sc_tok_is (key, "families"))
    return families_key (lx, ic, key);
  if (lm_sc_tok_is (key, "sites"))
    return uint_key (lx, "sites", 1, LM_SCENARIO_MAX_SITES, &ic->sites, &ic->sites_loc);
  if (lm_sc_tok_is (key, "pairs-per-site"))
    return uint_key (lx, "pairs-per-site", 1, LM_SCENARIO_MAX_PAIRS, &ic->pairs_per_site,
                     &ic->pairs_loc);
  if (lm_sc_tok_is (key, "first-mile"))
    {
      if (!lm_sc_choice (lx, "first mile", first_mile_words, &v, &l))
        return FALSE;
      ic->first_mile = (LmScFirstMile) v;
      ic->first_mile_loc = l;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "mtu"))
    return uint_key (lx, "MTU", 1280, 9001, &ic->mtu, &ic->mtu_loc);
  if (lm_sc_tok_is (key, "account"))
    {
      char *s;
      if (!lm_sc_word_or_string (lx, "a partner account id (an e-mail address or a string)",
                                 &s, &l))
        return FALSE;
      g_free (ic->account);
      ic->account = s;
      ic->account_loc = l;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "tags"))
    return tags_key (lx, ic);
  if (lm_sc_tok_is (key, "description"))
    {
      char *text;
      LmScLoc where;
      if (!lm_sc_word_or_string (lx, "a description (a word or a \"string\")", &text, &where))
        return FALSE;
      g_free (ic->description);
      ic->description = text;
      ic->description_loc = where;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "prefixes"))
    return lm_sc_prefixes_key (lx, ic->prefixes, &ic->prefixes_loc, "customer prefix");
  return unknown_key (lx, key, "interconnect", lm_sc_interconnect_keys);
}

/* ------------------------------------------------------------------ bgp, macsec */

static gboolean
duration_key (LmLx *lx, const char *what, LmTime *out, LmScLoc *loc)
{
  LmTime v;
  LmScLoc l;
  if (!lm_sc_duration (lx, what, &v, &l))
    return FALSE;
  *out = v;
  *loc = l;
  return TRUE;
}

static gboolean
is_word_next (LmLx *lx, const char *word)
{
  if (!lm_sc_tok_is (lm_sc_peek (lx, 0), word))
    return FALSE;
  lm_sc_next (lx);
  return TRUE;
}

static gboolean
bfd_key (LmLx *lx, LmScBgp *b, const LmTok *key)
{
  LmScLoc loc = lm_sc_tok_loc (lx, lm_sc_peek (lx, 0));
  if (is_word_next (lx, "off"))
    {
      b->bfd = FALSE;
      b->bfd_loc = loc;
      return TRUE;
    }
  LmTime interval;
  guint64 mult;
  if (!lm_sc_duration (lx, "BFD interval", &interval, NULL))
    return FALSE;
  LmTok x = lm_sc_next (lx);
  if (!lm_sc_tok_is (&x, "x"))
    {
      lm_sc_expected (lx, &x, "'x' and the detection multiplier (bfd 300ms x 3)");
      return FALSE;
    }
  if (!lm_sc_uint (lx, "BFD multiplier", 1, 255, &mult, NULL))
    return FALSE;
  if (interval == 0 || interval % LM_US (1) != 0 || interval > LM_US (G_MAXUINT32))
    {
      lm_sc_error (lx->ctx, loc, 1, "BFD interval must be a whole number of microseconds "
                   "above 0 (RFC 5880 §4.1)");
      return FALSE;
    }
  b->bfd = TRUE;
  b->bfd_interval = interval;
  b->bfd_multiplier = (guint) mult;
  b->bfd_loc = loc;
  return TRUE;
}

static gboolean
hold_key (LmLx *lx, LmScBgp *b)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  LmTime v;
  LmScLoc l;
  if (!lm_sc_duration (lx, "hold time", &v, &l))
    return FALSE;
  if (v != 0 && v < LM_S (3))
    {
      g_autofree char *s = lm_time_to_string (v);
      lm_sc_error_at (lx, &t, "hold time %s is below 3s (RFC 4271 §4.2: 0 or at least 3s)", s);
      return FALSE;
    }
  if (v % LM_S (1) != 0 || v > LM_S (65535))
    {
      lm_sc_error_at (lx, &t, "hold time must be whole seconds, at most 65535s "
                      "(RFC 4271 §4.2)");
      return FALSE;
    }
  b->hold = v;
  b->hold_loc = l;
  return TRUE;
}

static gboolean
graceful_restart_key (LmLx *lx, LmScBgp *b)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  LmScLoc loc = lm_sc_tok_loc (lx, &t);
  if (is_word_next (lx, "off") || is_word_next (lx, "on"))
    {
      b->graceful_restart = lm_sc_tok_is (&t, "on");
      b->graceful_restart_loc = loc;
      return TRUE;
    }
  if (t.kind != LM_TOK_NUMBER)
    {
      LmTok n = lm_sc_next (lx);
      lm_sc_expected (lx, &n, "a restart time such as 120s, 'on' or 'off'");
      return FALSE;
    }
  LmTime v;
  if (!lm_sc_duration (lx, "graceful restart time", &v, NULL))
    return FALSE;
  if (v == 0 || v % LM_S (1) != 0 || v > LM_S (4095))
    {
      lm_sc_error_at (lx, &t, "graceful restart time must be whole seconds from 1s to 4095s "
                      "(RFC 4724 §3); use 'off' to disable it");
      return FALSE;
    }
  b->graceful_restart = TRUE;
  b->graceful_restart_time = v;
  b->graceful_restart_loc = loc;
  return TRUE;
}

static gboolean
asn_key (LmLx *lx, LmScBgp *b)
{
  const LmTok t = *lm_sc_peek (lx, 0);
  guint64 v;
  LmScLoc l;
  if (!lm_sc_uint (lx, "ASN", 1, G_GUINT64_CONSTANT (4294967294), &v, &l))
    return FALSE;
  gboolean private = (v >= 64512 && v <= 65534) || v >= G_GUINT64_CONSTANT (4200000000);
  if (!private)
    {
      lm_sc_error_at (lx, &t, "ASN %" G_GUINT64_FORMAT " is not private; the cloud side's ASN "
                      "is 64512-65534 or 4200000000-4294967294", v);
      return FALSE;
    }
  b->asn = (guint32) v;
  b->asn_loc = l;
  return TRUE;
}

gboolean
lm_sc_bgp_key (LmLx *lx, LmScBgp *b, const LmTok *key)
{
  if (lm_sc_tok_is (key, "hold"))
    return hold_key (lx, b);
  if (lm_sc_tok_is (key, "keepalive"))
    return duration_key (lx, "keepalive time", &b->keepalive, &b->keepalive_loc);
  if (lm_sc_tok_is (key, "connect-retry"))
    return duration_key (lx, "connect-retry time", &b->connect_retry, &b->connect_retry_loc);
  if (lm_sc_tok_is (key, "advertisement-interval"))
    return duration_key (lx, "advertisement interval", &b->advertisement_interval,
                         &b->advertisement_interval_loc);
  if (lm_sc_tok_is (key, "bfd"))
    return bfd_key (lx, b, key);
  if (lm_sc_tok_is (key, "graceful-restart"))
    return graceful_restart_key (lx, b);
  if (lm_sc_tok_is (key, "asn"))
    return asn_key (lx, b);
  return unknown_key (lx, key, "bgp", lm_sc_bgp_keys);
}

static const char *const macsec_mode_words[] = {
  "must-encrypt", "should-encrypt", "no-encrypt", NULL,
};
static const char *const cipher_words[] = { "gcm-aes-xpn-256", "gcm-aes-256", NULL };

static gboolean
rekey_key (LmLx *lx, LmScMacsec *m)
{
  LmScLoc loc = lm_sc_tok_loc (lx, lm_sc_peek (lx, 0));
  if (is_word_next (lx, "pn-rollover"))
    {
      m->rekey_on_pn_rollover = TRUE;
      m->rekey_loc = loc;
      return TRUE;
    }
  if (lm_sc_peek (lx, 0)->kind != LM_TOK_NUMBER)
    {
      LmTok t = lm_sc_next (lx);
      lm_sc_expected (lx, &t, "a rekey interval such as 1h, or 'pn-rollover'");
      return FALSE;
    }
  LmTime v;
  const LmTok t = *lm_sc_peek (lx, 0);
  if (!lm_sc_duration (lx, "rekey interval", &v, NULL))
    return FALSE;
  if (v == 0)
    {
      lm_sc_error_at (lx, &t, "rekey interval must be above 0s");
      return FALSE;
    }
  m->rekey_on_pn_rollover = FALSE;
  m->rekey_interval = v;
  m->rekey_loc = loc;
  return TRUE;
}

gboolean
lm_sc_positive_duration (LmLx *lx, const char *what, LmTime *out, LmScLoc *loc)
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

gboolean
lm_sc_macsec_key (LmLx *lx, LmScMacsec *m, const LmTok *key)
{
  guint v;
  LmScLoc l;
  if (lm_sc_tok_is (key, "mode"))
    {
      if (!lm_sc_choice (lx, "MACsec mode", macsec_mode_words, &v, &l))
        return FALSE;
      m->mode = (LmScMacsecMode) v;
      m->mode_loc = l;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "cipher"))
    {
      if (!lm_sc_choice (lx, "MACsec cipher", cipher_words, &v, &l))
        return FALSE;
      m->cipher = (LmScCipher) v;
      m->cipher_loc = l;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "mka-hello"))
    return lm_sc_positive_duration (lx, "MKA hello time", &m->mka_hello, &m->mka_hello_loc);
  if (lm_sc_tok_is (key, "mka-life"))
    return lm_sc_positive_duration (lx, "MKA life time", &m->mka_life, &m->mka_life_loc);
  if (lm_sc_tok_is (key, "rekey"))
    return rekey_key (lx, m);
  return unknown_key (lx, key, "macsec", lm_sc_macsec_keys);
}

/* ------------------------------------------------------------------ traffic */

static const char *const direction_words[] = { "both", "to-cloud", "from-cloud", NULL };

gboolean
lm_sc_traffic_key (LmLx *lx, LmScTraffic *t, const LmTok *key)
{
  if (lm_sc_tok_is (key, "rate"))
    return rate_key (lx, "traffic rate", &t->rate_bps, &t->rate_loc);
  if (lm_sc_tok_is (key, "flows"))
    return lm_sc_uint (lx, "flows", 1, G_MAXUINT32, &t->flows, &t->flows_loc);
  if (lm_sc_tok_is (key, "packet"))
    {
      const LmTok v = *lm_sc_peek (lx, 0);
      guint64 bytes;
      LmScLoc l;
      if (!lm_sc_size (lx, "packet size", &bytes, &l))
        return FALSE;
      if (bytes < 64 || bytes > 9216)
        {
          g_autofree char *s = lm_sc_size_string (bytes);
          lm_sc_error_at (lx, &v, "packet size %s is outside 64B-9216B", s);
          return FALSE;
        }
      t->packet_bytes = bytes;
      t->packet_loc = l;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "direction"))
    {
      guint d;
      LmScLoc l;
      if (!lm_sc_choice (lx, "direction", direction_words, &d, &l))
        return FALSE;
      t->direction = (LmScDirection) d;
      t->direction_loc = l;
      return TRUE;
    }
  return unknown_key (lx, key, "traffic", lm_sc_traffic_keys);
}

/* ------------------------------------------------------------------ failures, groups */

static const char *const mode_words[] = {
  "crash", "graceful", "silent", "carrier", "reset", NULL,
};

gboolean
lm_sc_failure_class_key (LmLx *lx, LmScFailureClass *fc, const LmTok *key)
{
  if (lm_sc_tok_is (key, "mtbf"))
    {
      LmScDist d = { LM_SC_DIST_EXP, 0, 0, 0 };
      const LmTok t = *lm_sc_peek (lx, 0);
      if (!lm_sc_duration (lx, "mean time between failures", &d.a, &fc->ttf_loc))
        return FALSE;
      if (d.a == 0)
        {
          lm_sc_error_at (lx, &t, "mean time between failures must be above 0s");
          return FALSE;
        }
      fc->ttf = d;
      return TRUE;
    }
  if (lm_sc_tok_is (key, "ttf"))
    return lm_sc_dist (lx, "time to failure", &fc->ttf, &fc->ttf_loc);
  if (lm_sc_tok_is (key, "mttr"))
    return lm_sc_dist (lx, "time to repair", &fc->ttr, &fc->ttr_loc);
  if (lm_sc_tok_is (key, "mode"))
    {
      guint m;
      const LmTok t = *lm_sc_peek (lx, 0);
      if (!lm_sc_choice (lx, "failure mode", mode_words, &m, &fc->mode_loc))
        return FALSE;
      fc->mode = (LmScMode) (m + 1);
      if (!lm_sc_class_allows_mode (fc->klass, fc->mode))
        {
          lm_sc_error_at (lx, &t, "mode '%s' does not apply to a %s", mode_words[m],
                          lm_sc_class_name (fc->klass));
          fc->mode = LM_SC_MODE_NONE;
          return FALSE;
        }
      return TRUE;
    }
  static const char *const keys[] = { "mtbf", "ttf", "mttr", "mode", NULL };
  return unknown_key (lx, key, "failure class", keys);
}

static gboolean
group_fn (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScGroup *g = obj;
  if (lm_sc_tok_is (key, "members"))
    {
      guint n = 0;
      while (lm_sc_peek (lx, 0)->kind == LM_TOK_WORD
             && !is_one_of (lm_sc_peek (lx, 0), lm_sc_group_keys))
        {
          LmTok m = lm_sc_next (lx);
          if (!lm_sc_check_target_syntax (lx, &m))
            return FALSE;
          g_autofree char *s = lm_sc_tok_dup (&m);
          g_ptr_array_add (g->members, lm_sc_name_ref_new (s, lm_sc_tok_loc (lx, &m)));
          n++;
        }
      if (n > 0)
        return TRUE;
      LmTok t = lm_sc_next (lx);
      lm_sc_expected (lx, &t, "the group's members (e.g. members ic1.A ic1.B)");
      return FALSE;
    }
  LmScFailureClass tmp = { LM_SC_CLASS_SITE, { 0 }, g->ttf, g->ttf_loc, g->ttr, g->ttr_loc,
                         LM_SC_MODE_NONE, { 0 } };
  if (lm_sc_tok_is (key, "mode"))
    return unknown_key (lx, key, "group", lm_sc_group_keys);
  if (!lm_sc_failure_class_key (lx, &tmp, key))
    return FALSE;
  g->ttf = tmp.ttf;
  g->ttf_loc = tmp.ttf_loc;
  g->ttr = tmp.ttr;
  g->ttr_loc = tmp.ttr_loc;
  return TRUE;
}

void
lm_sc_parse_group (LmLx *lx, const LmTok *kw)
{
  g_autofree char *name = NULL;
  LmScLoc loc;
  if (!lm_sc_ident (lx, "group name", &name, &loc))
    {
      lm_sc_skip_block (lx);
      lm_sc_sync (lx);
      return;
    }
  gboolean existed;
  LmScGroup *g = lm_sc_get_group (lx->ctx->sc, name, loc, &existed);
  if (existed)
    g_ptr_array_set_size (g->members, 0);   /* members: the last list wins */
  g_autofree char *what = g_strdup_printf ("group %s", name);
  lm_sc_parse_block (lx, kw, what, lm_sc_group_keys, group_fn, g);
}

/* Named failure data sets (`failures { preset NAME }`), exponential laws:
 * default — ../shared/reference/failure-data.md §3.2: a router pair is the
 *   series of router hardware, optics, fibre, session resets and maintenance
 *   (MTBF 1698.43 h, MTTR 1.3709 h, already aggregated); a site MTBF
 *   43,800 h, MTTR 8 h (Tier III 99.982 %).
 * stress — for validation: pairs 500 h / 50 h, sites 2000 h / 100 h.
 * Every other class stays off unless the scenario sets it; lines after the
 * preset override it key by key. */
static const struct {
  const char *name;
  double pair_mtbf_h, pair_mttr_h, site_mtbf_h, site_mttr_h;
} presets[] = {
  { "default", 1698.43, 1.3709, 43800.0, 8.0 },
  { "stress", 500.0, 50.0, 2000.0, 100.0 },
};

static void
set_exp_class (LmScenario *sc, LmScClass klass, double mtbf_h, double mttr_h, LmScLoc loc)
{
  LmScFailureClass *fc = lm_sc_get_failure_class (sc, klass, loc);
  fc->ttf = (LmScDist) { LM_SC_DIST_EXP, (LmTime) llround (mtbf_h * 3600e9), 0, 0 };
  fc->ttr = (LmScDist) { LM_SC_DIST_EXP, (LmTime) llround (mttr_h * 3600e9), 0, 0 };
  fc->ttf_loc = loc;
  fc->ttr_loc = loc;
}

static gboolean
failures_preset (LmLx *lx)
{
  static const char *const names[] = { "default", "stress", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (presets) + 1);
  guint k;
  LmScLoc loc;
  if (!lm_sc_choice (lx, "failure data preset", names, &k, &loc))
    return FALSE;
  set_exp_class (lx->ctx->sc, LM_SC_CLASS_ROUTER_PAIR, presets[k].pair_mtbf_h,
                 presets[k].pair_mttr_h, loc);
  set_exp_class (lx->ctx->sc, LM_SC_CLASS_SITE, presets[k].site_mtbf_h, presets[k].site_mttr_h,
                 loc);
  return TRUE;
}

static const char *const clocks_words[] = {
  [LM_SC_CLOCKS_INDEPENDENT] = "independent",
  [LM_SC_CLOCKS_SUSPEND] = "suspend",
  NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (clocks_words) == LM_SC_CLOCKS_N + 1);

const char *
lm_sc_clocks_name (LmScClocks c)
{
  g_return_val_if_fail (c < LM_SC_CLOCKS_N, "?");
  return clocks_words[c];
}

/* `clocks independent|suspend`: a setting of the whole block (and of
 * --failure-clocks, an override of failures.clocks). */
gboolean
lm_sc_failures_clocks (LmLx *lx, LmScenario *sc)
{
  guint k;
  if (!lm_sc_choice (lx, "failure clocks", clocks_words, &k, &sc->failure_clocks_loc))
    return FALSE;
  sc->failure_clocks = (LmScClocks) k;
  return TRUE;
}

gboolean
lm_sc_failures_key (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScFailuresState *st = obj;
  for (guint k = LM_SC_CLASS_SITE; k < LM_SC_CLASS_N; k++)
    if (lm_sc_tok_is (key, lm_sc_class_name ((LmScClass) k)))
      {
        st->current = lm_sc_get_failure_class (lx->ctx->sc, (LmScClass) k,
                                               lm_sc_tok_loc (lx, key));
        return TRUE;
      }
  if (lm_sc_tok_is (key, "group"))
    {
      st->current = NULL;
      lm_sc_parse_group (lx, key);
      return TRUE;
    }
  if (lm_sc_tok_is (key, "preset"))
    {
      st->current = NULL;
      return failures_preset (lx);
    }
  if (lm_sc_tok_is (key, "clocks"))
    {
      st->current = NULL;
      return lm_sc_failures_clocks (lx, lx->ctx->sc);
    }
  if (!is_one_of (key, lm_sc_failures_keys))
    return unknown_key (lx, key, "failures", lm_sc_failures_keys);
  if (st->current == NULL)
    {
      g_autofree char *k = lm_sc_tok_dup (key);
      lm_sc_error_at (lx, key, "'%s' needs a class before it (e.g. 'router mtbf 5y mttr 4h')",
                      k);
      return FALSE;
    }
  if (lm_sc_failure_class_key (lx, st->current, key))
    return TRUE;
  g_hash_table_add (lx->ctx->broken, st->current);
  return FALSE;
}

/* ------------------------------------------------------------------ tables */

gboolean
lm_sc_partners_entry (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScenario *sc = lx->ctx->sc;
  g_autofree char *name = lm_sc_tok_dup (key);
  if (!lm_sc_is_ident (name))
    {
      lm_sc_error_at (lx, key, "partner name '%s' may contain only ASCII letters, digits, "
                      "'-' and '_'", name);
      return FALSE;
    }
  LmScPartner *p = lm_sc_get_partner (sc, name, lm_sc_tok_loc (lx, key));
  LmTok kw = lm_sc_next (lx);
  if (!lm_sc_tok_is (&kw, "metros"))
    {
      lm_sc_expected (lx, &kw, "'metros' and the metros the partner serves");
      return FALSE;
    }
  guint n = 0;
  while (lm_sc_peek (lx, 0)->kind == LM_TOK_WORD && !lm_sc_tok_is (lm_sc_peek (lx, 1), "metros"))
    {
      g_autofree char *m = NULL;
      LmScLoc loc;
      if (!lm_sc_ident (lx, "metro name", &m, &loc))
        return FALSE;
      char *seen = g_strdup_printf ("%p/%s", (void *) p, m);
      if (g_hash_table_contains (lx->ctx->seen, seen))
        g_free (seen);
      else
        {
          g_hash_table_insert (lx->ctx->seen, seen, p);
          g_ptr_array_add (p->metros, lm_sc_name_ref_new (m, loc));
        }
      n++;
    }
  if (n > 0)
    return TRUE;
  LmTok t = lm_sc_next (lx);
  lm_sc_expected (lx, &t, "a metro name");
  return FALSE;
}

gboolean
lm_sc_metros_entry (LmLx *lx, gpointer obj, const LmTok *key)
{
  LmScenario *sc = lx->ctx->sc;
  g_autofree char *name = lm_sc_tok_dup (key);
  if (!lm_sc_is_ident (name) || strcmp (name, "region") == 0 || strcmp (name, "distance") == 0)
    {
      lm_sc_expected (lx, key, "a metro name");
      return FALSE;
    }
  LmScMetro *m = lm_sc_get_metro (sc, name, lm_sc_tok_loc (lx, key));
  guint n = 0;
  for (;; n++)
    {
      if (is_word_next (lx, "region"))
        {
          if (!ident_key (lx, "region", &m->region, &m->region_loc))
            return FALSE;
        }
      else if (is_word_next (lx, "distance"))
        {
          if (!lm_sc_distance (lx, "distance", &m->distance_km, &m->distance_loc))
            return FALSE;
        }
      else
        break;
    }
  if (n > 0)
    return TRUE;
  LmTok t = lm_sc_next (lx);
  lm_sc_expected (lx, &t, "'region NAME' or 'distance Nkm'");
  return FALSE;
}

