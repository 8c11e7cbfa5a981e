/* sim/scenario-check.c — semantic checks of the settings, once every file
 * and override is in: required keys, partners and metros (and whether the
 * partner serves the metro), bandwidth tiers, gateways and their ASNs
 * (the last three only for interconnects available from the start: for
 * one ordered in the run, the console and the gateway refuse in the run),
 * BGP and MACsec timers that depend on each other, traffic, failure
 * classes and groups.  Each error is placed on the value that made it
 * wrong (the last one set), or on the declaration when a key is missing.
 */
#include <string.h>
#include "sim/scenario-private.h"

static LmScLoc
main_file_loc (LmScCtx *ctx)
{
  LmScLoc loc = { ctx->sc->files->len > 0 ? lm_sc_intern (ctx, ctx->sc->files->pdata[0]) : NULL,
                0, 0, NULL };
  return loc;
}

/* Where to put an error about two keys: a command-line override first (it
 * was applied last), then @preferred if it was set, else @other. */
static LmScLoc
blame (LmScLoc preferred, LmScLoc other)
{
  if (other.option != NULL && preferred.option == NULL)
    return other;
  return LM_SC_IS_SET (preferred) ? preferred : other;
}

static guint
name_len (const char *s)
{
  return s != NULL ? (guint) g_utf8_strlen (s, -1) : 1;
}

static void
check_bgp (LmScCtx *ctx)
{
  const LmScBgp *b = &ctx->sc->bgp;
  if (b->hold != 0 && b->keepalive > b->hold)
    {
      g_autofree char *k = lm_time_to_string (b->keepalive);
      g_autofree char *h = lm_time_to_string (b->hold);
      lm_sc_error (ctx, blame (b->keepalive_loc, b->hold_loc), 1,
                   "keepalive %s is above the hold time %s (RFC 4271 §4.4 suggests a third "
                   "of the hold time)", k, h);
    }
}

static const char *
max_port_ic (const LmScenario *sc, guint64 limit, guint64 *speed)
{
  for (guint i = 0; i < sc->interconnects->len; i++)
    {
      const LmScInterconnect *ic = sc->interconnects->pdata[i];
      guint64 s = ic->port_speed_bps != 0 ? ic->port_speed_bps : ic->bandwidth_bps;
      if (s > limit)
        {
          *speed = s;
          return ic->name;
        }
    }
  return NULL;
}

static void
check_macsec (LmScCtx *ctx)
{
  const LmScMacsec *m = &ctx->sc->macsec;
  if (m->mka_life <= m->mka_hello)
    {
      g_autofree char *l = lm_time_to_string (m->mka_life);
      g_autofree char *h = lm_time_to_string (m->mka_hello);
      lm_sc_error (ctx, blame (m->mka_life_loc, m->mka_hello_loc), 1,
                   "MKA life time %s must be longer than the hello time %s (IEEE 802.1X "
                   "defaults: hello 2s, life 6s)", l, h);
    }
  guint64 speed = 0;
  const char *ic = max_port_ic (ctx->sc, G_GUINT64_CONSTANT (10000000000), &speed);
  if (m->cipher == LM_SC_CIPHER_GCM_AES_256 && ic != NULL)
    {
      g_autofree char *s = lm_sc_rate_string (speed);
      lm_sc_error (ctx, m->cipher_loc, (guint) strlen ("gcm-aes-256"),
                   "cipher gcm-aes-256 is offered on ports up to 10Gbps, and %s runs at %s "
                   "(use gcm-aes-xpn-256)", ic, s);
    }
}

static void
check_tables (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->metros->len; i++)
    {
      LmScMetro *m = sc->metros->pdata[i];
      if (m->builtin)
        continue;
      if (m->region == NULL)
        lm_sc_error (ctx, m->loc, name_len (m->name),
                     "metro '%s' has no region; add 'region NAME' (e.g. region us-east-1)",
                     m->name);
      if (!LM_SC_IS_SET (m->distance_loc))
        lm_sc_error (ctx, m->loc, name_len (m->name),
                     "metro '%s' has no distance to its region; add 'distance Nkm'", m->name);
    }
  for (guint i = 0; i < sc->partners->len; i++)
    {
      LmScPartner *p = sc->partners->pdata[i];
      for (guint j = 0; j < p->metros->len; j++)
        {
          LmScNameRef *r = p->metros->pdata[j];
          if (lm_scenario_find_metro (sc, r->name) != NULL)
            continue;
          g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (r->name, sc->metros));
          lm_sc_error (ctx, r->loc, name_len (r->name),
                       "unknown metro '%s'%s (declare it in a metros block)", r->name, dym);
        }
    }
}

static char *
served_list (const LmScPartner *p)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < p->metros->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
                            ((LmScNameRef *) p->metros->pdata[i])->name);
  return g_string_free (s, FALSE);
}

static gboolean
serves (const LmScPartner *p, const char *metro)
{
  for (guint i = 0; i < p->metros->len; i++)
    if (strcmp (((LmScNameRef *) p->metros->pdata[i])->name, metro) == 0)
      return TRUE;
  return FALSE;
}

static void
missing (LmScCtx *ctx, const LmScInterconnect *ic, const char *key, const char *example)
{
  if (g_hash_table_contains (ctx->broken, ic))
    return;     /* a setting of it was wrong: that error says enough */
  lm_sc_error (ctx, ic->loc, name_len (ic->name), "interconnect '%s' has no %s; add '%s'",
               ic->name, key, example);
}

static void
check_partner_metro (LmScCtx *ctx, LmScInterconnect *ic)
{
  LmScenario *sc = ctx->sc;
  const LmScPartner *p = NULL;
  if (ic->partner == NULL)
    missing (ctx, ic, "partner", "partner lumen");
  else if ((p = lm_scenario_find_partner (sc, ic->partner)) == NULL)
    {
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (ic->partner,
                                                                      sc->partners));
      lm_sc_error (ctx, ic->partner_loc, name_len (ic->partner), "unknown partner '%s'%s",
                   ic->partner, dym);
    }
  if (ic->metro == NULL)
    {
      missing (ctx, ic, "metro", "metro new-york");
      return;
    }
  const LmScMetro *m = lm_scenario_find_metro (sc, ic->metro);
  if (m == NULL)
    {
      g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (ic->metro, sc->metros));
      lm_sc_error (ctx, ic->metro_loc, name_len (ic->metro), "unknown metro '%s'%s",
                   ic->metro, dym);
      return;
    }
  ic->metro_info = m;
  /* an interconnect ordered in the run: the console refuses it instead */
  if (p != NULL && !serves (p, ic->metro) && !lm_scenario_ordered (sc, ic->name))
    {
      g_autofree char *list = served_list (p);
      lm_sc_error (ctx, ic->metro_loc, name_len (ic->metro),
                   "metro '%s' is not served by partner '%s' (it serves %s)", ic->metro,
                   p->name, list);
    }
}

static void
check_bandwidth (LmScCtx *ctx, LmScInterconnect *ic)
{
  if (!LM_SC_IS_SET (ic->bandwidth_loc))
    {
      missing (ctx, ic, "bandwidth", "bandwidth 10Gbps");
      return;
    }
  if (!lm_sc_is_tier (ic->bandwidth_bps))
    {
      if (lm_scenario_ordered (ctx->sc, ic->name))
        return;     /* the console refuses the order (a simulated error) */
      g_autofree char *s = lm_sc_rate_string (ic->bandwidth_bps);
      lm_sc_error (ctx, ic->bandwidth_loc, name_len (s),
                   "bandwidth %s is not a tier; expected %s", s, lm_sc_tier_list);
      return;
    }
  /* Ports slower than the tier are a design choice (DESIGN §7: each port
   * runs at the tier unless port-speed says otherwise) — survivors of a
   * failure may then congest.  Ports that cannot carry the tier even when
   * all are up are a mistake. */
  guint64 n = (guint64) ic->sites * ic->pairs_per_site;
  if (LM_SC_IS_SET (ic->port_speed_loc) && n > 0
      && ic->port_speed_bps < (ic->bandwidth_bps + n - 1) / n)
    {
      g_autofree char *p = lm_sc_rate_string (ic->port_speed_bps);
      g_autofree char *b = lm_sc_rate_string (ic->bandwidth_bps);
      g_autofree char *all = lm_sc_rate_string (ic->port_speed_bps * n);
      lm_sc_error (ctx, ic->port_speed_loc, name_len (p),
                   "port speed %s on %" G_GUINT64_FORMAT " connections (%s in all) cannot carry "
                   "the bandwidth %s", p, n, all, b);
    }
}

static void
check_gateway (LmScCtx *ctx, LmScInterconnect *ic)
{
  if (ic->gateway == NULL)
    {
      missing (ctx, ic, "gateway", "gateway NAME attach transit-gateway");
      return;
    }
  ic->gateway_info = lm_scenario_find_gateway (ctx->sc, ic->gateway);
}

/* Whether an interconnect available from the start uses @g (or none uses
 * it at all): only then is an ASN conflict an error of the scenario — for
 * an interconnect ordered in the run the association fails in the run. */
static gboolean
used_from_start (const LmScenario *sc, const LmScGateway *g)
{
  gboolean used = FALSE;
  for (guint i = 0; i < sc->interconnects->len; i++)
    {
      const LmScInterconnect *ic = sc->interconnects->pdata[i];
      if (ic->gateway == NULL || strcmp (ic->gateway, g->name) != 0)
        continue;
      used = TRUE;
      if (!lm_scenario_ordered (sc, ic->name))
        return TRUE;
    }
  return !used;
}

static void
check_gateways (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  const LmScBgp *b = &sc->bgp;
  for (guint i = 0; i < sc->gateways->len; i++)
    {
      LmScGateway *g = sc->gateways->pdata[i];
      if (g->attach != LM_SC_ATTACH_TRANSIT_GATEWAY || g->tgw_asn != b->asn
          || !used_from_start (sc, g))
        continue;
      LmScLoc loc = blame (g->tgw_asn_loc, blame (b->asn_loc, g->loc));
      lm_sc_error (ctx, loc, 1, "transit gateway ASN %u of gateway '%s' equals the gateway's "
                   "ASN %u; the association would fail (set 'attach transit-gateway asn N' "
                   "or 'bgp { asn N }')", g->tgw_asn, g->name, b->asn);
    }
}

static void
check_interconnects (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->interconnects->len && !ctx->stop; i++)
    {
      LmScInterconnect *ic = sc->interconnects->pdata[i];
      check_partner_metro (ctx, ic);
      check_bandwidth (ctx, ic);
      check_gateway (ctx, ic);
    }
}

static void
check_traffic (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->traffic->len && !ctx->stop; i++)
    {
      LmScTraffic *t = sc->traffic->pdata[i];
      const LmScInterconnect *ic = lm_scenario_find_interconnect (sc, t->interconnect);
      if (ic == NULL)
        {
          g_autofree char *dym = lm_sc_did_you_mean (lm_sc_suggest_names (t->interconnect,
                                                                          sc->interconnects));
          lm_sc_error (ctx, t->loc, name_len (t->interconnect),
                       "traffic for unknown interconnect '%s'%s", t->interconnect, dym);
          continue;
        }
      if (!LM_SC_IS_SET (t->rate_loc))
        {
          if (!g_hash_table_contains (ctx->broken, t))
            lm_sc_error (ctx, t->loc, name_len (t->interconnect),
                         "traffic %s has no rate; add 'rate R' (e.g. rate 6Gbps)",
                         t->interconnect);
        }
      else if (t->rate_bps == 0)
        lm_sc_error (ctx, t->rate_loc, 1, "traffic rate must be above 0bps");
      if (t->packet_bytes > ic->mtu)
        {
          g_autofree char *s = lm_sc_size_string (t->packet_bytes);
          lm_sc_error (ctx, blame (t->packet_loc, ic->mtu_loc), 1,
                       "packet size %s is above the MTU %u of %s", s, ic->mtu, ic->name);
        }
    }
}

static void
check_dists (LmScCtx *ctx, const char *what, LmScLoc loc, guint len, LmScLoc ttf_loc,
             LmScLoc ttr_loc)
{
  if (!LM_SC_IS_SET (ttf_loc))
    lm_sc_error (ctx, loc, len, "%s has no time to failure; add 'mtbf T' or 'ttf DIST'", what);
  if (!LM_SC_IS_SET (ttr_loc))
    lm_sc_error (ctx, loc, len, "%s has no time to repair; add 'mttr T' or 'mttr DIST'", what);
}

static void
check_failure_model (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  for (guint i = 0; i < sc->failure_classes->len; i++)
    {
      LmScFailureClass *fc = sc->failure_classes->pdata[i];
      g_autofree char *what = g_strdup_printf ("failure class '%s'",
                                               lm_sc_class_name (fc->klass));
      if (!g_hash_table_contains (ctx->broken, fc))
        check_dists (ctx, what, fc->loc, name_len (lm_sc_class_name (fc->klass)),
                   fc->ttf_loc, fc->ttr_loc);
    }
  for (guint i = 0; i < sc->groups->len && !ctx->stop; i++)
    {
      LmScGroup *g = sc->groups->pdata[i];
      g_autofree char *what = g_strdup_printf ("group '%s'", g->name);
      if (g_hash_table_contains (ctx->broken, g))
        continue;
      check_dists (ctx, what, g->loc, name_len (g->name), g->ttf_loc, g->ttr_loc);
      if (g->members->len == 0)
        lm_sc_error (ctx, g->loc, name_len (g->name),
                     "group '%s' has no members; add 'members ic1.A ic1.B'", g->name);
      g_ptr_array_set_size (g->targets, 0);
      for (guint j = 0; j < g->members->len; j++)
        {
          LmScNameRef *r = g->members->pdata[j];
          lm_sc_resolve_member (ctx, r->name, r->loc, g->targets);
        }
    }
}

void
lm_sc_check_settings (LmScCtx *ctx)
{
  LmScenario *sc = ctx->sc;
  if (!LM_SC_IS_SET (sc->duration_loc) && lm_sc_error_count (ctx) == 0)
    lm_sc_error (ctx, main_file_loc (ctx), 1,
                 "the scenario has no duration; add one, e.g. 'duration 2h'");
  check_bgp (ctx);
  check_macsec (ctx);
  check_tables (ctx);
  check_interconnects (ctx);
  check_gateways (ctx);
  lm_sc_check_provisioning (ctx);
  check_traffic (ctx);
  check_failure_model (ctx);
}
