/* tests/sim/test-scenario.c — good scenarios parse to the tree a world
 * builder needs: DESIGN §6's example, the defaults of DESIGN §1, every
 * statement of the language, names and wildcards, failure ids, the
 * timeline, merging, overrides, units and live actions. */
#include <string.h>
#include <glib/gstdio.h>
#include "tests/lm-test.h"
#include "sim/scenario.h"

#define IC1 "interconnect ic1 {\n    partner lumen\n    metro new-york\n" \
            "    bandwidth 10Gbps\n    gateway g1 attach transit-gateway\n}\n"

static LmScenario *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_parse_string (text, "test.sc", NULL, &error);
  if (sc == NULL)
    g_printerr ("\nunexpected error:\n%s\n", error->message);
  return sc;
}

static LmScenario *
parse_set (const char *text, const char *const *args)
{
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  for (gsize i = 0; args[i] != NULL; i++)
    g_assert (lm_scenario_overrides_add (set, args[i], NULL));
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_parse_string (text, "test.sc", set, &error);
  if (sc == NULL)
    g_printerr ("\nunexpected error:\n%s\n", error->message);
  return sc;
}

static const LmScInterconnect *
ic (const LmScenario *sc, guint i)
{
  return sc->interconnects->pdata[i];
}

static const LmScAction *
action (const LmScenario *sc, guint i)
{
  return sc->actions->pdata[i];
}

static const LmScFailure *
failure (const LmScenario *sc, guint i)
{
  return sc->failures->pdata[i];
}

static const LmScExpectation *
expectation (const LmScenario *sc, guint i)
{
  return sc->expectations->pdata[i];
}

/* ------------------------------------------------------------------ DESIGN §6 */

static void
test_site_failure_example (void)
{
  g_autofree char *path = lm_test_srcpath ("scenarios/site-failure.sc");
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_load (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_STRING_EQUAL (sc->name, "site-failure");
  CU_ASSERT_EQUAL (sc->seed, 42);
  CU_ASSERT_EQUAL (sc->duration, LM_H (2));
  CU_ASSERT_EQUAL (sc->replications, 1);
  CU_ASSERT_EQUAL (sc->files->len, 2);   /* the file and common/defaults.sc */
  CU_ASSERT_EQUAL_FATAL (sc->interconnects->len, 1);
  const LmScInterconnect *i = ic (sc, 0);
  CU_ASSERT_STRING_EQUAL (i->name, "ic1");
  CU_ASSERT_STRING_EQUAL (i->partner, "lumen");
  CU_ASSERT_STRING_EQUAL (i->metro, "new-york");
  CU_ASSERT_STRING_EQUAL (i->metro_info->region, "us-east-1");
  CU_ASSERT_EQUAL (i->bandwidth_bps, G_GUINT64_CONSTANT (10000000000));
  CU_ASSERT_STRING_EQUAL (i->gateway, "dxgw-main");
  CU_ASSERT_EQUAL (i->gateway_info->attach, LM_SC_ATTACH_TRANSIT_GATEWAY);
  CU_ASSERT_EQUAL (i->gateway_info->tgw_asn, 64513);
  CU_ASSERT_EQUAL (i->families, LM_SC_FAMILY_IPV4 | LM_SC_FAMILY_IPV6);
  CU_ASSERT_EQUAL (i->sites, 2);
  CU_ASSERT_EQUAL (i->pairs_per_site, 2);
  CU_ASSERT_EQUAL (sc->bgp.hold, LM_S (90));
  CU_ASSERT_EQUAL (sc->bgp.keepalive, LM_S (30));
  CU_ASSERT (sc->bgp.bfd);
  CU_ASSERT_EQUAL (sc->bgp.bfd_interval, LM_MS (300));
  CU_ASSERT_EQUAL (sc->bgp.bfd_multiplier, 3);
  CU_ASSERT_EQUAL (sc->macsec.mode, LM_SC_MACSEC_MUST_ENCRYPT);
  CU_ASSERT_EQUAL (sc->macsec.mka_hello, LM_S (2));
  CU_ASSERT_EQUAL (sc->macsec.mka_life, LM_S (6));
  const LmScTraffic *t = lm_scenario_find_traffic (sc, "ic1");
  CU_ASSERT_PTR_NOT_NULL_FATAL (t);
  CU_ASSERT_EQUAL (t->rate_bps, G_GUINT64_CONSTANT (6000000000));
  CU_ASSERT_EQUAL (t->flows, 4096);
  CU_ASSERT_EQUAL (t->packet_bytes, 1500);

  CU_ASSERT_EQUAL_FATAL (sc->actions->len, 2);
  CU_ASSERT_EQUAL (action (sc, 0)->verb, LM_SC_VERB_FAIL);
  CU_ASSERT_EQUAL (action (sc, 0)->at, LM_MIN (30));
  CU_ASSERT_EQUAL (action (sc, 0)->klass, LM_SC_CLASS_SITE);
  CU_ASSERT_STRING_EQUAL (action (sc, 0)->text, "fail site ic1.A");
  CU_ASSERT_EQUAL (action (sc, 0)->loc.line, 18);
  CU_ASSERT_EQUAL (action (sc, 0)->loc.col, 1);
  CU_ASSERT (g_str_has_suffix (action (sc, 0)->loc.file, "scenarios/site-failure.sc"));
  CU_ASSERT_EQUAL (action (sc, 1)->verb, LM_SC_VERB_REPAIR);
  CU_ASSERT_EQUAL_FATAL (sc->failures->len, 1);
  const LmScFailure *f = failure (sc, 0);
  CU_ASSERT_STRING_EQUAL (f->id, "f1");
  CU_ASSERT_STRING_EQUAL (f->target->name, "ic1.A");
  CU_ASSERT_EQUAL (f->target->klass, LM_SC_CLASS_SITE);
  CU_ASSERT_EQUAL (f->mode, LM_SC_MODE_CRASH);
  CU_ASSERT_EQUAL (f->at, LM_MIN (30));
  CU_ASSERT_EQUAL (f->until, LM_MIN (60));
  CU_ASSERT_PTR_EQUAL (f->repair, action (sc, 1));
  CU_ASSERT_PTR_EQUAL (g_ptr_array_index (action (sc, 1)->failures, 0), f);

  CU_ASSERT_EQUAL_FATAL (sc->expectations->len, 4);
  CU_ASSERT_EQUAL (expectation (sc, 0)->kind, LM_SC_EXPECT_CONVERGENCE);
  CU_ASSERT_EQUAL (expectation (sc, 0)->time_value, LM_S (1));
  CU_ASSERT_STRING_EQUAL (expectation (sc, 0)->text, "ic1 convergence <= 1s");
  CU_ASSERT_EQUAL (expectation (sc, 0)->loc.line, 21);
  CU_ASSERT_EQUAL (expectation (sc, 1)->kind, LM_SC_EXPECT_AVAILABILITY);
  CU_ASSERT_DOUBLE_EQUAL (expectation (sc, 1)->percent, 99.99, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (expectation (sc, 1)->fraction, 0.9999, 1e-12);
  CU_ASSERT_EQUAL (expectation (sc, 2)->kind, LM_SC_EXPECT_LOSS);
  CU_ASSERT_DOUBLE_EQUAL (expectation (sc, 2)->fraction, 0.001, 1e-15);
  CU_ASSERT_EQUAL (expectation (sc, 3)->kind, LM_SC_EXPECT_STATE);
  CU_ASSERT_EQUAL (expectation (sc, 3)->state_at, LM_MIN (90));
  CU_ASSERT_EQUAL (expectation (sc, 3)->state, LM_SC_IC_AVAILABLE);
  CU_ASSERT_EQUAL (GPOINTER_TO_UINT (g_ptr_array_index (expectation (sc, 3)->interconnects, 0)),
                   0);
}

/* ------------------------------------------------------------------ defaults */

static void
test_defaults_of_design_1 (void)
{
  g_autoptr (LmScenario) sc = parse_ok ("duration 1h\n" IC1);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_STRING_EQUAL (sc->name, "test");
  CU_ASSERT_EQUAL (sc->seed, 1);
  CU_ASSERT_FALSE (LM_SC_IS_SET (sc->seed_loc));
  const LmScBgp *b = &sc->bgp;
  CU_ASSERT_EQUAL (b->hold, LM_S (90));
  CU_ASSERT_EQUAL (b->keepalive, LM_S (30));
  CU_ASSERT_EQUAL (b->connect_retry, LM_S (120));
  CU_ASSERT_EQUAL (b->advertisement_interval, LM_S (30));
  CU_ASSERT (b->bfd);
  CU_ASSERT_EQUAL (b->bfd_interval, LM_MS (300));
  CU_ASSERT_EQUAL (b->bfd_multiplier, 3);
  CU_ASSERT_FALSE (b->graceful_restart);
  CU_ASSERT_EQUAL (b->graceful_restart_time, LM_S (120));
  CU_ASSERT_EQUAL (b->asn, 64512);
  CU_ASSERT_FALSE (LM_SC_IS_SET (b->hold_loc) || LM_SC_IS_SET (b->bfd_loc)
                   || LM_SC_IS_SET (b->asn_loc));
  const LmScMacsec *m = &sc->macsec;
  CU_ASSERT_EQUAL (m->mode, LM_SC_MACSEC_MUST_ENCRYPT);
  CU_ASSERT_EQUAL (m->cipher, LM_SC_CIPHER_GCM_AES_XPN_256);
  CU_ASSERT_EQUAL (m->mka_hello, LM_S (2));
  CU_ASSERT_EQUAL (m->mka_life, LM_S (6));
  CU_ASSERT (m->rekey_on_pn_rollover);
  const LmScInterconnect *i = ic (sc, 0);
  CU_ASSERT_EQUAL (i->mtu, 8500);
  CU_ASSERT_EQUAL (i->families, LM_SC_FAMILY_IPV4);
  CU_ASSERT_EQUAL (i->sites, 2);
  CU_ASSERT_EQUAL (i->pairs_per_site, 2);
  CU_ASSERT_EQUAL (i->first_mile, LM_SC_FIRST_MILE_ETHERNET);
  CU_ASSERT_EQUAL (i->port_speed_bps, 0);     /* = the bandwidth */
  CU_ASSERT_FALSE (LM_SC_IS_SET (i->families_loc));
  CU_ASSERT_EQUAL (i->gateway_info->tgw_asn, 64513);
  CU_ASSERT_EQUAL (sc->actions->len, 0);
  CU_ASSERT_EQUAL (sc->traffic->len, 0);
  CU_ASSERT_EQUAL (sc->failure_classes->len, 0);
  /* the built-in tables */
  const LmScPartner *lumen = lm_scenario_find_partner (sc, "lumen");
  CU_ASSERT_PTR_NOT_NULL_FATAL (lumen);
  CU_ASSERT (lumen->builtin);
  CU_ASSERT_STRING_EQUAL (lm_scenario_find_metro (sc, "chicago")->region, "us-east-2");
  CU_ASSERT_STRING_EQUAL (lm_scenario_find_metro (sc, "seattle")->region, "us-west-2");
  CU_ASSERT_DOUBLE_EQUAL (lm_scenario_find_metro (sc, "new-york")->distance_km, 350.0, 1e-9);
}

/* ------------------------------------------------------------------ every statement */

/* tests/sim/scenarios/every-statement.sc: every statement of the language. */
static LmScenario *
load_every_statement (void)
{
  g_autofree char *path = lm_test_srcpath ("tests/sim/scenarios/every-statement.sc");
  g_autoptr (GError) error = NULL;
  LmScenario *sc = lm_scenario_load (path, NULL, &error);
  if (sc == NULL)
    g_printerr ("\nunexpected error:\n%s\n", error->message);
  return sc;
}

static void
test_every_statement_settings (void)
{
  g_autoptr (LmScenario) sc = load_every_statement ();
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_STRING_EQUAL (sc->name, "all \"of\" it");
  CU_ASSERT_EQUAL (sc->seed, G_MAXUINT64);
  CU_ASSERT_EQUAL (sc->duration, LM_D (1));
  CU_ASSERT_EQUAL (sc->replications, 1000);
  CU_ASSERT_EQUAL_FATAL (sc->interconnects->len, 3);
  const LmScInterconnect *a = ic (sc, 0), *b = ic (sc, 1), *c = ic (sc, 2);
  CU_ASSERT_EQUAL (a->first_mile, LM_SC_FIRST_MILE_MPLS);
  CU_ASSERT_EQUAL (a->mtu, 9001);
  CU_ASSERT_STRING_EQUAL (a->account, "ops@example.com");
  CU_ASSERT_EQUAL_FATAL (a->tags->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScTag *) a->tags->pdata[0])->key, "env");
  CU_ASSERT_STRING_EQUAL (((LmScTag *) a->tags->pdata[0])->value, "staging");
  CU_ASSERT_STRING_EQUAL (((LmScTag *) a->tags->pdata[1])->key, "cost center");
  CU_ASSERT_STRING_EQUAL (((LmScTag *) a->tags->pdata[1])->value, "42 a");
  CU_ASSERT_EQUAL (a->port_speed_bps, G_GUINT64_CONSTANT (100000000000));
  CU_ASSERT_EQUAL (a->gateway_info->tgw_asn, 65001);
  CU_ASSERT_PTR_EQUAL (c->gateway_info, a->gateway_info);   /* shared gateway */
  CU_ASSERT_EQUAL (b->gateway_info->attach, LM_SC_ATTACH_CLOUD_WAN);
  CU_ASSERT_EQUAL (b->bandwidth_bps, G_GUINT64_CONSTANT (5000000000));
  CU_ASSERT_EQUAL (b->sites, 3);
  CU_ASSERT_EQUAL (b->pairs_per_site, 1);
  CU_ASSERT_STRING_EQUAL (b->metro_info->region, "eu-west-2");
  CU_ASSERT_DOUBLE_EQUAL (lm_scenario_find_metro (sc, "frankfurt")->distance_km, 20.5, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL (a->metro_info->distance_km, 400.0, 1e-12);  /* built-in, extended */
  CU_ASSERT_STRING_EQUAL (c->metro, "denver");
  const LmScBgp *bg = &sc->bgp;
  CU_ASSERT_EQUAL (bg->hold, LM_S (9));
  CU_ASSERT_EQUAL (bg->keepalive, LM_S (3));
  CU_ASSERT_EQUAL (bg->connect_retry, LM_S (5));
  CU_ASSERT_EQUAL (bg->advertisement_interval, 0);
  CU_ASSERT_FALSE (bg->bfd);
  CU_ASSERT (bg->graceful_restart);
  CU_ASSERT_EQUAL (bg->asn, G_GUINT64_CONSTANT (4200000001));
  CU_ASSERT_EQUAL (sc->macsec.mode, LM_SC_MACSEC_SHOULD_ENCRYPT);
  CU_ASSERT_FALSE (sc->macsec.rekey_on_pn_rollover);
  CU_ASSERT_EQUAL (sc->macsec.rekey_interval, LM_H (1));
  const LmScTraffic *t2 = lm_scenario_find_traffic (sc, "ic2");
  CU_ASSERT_EQUAL (t2->rate_bps, G_GUINT64_CONSTANT (2500000000));
  CU_ASSERT_EQUAL (t2->packet_bytes, 1000);
  CU_ASSERT_EQUAL (t2->flows, 1024);
  CU_ASSERT_EQUAL (t2->direction, LM_SC_DIRECTION_FROM_CLOUD);
  CU_ASSERT_EQUAL (lm_scenario_find_traffic (sc, "ic1")->direction, LM_SC_DIRECTION_TO_CLOUD);
}

static void
test_every_statement_failure_model (void)
{
  g_autoptr (LmScenario) sc = load_every_statement ();
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL_FATAL (sc->failure_classes->len, 4);
  const LmScFailureClass *r = lm_scenario_find_failure_class (sc, LM_SC_CLASS_ROUTER);
  CU_ASSERT_EQUAL (r->ttf.kind, LM_SC_DIST_EXP);
  CU_ASSERT_EQUAL (r->ttf.a, LM_Y (5));
  CU_ASSERT_EQUAL (r->ttr.kind, LM_SC_DIST_EXP);
  CU_ASSERT_EQUAL (r->ttr.a, LM_H (4));
  CU_ASSERT_EQUAL (r->mode, LM_SC_MODE_CRASH);
  const LmScFailureClass *l = lm_scenario_find_failure_class (sc, LM_SC_CLASS_LINK);
  CU_ASSERT_EQUAL (l->ttf.kind, LM_SC_DIST_WEIBULL);
  CU_ASSERT_DOUBLE_EQUAL (l->ttf.shape, 1.5, 0);
  CU_ASSERT_EQUAL (l->ttf.a, LM_Y (10));
  CU_ASSERT_EQUAL (l->ttr.kind, LM_SC_DIST_LOGNORMAL);
  CU_ASSERT_EQUAL (l->ttr.b, LM_H (2));
  CU_ASSERT_EQUAL (l->mode, LM_SC_MODE_CARRIER);
  const LmScFailureClass *pf = lm_scenario_find_failure_class (sc, LM_SC_CLASS_PARTNER_FABRIC);
  CU_ASSERT_EQUAL (pf->ttr.kind, LM_SC_DIST_UNIFORM);
  CU_ASSERT_EQUAL (pf->ttr.a, LM_H (1));
  CU_ASSERT_EQUAL (pf->ttr.b, LM_H (3));
  CU_ASSERT_EQUAL (lm_scenario_find_failure_class (sc, LM_SC_CLASS_GATEWAY)->ttr.kind, LM_SC_DIST_FIXED);
  CU_ASSERT_EQUAL_FATAL (sc->groups->len, 2);
  const LmScGroup *g = sc->groups->pdata[0];
  CU_ASSERT_STRING_EQUAL (g->name, "metro-event");
  CU_ASSERT_EQUAL_FATAL (g->targets->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) g->targets->pdata[1])->name, "ic1.B");
  const LmScGroup *g2 = sc->groups->pdata[1];
  CU_ASSERT_EQUAL_FATAL (g2->targets->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) g2->targets->pdata[0])->name, "ic1.A.rp1");
  CU_ASSERT_EQUAL (((LmScTarget *) g2->targets->pdata[0])->klass, LM_SC_CLASS_ROUTER_PAIR);
}

static const LmScAction *
find_action (const LmScenario *sc, const char *text)
{
  for (guint i = 0; i < sc->actions->len; i++)
    if (strcmp (action (sc, i)->text, text) == 0)
      return action (sc, i);
  g_printerr ("\nno action '%s'\n", text);
  return NULL;
}

static void
test_every_statement_actions (void)
{
  g_autoptr (LmScenario) sc = load_every_statement ();
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const LmScAction *a = find_action (sc, "provision ic1 via console");
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  CU_ASSERT_EQUAL (a->via, LM_SC_VIA_CONSOLE);
  CU_ASSERT_EQUAL (find_action (sc, "provision ic2 via partner")->via, LM_SC_VIA_PARTNER);
  a = find_action (sc, "accept ic1 key \"WRONG-KEY\"");
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  CU_ASSERT_STRING_EQUAL (a->key, "WRONG-KEY");
  CU_ASSERT_EQUAL (a->at, LM_MIN (5));
  CU_ASSERT (a->relative);
  CU_ASSERT_EQUAL (find_action (sc, "activate ic1")->at, LM_MIN (6));
  a = find_action (sc, "update ic1 bandwidth 25Gbps");
  CU_ASSERT_EQUAL (a->bandwidth_bps, G_GUINT64_CONSTANT (25000000000));
  a = find_action (sc, "fail ic1.*.rp1.link carrier");
  CU_ASSERT_EQUAL_FATAL (a->targets->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[0])->name, "ic1.A.rp1.link");
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[1])->name, "ic1.B.rp1.link");
  CU_ASSERT_EQUAL (((LmScTarget *) a->targets->pdata[1])->site, 1);
  a = find_action (sc, "fail bgp ic1.A.rp2.bgp.ipv6 reset");
  CU_ASSERT_EQUAL (((LmScTarget *) a->targets->pdata[0])->families, LM_SC_FAMILY_IPV6);
  CU_ASSERT_EQUAL (((LmScTarget *) a->targets->pdata[0])->pair, 1);
  a = find_action (sc, "fail ic1.B.rp2.cloud");
  CU_ASSERT_EQUAL (((LmScTarget *) a->targets->pdata[0])->klass, LM_SC_CLASS_ROUTER);
  CU_ASSERT_EQUAL (((LmScTarget *) a->targets->pdata[0])->router, LM_SC_ROUTER_CLOUD);
  a = find_action (sc, "degrade ic1.A.rp2.link loss 0.5% for 10m");
  CU_ASSERT_DOUBLE_EQUAL (a->loss_fraction, 0.005, 1e-15);
  CU_ASSERT (a->has_length);
  CU_ASSERT_EQUAL (a->length, LM_MIN (10));
  CU_ASSERT_FALSE (find_action (sc, "degrade first-mile ic1.first-mile loss 2%")->has_length);
  a = find_action (sc, "macsec link ic1.*.*.link cak-mismatch");
  CU_ASSERT_EQUAL (a->macsec_op, LM_SC_MACSEC_OP_CAK_MISMATCH);
  CU_ASSERT_EQUAL (a->targets->len, 4);
  a = find_action (sc, "macsec ic1.A.rp1.link cak-rotate");
  CU_ASSERT_EQUAL (a->at, LM_H (6) + LM_MIN (1));
  CU_ASSERT_EQUAL (find_action (sc, "delete ic3")->verb, LM_SC_VERB_DELETE);
  /* sorted by (time, file order) */
  for (guint i = 1; i < sc->actions->len; i++)
    CU_ASSERT (action (sc, i - 1)->at < action (sc, i)->at
               || (action (sc, i - 1)->at == action (sc, i)->at
                   && action (sc, i - 1)->seq < action (sc, i)->seq));
  CU_ASSERT_STRING_EQUAL (action (sc, 1)->text, "provision ic2 via partner");
}

static void
test_every_statement_failures (void)
{
  g_autoptr (LmScenario) sc = load_every_statement ();
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  /* 2h: drain-a, f1 cloud, f2 f3 links, f4 bgp, f5 fabric, f6 first mile,
   * f7 gateway; 4h: flap periods f8 f9; 6h: window */
  static const char *const ids[] = {
    "drain-a", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "window",
  };
  CU_ASSERT_EQUAL_FATAL (sc->failures->len, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    CU_ASSERT_STRING_EQUAL (failure (sc, i)->id, ids[i]);
  const LmScFailure *drain = lm_scenario_find_failure (sc, "drain-a");
  CU_ASSERT (drain->named);
  CU_ASSERT_EQUAL (drain->mode, LM_SC_MODE_GRACEFUL);
  CU_ASSERT_EQUAL (drain->until, LM_H (3));
  CU_ASSERT_EQUAL (lm_scenario_find_failure (sc, "f1")->mode, LM_SC_MODE_CRASH);
  CU_ASSERT_EQUAL (lm_scenario_find_failure (sc, "f2")->until, LM_H (3));
  CU_ASSERT_STRING_EQUAL (lm_scenario_find_failure (sc, "f3")->target->name, "ic1.B.rp1.link");
  CU_ASSERT_EQUAL (lm_scenario_find_failure (sc, "f5")->mode, LM_SC_MODE_CARRIER);  /* default */
  CU_ASSERT_EQUAL (lm_scenario_find_failure (sc, "f6")->mode, LM_SC_MODE_SILENT);
  CU_ASSERT_EQUAL (lm_scenario_find_failure (sc, "f7")->until, LM_SC_FAILURE_OPEN);
  /* flap every 10s for 35s: down [0,10) and [20,30) */
  const LmScFailure *p0 = lm_scenario_find_failure (sc, "f8");
  const LmScFailure *p1 = lm_scenario_find_failure (sc, "f9");
  CU_ASSERT_EQUAL (p0->at, LM_H (4));
  CU_ASSERT_EQUAL (p0->until, LM_H (4) + LM_S (10));
  CU_ASSERT_EQUAL (p1->at, LM_H (4) + LM_S (20));
  CU_ASSERT_EQUAL (p1->until, LM_H (4) + LM_S (30));
  CU_ASSERT_EQUAL (p1->period, 1);
  const LmScFailure *w = lm_scenario_find_failure (sc, "window");
  CU_ASSERT_EQUAL (w->mode, LM_SC_MODE_GRACEFUL);
  CU_ASSERT_EQUAL (w->until, LM_H (8));
  CU_ASSERT_STRING_EQUAL (w->target->name, "ic2.C.rp1");
  /* expectations */
  CU_ASSERT_PTR_EQUAL (expectation (sc, 1)->failure, drain);
  CU_ASSERT_EQUAL (GPOINTER_TO_UINT (g_ptr_array_index (expectation (sc, 1)->interconnects, 0)),
                   0);
  CU_ASSERT_EQUAL (expectation (sc, 6)->interconnects->len, 3);     /* '*' */
  CU_ASSERT_EQUAL (expectation (sc, 10)->percentile, 99);
  CU_ASSERT_EQUAL (expectation (sc, 12)->state, LM_SC_IC_DELETED);
  CU_ASSERT_EQUAL (expectation (sc, 13)->kind, LM_SC_EXPECT_AVAILABLE_WITHIN);
  CU_ASSERT_EQUAL (expectation (sc, 13)->time_value, LM_MIN (15));
}

/* ------------------------------------------------------------------ names */

static void
test_wildcards_sorted_by_value (void)
{
  g_autoptr (LmScenario) sc = parse_ok (
    "duration 1h\n"
    "interconnect ic10 { partner lumen metro chicago bandwidth 1Gbps gateway g sites 1 }\n"
    "interconnect ic2 { partner lumen metro chicago bandwidth 1Gbps gateway g pairs-per-site 11 }\n"
    "at 1m fail ic2.A.*\n"
    "at 2m fail *.A.rp1\n"
    "at 3m fail ic2.*\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  const LmScAction *a = action (sc, 0);
  CU_ASSERT_EQUAL_FATAL (a->targets->len, 11);
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[1])->name, "ic2.A.rp2");
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[10])->name, "ic2.A.rp11");
  a = action (sc, 1);
  CU_ASSERT_EQUAL_FATAL (a->targets->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[0])->name, "ic2.A.rp1");
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[1])->name, "ic10.A.rp1");
  a = action (sc, 2);
  static const char *const names[] = { "ic2.A", "ic2.B", "ic2.fabric", "ic2.first-mile",
                                       "ic2.gateway" };
  CU_ASSERT_EQUAL_FATAL (a->targets->len, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    CU_ASSERT_STRING_EQUAL (((LmScTarget *) a->targets->pdata[i])->name, names[i]);
  /* ids follow (time, file, target) */
  CU_ASSERT_STRING_EQUAL (lm_scenario_find_failure (sc, "f12")->target->name, "ic2.A.rp1");
  CU_ASSERT_STRING_EQUAL (lm_scenario_find_failure (sc, "f13")->target->name, "ic10.A.rp1");
}

static void
test_class_keyword_filters_wildcards (void)
{
  g_autoptr (LmScenario) sc = parse_ok ("duration 1h\n" IC1
                                        "at 1m fail site ic1.*\n"
                                        "at 2m degrade link ic1.*.*.* loss 1%\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (action (sc, 0)->targets->len, 2);
  CU_ASSERT_EQUAL (action (sc, 1)->targets->len, 4);
  CU_ASSERT_STRING_EQUAL (((LmScTarget *) action (sc, 1)->targets->pdata[3])->name,
                          "ic1.B.rp2.link");
}

/* ------------------------------------------------------------------ the timeline */

static void
test_repair_closes_what_is_open (void)
{
  g_autoptr (LmScenario) sc = parse_ok ("duration 1h\n" IC1
                                        "at 10m fail ic1.A.rp1.link\n"
                                        "at 20m repair ic1.A.rp1.link\n"
                                        "at 30m fail ic1.A.rp1.link silent\n"
                                        "at 30m fail ic1.A.rp1.link carrier\n"
                                        "at 30m repair ic1.A.rp1.link\n"
                                        "at 40m fail ic1.A.rp1.link\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL_FATAL (sc->failures->len, 4);
  CU_ASSERT_EQUAL (failure (sc, 0)->until, LM_MIN (20));
  CU_ASSERT_EQUAL (failure (sc, 1)->until, LM_MIN (30));   /* same time, later line */
  CU_ASSERT_EQUAL (failure (sc, 2)->until, LM_MIN (30));
  CU_ASSERT_EQUAL (failure (sc, 2)->mode, LM_SC_MODE_CARRIER);
  CU_ASSERT_EQUAL (action (sc, 4)->failures->len, 2);
  CU_ASSERT_EQUAL (failure (sc, 3)->until, LM_SC_FAILURE_OPEN);
  CU_ASSERT_PTR_NULL (failure (sc, 3)->repair);
}

static void
test_after_is_relative_to_previous_in_file (void)
{
  g_autoptr (LmScenario) sc = parse_ok ("duration 1h\n" IC1
                                        "at 30m fail ic1.A\n"
                                        "at 10m fail ic1.B\n"
                                        "after 5m repair ic1.B\n"
                                        "at 40m repair ic1.A\n"
                                        "after 1m30s fail ic1.A\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (action (sc, 1)->at, LM_MIN (15));
  CU_ASSERT_EQUAL (action (sc, 1)->after, LM_MIN (5));
  CU_ASSERT_EQUAL (action (sc, 4)->at, LM_MIN (41) + LM_S (30));
  CU_ASSERT_STRING_EQUAL (lm_scenario_find_failure (sc, "f1")->target->name, "ic1.B");
}

/* ------------------------------------------------------------------ merging, includes */

static void
test_blocks_merge_key_by_key (void)
{
  g_autoptr (LmScenario) sc = parse_ok ("duration 1h\n" IC1
                                        "bgp { hold 30s keepalive 10s }\n"
                                        "bgp { hold 60s }\n"
                                        "traffic ic1 { rate 1Gbps flows 10 }\n"
                                        "traffic ic1 { rate 2Gbps }\n"
                                        "failures { link mtbf 1y mttr 1h }\n"
                                        "failures { link mttr 2h }\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (sc->bgp.hold, LM_S (60));
  CU_ASSERT_EQUAL (sc->bgp.keepalive, LM_S (10));
  CU_ASSERT_EQUAL (sc->bgp.hold_loc.line, 9);
  CU_ASSERT_EQUAL (sc->bgp.keepalive_loc.line, 8);
  CU_ASSERT_EQUAL (sc->traffic->len, 1);
  const LmScTraffic *t = lm_scenario_find_traffic (sc, "ic1");
  CU_ASSERT_EQUAL (t->rate_bps, 2000000000);
  CU_ASSERT_EQUAL (t->flows, 10);
  const LmScFailureClass *l = lm_scenario_find_failure_class (sc, LM_SC_CLASS_LINK);
  CU_ASSERT_EQUAL (l->ttf.a, LM_Y (1));
  CU_ASSERT_EQUAL (l->ttr.a, LM_H (2));
}

static void
test_include_then_scenario_wins (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lmsim-merge-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "common", NULL);
  g_mkdir_with_parents (sub, 0700);
  g_autofree char *inc = g_build_filename (sub, "base.sc", NULL);
  g_autofree char *main_sc = g_build_filename (dir, "main.sc", NULL);
  g_file_set_contents (inc, "bgp { hold 30s keepalive 10s }\nseed 5\n", -1, NULL);
  g_file_set_contents (main_sc, "duration 1h\ninclude \"common/base.sc\"\nbgp { hold 45s }\n"
                       IC1, -1, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_load (main_sc, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (sc->bgp.hold, LM_S (45));
  CU_ASSERT_EQUAL (sc->bgp.keepalive, LM_S (10));
  CU_ASSERT_STRING_EQUAL (sc->bgp.keepalive_loc.file, inc);
  CU_ASSERT_EQUAL (sc->seed, 5);
  CU_ASSERT_EQUAL (sc->files->len, 2);
  g_remove (inc);
  g_remove (main_sc);
  g_rmdir (sub);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ overrides */

static void
test_overrides_apply (void)
{
  const char *const args[] = {
    "bgp.bfd=off", "ic1.bandwidth=25Gbps", "seed=7", "sites=1", "traffic.ic1.rate=3Gbps",
    "failures.link.mttr=lognormal(4h, 2h)", "failures.link.mtbf=2y", "macsec.mode=no-encrypt",
    "duration=3h", "replications=10", NULL,
  };
  g_autoptr (LmScenario) sc = parse_set ("duration 1h\nseed 42\n" IC1 "at 10m fail ic1.*\n",
                                         args);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_FALSE (sc->bgp.bfd);
  CU_ASSERT_STRING_EQUAL (sc->bgp.bfd_loc.option, "--set bgp.bfd=off");
  CU_ASSERT_EQUAL (sc->bgp.bfd_loc.line, 0);
  CU_ASSERT_EQUAL (ic (sc, 0)->bandwidth_bps, G_GUINT64_CONSTANT (25000000000));
  CU_ASSERT_EQUAL (sc->seed, 7);
  CU_ASSERT_EQUAL (sc->duration, LM_H (3));
  CU_ASSERT_EQUAL (sc->replications, 10);
  CU_ASSERT_EQUAL (ic (sc, 0)->sites, 1);
  /* sites=1 changes what the wildcard matches: A, fabric, first-mile, gateway */
  CU_ASSERT_EQUAL (action (sc, 0)->targets->len, 4);
  CU_ASSERT_EQUAL (lm_scenario_find_traffic (sc, "ic1")->rate_bps, 3000000000);
  const LmScFailureClass *l = lm_scenario_find_failure_class (sc, LM_SC_CLASS_LINK);
  CU_ASSERT_PTR_NOT_NULL_FATAL (l);
  CU_ASSERT_EQUAL (l->ttr.kind, LM_SC_DIST_LOGNORMAL);
  CU_ASSERT_EQUAL (l->ttf.a, LM_Y (2));
  CU_ASSERT_EQUAL (sc->macsec.mode, LM_SC_MACSEC_NO_ENCRYPT);
}

static void
test_sweep_split (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) v = lm_scenario_sweep_split ("bgp.hold=9s,30s,90s", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (v);
  CU_ASSERT_EQUAL (g_strv_length (v), 3);
  CU_ASSERT_STRING_EQUAL (v[2], "bgp.hold=90s");
  g_auto (GStrv) w = lm_scenario_sweep_split ("failures.link.mttr=lognormal(4h, 2h),exp(1h)",
                                              &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (w);
  CU_ASSERT_EQUAL (g_strv_length (w), 2);
  CU_ASSERT_STRING_EQUAL (w[0], "failures.link.mttr=lognormal(4h, 2h)");
  CU_ASSERT_STRING_EQUAL (w[1], "failures.link.mttr=exp(1h)");
}

/* ------------------------------------------------------------------ units, lexing */

static void
test_units_exact (void)
{
  g_autoptr (LmScenario) sc = parse_ok (
    "duration 1y\n"
    "interconnect ic1 { partner lumen metro chicago bandwidth 100Gbps gateway g }\n"
    "traffic ic1 { rate 0.000001Gbps packet 1500B }\n"
    "at 1d2h3m4.5s fail ic1.A\n"
    "at 1500ms fail ic1.B\n"
    "at 2us fail ic1.fabric\n"
    "expect ic1 loss <= 0.0001%\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_EQUAL (sc->duration, LM_D (365));
  CU_ASSERT_EQUAL (lm_scenario_find_traffic (sc, "ic1")->rate_bps, 1000);
  CU_ASSERT_EQUAL (action (sc, 0)->at, LM_US (2));
  CU_ASSERT_EQUAL (action (sc, 1)->at, LM_MS (1500));
  CU_ASSERT_EQUAL (action (sc, 2)->at, LM_D (1) + LM_H (2) + LM_MIN (3) + LM_MS (4500));
  CU_ASSERT_DOUBLE_EQUAL (expectation (sc, 0)->fraction, 1e-6, 1e-20);
}

static void
test_comments_crlf_tabs_bom (void)
{
  g_autoptr (LmScenario) sc = parse_ok (
    "\xEF\xBB\xBF# a comment\r\n"
    "duration 1h   # trailing comment\r\n"
    "interconnect ic1 {\t# brace comment\r\n"
    "\tpartner lumen\r\n\tmetro new-york\r\n\tbandwidth 10Gbps\r\n\tgateway g\r\n}\r\n"
    "\r\n"
    "scenario \"has # inside\"\r\n"
    "at\t5m\tfail\tic1.A\r\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  CU_ASSERT_STRING_EQUAL (sc->name, "has # inside");
  CU_ASSERT_EQUAL (action (sc, 0)->loc.line, 11);
  CU_ASSERT_STRING_EQUAL (action (sc, 0)->text, "fail\tic1.A");
}

/* ------------------------------------------------------------------ live actions */

static void
test_live_actions (void)
{
  g_autoptr (LmScenario) sc = parse_ok ("duration 1h\n" IC1 "at 1m fail ic1.A\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScAction) a = NULL;
  CU_ASSERT (lm_scenario_parse_action (sc, "fail link ic1.*.rp2.link carrier", &a, &error));
  CU_ASSERT_PTR_NOT_NULL_FATAL (a);
  CU_ASSERT_EQUAL (a->verb, LM_SC_VERB_FAIL);
  CU_ASSERT_EQUAL_FATAL (a->failures->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScFailure *) a->failures->pdata[0])->id, "f2");
  CU_ASSERT_STRING_EQUAL (((LmScFailure *) a->failures->pdata[1])->id, "f3");
  CU_ASSERT_EQUAL (((LmScFailure *) a->failures->pdata[1])->mode, LM_SC_MODE_CARRIER);
  g_autoptr (LmScAction) b = NULL;
  CU_ASSERT (lm_scenario_parse_action (sc, "flap ic1.A.rp1.link every 1s for 4s", &b, &error));
  CU_ASSERT_EQUAL (b->failures->len, 2);
  CU_ASSERT_STRING_EQUAL (((LmScFailure *) b->failures->pdata[1])->id, "f5");
  CU_ASSERT_EQUAL (((LmScFailure *) b->failures->pdata[1])->at, LM_S (2));
  g_autoptr (LmScAction) c = NULL;
  CU_ASSERT (lm_scenario_parse_action (sc, "repair ic1.A", &c, &error));
  CU_ASSERT_EQUAL (c->targets->len, 1);
  CU_ASSERT_EQUAL (c->failures->len, 0);
}

LM_SUITE (sim_scenario) = {
  { "DESIGN §6's site-failure.sc parses to the tree it describes", test_site_failure_example },
  { "a scenario without blocks gets the defaults of DESIGN §1", test_defaults_of_design_1 },
  { "every statement: settings, tables, units", test_every_statement_settings },
  { "every statement: failure classes, laws and groups", test_every_statement_failure_model },
  { "every statement: each verb and its arguments", test_every_statement_actions },
  { "every statement: failure ids, flap periods, maintenance", test_every_statement_failures },
  { "wildcards expand sorted, rp2 before rp10", test_wildcards_sorted_by_value },
  { "a class keyword filters what a wildcard matches", test_class_keyword_filters_wildcards },
  { "repair closes every failure open on the target", test_repair_closes_what_is_open },
  { "after counts from the previous action in the file",
    test_after_is_relative_to_previous_in_file },
  { "repeated blocks merge key by key, the last wins", test_blocks_merge_key_by_key },
  { "an include's settings are overridden by the including file",
    test_include_then_scenario_wins },
  { "--set overrides apply with the option as their location", test_overrides_apply },
  { "--sweep splits on commas outside parentheses", test_sweep_split },
  { "durations, rates and percentages are exact", test_units_exact },
  { "comments, CRLF, tabs and a byte-order mark are accepted", test_comments_crlf_tabs_bom },
  { "live actions get ids after the scripted failures", test_live_actions },
  CU_TEST_INFO_NULL,
};
