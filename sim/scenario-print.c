/* sim/scenario-print.c — the canonical form of a scenario.
 *
 * One self-contained file: includes and overrides applied, actions in
 * timeline order with absolute times (`at`), values in canonical units
 * (lm_time_to_string, the largest rate/size unit, shortest decimals), one
 * setting per line, and the settings left at their defaults shown as
 * comments so a reader sees every value the simulation uses.  Parsing the
 * output gives the same tree (values and "set explicitly" bits), and
 * printing that again gives the same text: the form is a fixed point.
 */
#include <string.h>
#include "sim/scenario-private.h"

typedef struct {
  GString *out;
} Printer;

static void
line (Printer *p, LmScLoc loc, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

/* An indented block line, commented out when @loc is a default. */
static void
line (Printer *p, LmScLoc loc, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_string_append (p->out, LM_SC_IS_SET (loc) ? "    " : "    # ");
  g_string_append_vprintf (p->out, fmt, ap);
  g_string_append_c (p->out, '\n');
  va_end (ap);
}

static char *
t2s (LmTime t)
{
  return lm_time_to_string (t);
}

static void
print_header (Printer *p, const LmScenario *sc)
{
  g_autofree char *d = t2s (sc->duration);
  g_string_append (p->out, "# Canonical form (lmsim --print-scenario): includes and overrides "
                   "applied;\n# settings left at their defaults are shown commented out.\n");
  GString *q = g_string_new ("\"");
  for (const char *c = sc->name; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (q, '\\');
      g_string_append_c (q, *c);
    }
  g_string_append_c (q, '"');
  g_string_append_printf (p->out, "scenario %s\nseed %" G_GUINT64_FORMAT "\nduration %s\n"
                          "replications %" G_GUINT64_FORMAT "\n", q->str, sc->seed, d,
                          sc->replications);
  g_string_free (q, TRUE);
  for (guint i = 0; i < sc->sweeps->len; i++)
    {
      const LmScSweep *w = sc->sweeps->pdata[i];
      g_string_append_printf (p->out, "sweep \"%s\"\n", w->text);
    }
}

static void
print_tables (Printer *p, const LmScenario *sc)
{
  GString *body = g_string_new (NULL);
  for (guint i = 0; i < sc->partners->len; i++)
    {
      const LmScPartner *pa = sc->partners->pdata[i];
      GString *ms = g_string_new (NULL);
      for (guint j = 0; j < pa->metros->len; j++)
        {
          const LmScNameRef *r = pa->metros->pdata[j];
          if (LM_SC_IS_SET (r->loc))
            g_string_append_printf (ms, " %s", r->name);
        }
      if (ms->len > 0)
        g_string_append_printf (body, "    %s metros%s\n", pa->name, ms->str);
      g_string_free (ms, TRUE);
    }
  if (body->len > 0)
    g_string_append_printf (p->out, "\npartners {\n%s}\n", body->str);
  g_string_truncate (body, 0);
  for (guint i = 0; i < sc->metros->len; i++)
    {
      const LmScMetro *m = sc->metros->pdata[i];
      gboolean region = m->region != NULL && (!m->builtin || LM_SC_IS_SET (m->region_loc));
      gboolean dist = !m->builtin || LM_SC_IS_SET (m->distance_loc);
      if (!region && !dist)
        continue;
      g_string_append_printf (body, "    %s", m->name);
      if (region)
        g_string_append_printf (body, " region %s", m->region);
      if (dist)
        {
          g_autofree char *km = lm_sc_double_string (m->distance_km);
          g_string_append_printf (body, " distance %skm", km);
        }
      g_string_append_c (body, '\n');
    }
  if (body->len > 0)
    g_string_append_printf (p->out, "\nmetros {\n%s}\n", body->str);
  g_string_free (body, TRUE);
}

static void
print_gateway (Printer *p, const LmScenario *sc, const LmScInterconnect *ic, GHashTable *done)
{
  if (ic->gateway == NULL)
    return;
  const LmScGateway *g = lm_scenario_find_gateway (sc, ic->gateway);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "gateway %s", ic->gateway);
  if (g != NULL && LM_SC_IS_SET (g->loc) && !g_hash_table_contains (done, g->name))
    {
      g_hash_table_add (done, g->name);
      g_string_append_printf (s, " attach %s", lm_sc_attach_name (g->attach));
      if (LM_SC_IS_SET (g->tgw_asn_loc))
        g_string_append_printf (s, " asn %u", g->tgw_asn);
    }
  line (p, ic->gateway_loc, "%s", s->str);
  g_string_free (s, TRUE);
}

static void
print_interconnect (Printer *p, const LmScenario *sc, const LmScInterconnect *ic,
                    GHashTable *gateways_done)
{
  g_string_append_printf (p->out, "\ninterconnect %s {\n", ic->name);
  if (ic->partner != NULL)
    line (p, ic->partner_loc, "partner %s", ic->partner);
  if (ic->metro != NULL)
    line (p, ic->metro_loc, "metro %s", ic->metro);
  g_autofree char *bw = lm_sc_rate_string (ic->bandwidth_bps);
  line (p, ic->bandwidth_loc, "bandwidth %s", bw);
  g_autofree char *ps = lm_sc_rate_string (ic->port_speed_bps != 0 ? ic->port_speed_bps
                                                                   : ic->bandwidth_bps);
  line (p, ic->port_speed_loc, "port-speed %s", ps);
  print_gateway (p, sc, ic, gateways_done);
  line (p, ic->families_loc, "families%s%s", (ic->families & LM_SC_FAMILY_IPV4) ? " ipv4" : "",
        (ic->families & LM_SC_FAMILY_IPV6) ? " ipv6" : "");
  line (p, ic->sites_loc, "sites %u", ic->sites);
  line (p, ic->pairs_loc, "pairs-per-site %u", ic->pairs_per_site);
  line (p, ic->first_mile_loc, "first-mile %s", lm_sc_first_mile_name (ic->first_mile));
  line (p, ic->mtu_loc, "mtu %u", ic->mtu);
  if (ic->account != NULL)
    {
      g_autofree char *a = lm_sc_quote (ic->account);
      line (p, ic->account_loc, "account %s", a);
    }
  if (ic->tags->len > 0)
    {
      GString *s = g_string_new ("tags");
      for (guint i = 0; i < ic->tags->len; i++)
        {
          const LmScTag *t = ic->tags->pdata[i];
          g_autofree char *k = lm_sc_quote (t->key);
          g_autofree char *v = lm_sc_quote (t->value);
          g_string_append_printf (s, " %s=%s", k, v);
        }
      line (p, ((LmScTag *) ic->tags->pdata[0])->loc, "%s", s->str);
      g_string_free (s, TRUE);
    }
  lm_sc_print_ic_provisioning (p->out, ic);
  g_string_append (p->out, "}\n");
}

static void
print_bgp (Printer *p, const LmScBgp *b)
{
  g_autofree char *hold = t2s (b->hold), *ka = t2s (b->keepalive);
  g_autofree char *cr = t2s (b->connect_retry), *ai = t2s (b->advertisement_interval);
  g_autofree char *bfd = t2s (b->bfd_interval), *gr = t2s (b->graceful_restart_time);
  g_string_append (p->out, "\nbgp {\n");
  line (p, b->hold_loc, "hold %s", hold);
  line (p, b->keepalive_loc, "keepalive %s", ka);
  line (p, b->connect_retry_loc, "connect-retry %s", cr);
  line (p, b->advertisement_interval_loc, "advertisement-interval %s", ai);
  if (b->bfd)
    line (p, b->bfd_loc, "bfd %s x %u", bfd, b->bfd_multiplier);
  else
    line (p, b->bfd_loc, "bfd off");
  line (p, b->graceful_restart_loc, "graceful-restart %s", b->graceful_restart ? gr : "off");
  line (p, b->asn_loc, "asn %u", b->asn);
  g_string_append (p->out, "}\n");
}

static void
print_macsec (Printer *p, const LmScMacsec *m)
{
  g_autofree char *hello = t2s (m->mka_hello), *life = t2s (m->mka_life);
  g_autofree char *rekey = t2s (m->rekey_interval);
  g_string_append (p->out, "\nmacsec {\n");
  line (p, m->mode_loc, "mode %s", lm_sc_macsec_mode_name (m->mode));
  line (p, m->cipher_loc, "cipher %s", lm_sc_cipher_name (m->cipher));
  line (p, m->mka_hello_loc, "mka-hello %s", hello);
  line (p, m->mka_life_loc, "mka-life %s", life);
  line (p, m->rekey_loc, "rekey %s", m->rekey_on_pn_rollover ? "pn-rollover" : rekey);
  g_string_append (p->out, "}\n");
}

static void
print_traffic (Printer *p, const LmScTraffic *t)
{
  g_autofree char *rate = lm_sc_rate_string (t->rate_bps);
  g_autofree char *size = lm_sc_size_string (t->packet_bytes);
  g_string_append_printf (p->out, "\ntraffic %s {\n", t->interconnect);
  line (p, t->rate_loc, "rate %s", rate);
  line (p, t->flows_loc, "flows %" G_GUINT64_FORMAT, t->flows);
  line (p, t->packet_loc, "packet %s", size);
  line (p, t->direction_loc, "direction %s", lm_sc_direction_name (t->direction));
  g_string_append (p->out, "}\n");
}

/* "mtbf T" / "ttf DIST" and "mttr T" / "mttr DIST" (transfer full). */
static char *
laws (const LmScDist *ttf, const LmScDist *ttr)
{
  g_autofree char *f = ttf->kind == LM_SC_DIST_EXP ? t2s (ttf->a) : lm_sc_dist_string (ttf);
  g_autofree char *r = ttr->kind == LM_SC_DIST_EXP ? t2s (ttr->a) : lm_sc_dist_string (ttr);
  return g_strdup_printf ("%s %s mttr %s", ttf->kind == LM_SC_DIST_EXP ? "mtbf" : "ttf", f, r);
}

static void
print_failure_model (Printer *p, const LmScenario *sc)
{
  if (sc->failure_classes->len > 0 || sc->failure_clocks != LM_SC_CLOCKS_INDEPENDENT)
    {
      g_string_append (p->out, "\nfailures {\n");
      if (sc->failure_clocks != LM_SC_CLOCKS_INDEPENDENT)
        g_string_append_printf (p->out, "    clocks %s\n", lm_sc_clocks_name (sc->failure_clocks));
      for (guint i = 0; i < sc->failure_classes->len; i++)
        {
          const LmScFailureClass *fc = sc->failure_classes->pdata[i];
          g_autofree char *l = laws (&fc->ttf, &fc->ttr);
          g_string_append_printf (p->out, "    %s %s", lm_sc_class_name (fc->klass), l);
          if (fc->mode != LM_SC_MODE_NONE)
            g_string_append_printf (p->out, " mode %s", lm_sc_mode_name (fc->mode));
          g_string_append_c (p->out, '\n');
        }
      g_string_append (p->out, "}\n");
    }
  for (guint i = 0; i < sc->groups->len; i++)
    {
      const LmScGroup *g = sc->groups->pdata[i];
      g_string_append_printf (p->out, "\ngroup %s {\n    members", g->name);
      for (guint j = 0; j < g->members->len; j++)
        g_string_append_printf (p->out, " %s", ((LmScNameRef *) g->members->pdata[j])->name);
      g_autofree char *l = laws (&g->ttf, &g->ttr);
      g_string_append_printf (p->out, "\n    %s\n}\n", l);
    }
}

static void
append_target (GString *s, const LmScAction *a)
{
  if (a->klass != LM_SC_CLASS_NONE)
    g_string_append_printf (s, " %s", lm_sc_class_name (a->klass));
  g_string_append_printf (s, " %s", a->target);
  if (a->mode != LM_SC_MODE_NONE && a->verb != LM_SC_VERB_MAINTAIN)
    g_string_append_printf (s, " %s", lm_sc_mode_name (a->mode));
}

static void
append_action_args (GString *s, const LmScAction *a)
{
  g_autofree char *len = t2s (a->length);
  switch (a->verb)
    {
    case LM_SC_VERB_PROVISION:
      g_string_append_printf (s, " %s via %s", a->target, lm_sc_via_name (a->via));
      break;
    case LM_SC_VERB_ACCEPT:
    case LM_SC_VERB_ACTIVATE:
      g_string_append_printf (s, " %s", a->target);
      if (a->key != NULL)
        {
          g_autofree char *k = lm_sc_quote (a->key);
          g_string_append_printf (s, " key %s", k);
        }
      break;
    case LM_SC_VERB_UPDATE:
      {
        g_autofree char *bw = lm_sc_rate_string (a->bandwidth_bps);
        g_string_append_printf (s, " %s bandwidth %s", a->target, bw);
        break;
      }
    case LM_SC_VERB_DELETE:
      g_string_append_printf (s, " %s", a->target);
      break;
    case LM_SC_VERB_FLAP:
      {
        g_autofree char *every = t2s (a->every);
        append_target (s, a);
        g_string_append_printf (s, " every %s for %s", every, len);
        break;
      }
    case LM_SC_VERB_DEGRADE:
      {
        g_autofree char *pc = lm_sc_double_string (a->loss_percent);
        append_target (s, a);
        g_string_append_printf (s, " loss %s%%", pc);
        if (a->has_length)
          g_string_append_printf (s, " for %s", len);
        break;
      }
    case LM_SC_VERB_MAINTAIN:
      append_target (s, a);
      g_string_append_printf (s, " for %s", len);
      break;
    case LM_SC_VERB_MACSEC:
      append_target (s, a);
      g_string_append_printf (s, " %s", lm_sc_macsec_op_name (a->macsec_op));
      break;
    default:
      append_target (s, a);
    }
  if (a->as_name != NULL)
    g_string_append_printf (s, " as %s", a->as_name);
}

static void
print_actions (Printer *p, const LmScenario *sc)
{
  if (sc->actions->len > 0)
    g_string_append_c (p->out, '\n');
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = sc->actions->pdata[i];
      g_autofree char *at = t2s (a->at);
      GString *s = g_string_new (NULL);
      g_string_append_printf (s, "at %s %s", at, lm_sc_verb_name (a->verb));
      append_action_args (s, a);
      g_string_append_printf (p->out, "%s\n", s->str);
      g_string_free (s, TRUE);
    }
}

static void
print_expectation (Printer *p, const LmScExpectation *e)
{
  GString *s = g_string_new ("expect");
  if (e->interconnect != NULL)
    g_string_append_printf (s, " %s", e->interconnect);
  g_string_append_printf (s, " %s", lm_sc_expect_name (e->kind));
  g_autofree char *tv = t2s (e->time_value);
  g_autofree char *pc = lm_sc_double_string (e->percent);
  switch (e->kind)
    {
    case LM_SC_EXPECT_CONVERGENCE:
      if (e->failure_id != NULL)
        g_string_append_printf (s, " of %s", e->failure_id);
      g_string_append_printf (s, " <= %s", tv);
      break;
    case LM_SC_EXPECT_LATENCY:
      g_string_append_printf (s, " p%u <= %s", e->percentile, tv);
      break;
    case LM_SC_EXPECT_STATE:
      {
        g_autofree char *at = t2s (e->state_at);
        g_string_append_printf (s, " at %s == %s", at, lm_sc_ic_state_name (e->state));
        break;
      }
    case LM_SC_EXPECT_AVAILABLE_WITHIN:
      g_string_append_printf (s, " within %s", tv);
      break;
    default:
      g_string_append_printf (s, " %s %s%%", lm_sc_compare_name (e->op), pc);
    }
  g_string_append_printf (p->out, "%s\n", s->str);
  g_string_free (s, TRUE);
}

char *
lm_scenario_print (const LmScenario *sc)
{
  g_return_val_if_fail (sc != NULL, NULL);
  Printer p = { g_string_new (NULL) };
  print_header (&p, sc);
  print_tables (&p, sc);
  g_autoptr (GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sc->interconnects->len; i++)
    print_interconnect (&p, sc, sc->interconnects->pdata[i], done);
  lm_sc_print_provisioning (p.out, sc);
  print_bgp (&p, &sc->bgp);
  print_macsec (&p, &sc->macsec);
  for (guint i = 0; i < sc->traffic->len; i++)
    print_traffic (&p, sc->traffic->pdata[i]);
  print_failure_model (&p, sc);
  lm_sc_print_rare (p.out, &sc->rare);
  print_actions (&p, sc);
  if (sc->expectations->len > 0)
    g_string_append_c (p.out, '\n');
  for (guint i = 0; i < sc->expectations->len; i++)
    print_expectation (&p, sc->expectations->pdata[i]);
  return g_string_free (p.out, FALSE);
}
