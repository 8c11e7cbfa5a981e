/* tests/sim/test-scenario-print.c — the canonical form: for every shipped
 * scenario and every test input, print → parse gives the same tree (compared
 * by a digest of every value and "set explicitly" bit, independent of the
 * printer) and print → parse → print gives the same text. */
#include <string.h>
#include "tests/lm-test.h"
#include "sim/scenario.h"

static void
loc_bit (GString *d, const char *key, LmScLoc loc)
{
  g_string_append_printf (d, " %s%s", key, LM_SC_IS_SET (loc) ? "!" : "");
}

static void
dist (GString *d, const LmScDist *x)
{
  g_string_append_printf (d, " %d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%.17g", x->kind,
                          x->a, x->b, x->shape);
}

static void
prefixes (GString *d, const char *what, const GPtrArray *list)
{
  g_string_append_printf (d, " %s[", what);
  for (guint j = 0; j < list->len; j++)
    {
      const LmScPrefix *p = list->pdata[j];
      g_string_append_printf (d, " %s=%u/%u", p->text, p->family, p->len);
    }
  g_string_append_c (d, ']');
}

static void
digest_interconnect (GString *d, const LmScInterconnect *i)
{
  g_string_append_printf (d, "ic %s %s %s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %s %u %u "
                          "%u %d %u %s", i->name, i->partner, i->metro, i->bandwidth_bps,
                          i->port_speed_bps, i->gateway, i->families, i->sites,
                          i->pairs_per_site, i->first_mile, i->mtu,
                          i->account ? i->account : "-");
  loc_bit (d, "bw", i->bandwidth_loc);
  loc_bit (d, "ps", i->port_speed_loc);
  loc_bit (d, "fam", i->families_loc);
  loc_bit (d, "sites", i->sites_loc);
  loc_bit (d, "pairs", i->pairs_loc);
  loc_bit (d, "fm", i->first_mile_loc);
  loc_bit (d, "mtu", i->mtu_loc);
  for (guint j = 0; j < i->tags->len; j++)
    g_string_append_printf (d, " tag[%s]=[%s]", ((LmScTag *) i->tags->pdata[j])->key,
                            ((LmScTag *) i->tags->pdata[j])->value);
  g_string_append_printf (d, " desc[%s]", i->description ? i->description : "-");
  loc_bit (d, "desc", i->description_loc);
  prefixes (d, "pfx", i->prefixes);
  const LmScGateway *g = i->gateway_info;
  g_string_append_printf (d, " gw %s %d %u\n", g->name, g->attach, g->tgw_asn);
}

static void
digest_provisioning (GString *d, const LmScenario *sc)
{
  for (guint i = 0; i < sc->gateways->len; i++)
    {
      const LmScGateway *g = sc->gateways->pdata[i];
      g_string_append_printf (d, "gateway %s %d %u %d %u %u", g->name, g->attach, g->tgw_asn,
                              g->status, g->private_vifs, g->transit_vifs);
      loc_bit (d, "decl", g->loc);
      loc_bit (d, "asn", g->tgw_asn_loc);
      loc_bit (d, "status", g->status_loc);
      loc_bit (d, "pvif", g->private_vifs_loc);
      loc_bit (d, "tvif", g->transit_vifs_loc);
      prefixes (d, "vpc", g->vpc_cidrs);
      prefixes (d, "allowed", g->allowed);
      g_string_append_c (d, '\n');
    }
  for (guint i = 0; i < sc->environments->len; i++)
    {
      const LmScEnvironment *e = sc->environments->pdata[i];
      g_string_append_printf (d, "env %s %s %d %u", e->partner, e->metro, e->state,
                              e->bandwidths);
      loc_bit (d, "state", e->state_loc);
      loc_bit (d, "bw", e->bandwidths_loc);
      g_string_append_c (d, '\n');
    }
  const LmScProvisioning *p = &sc->provisioning;
  g_string_append (d, "provisioning");
  const LmScDist *laws[] = { &p->activation_delay, &p->partner_build, &p->connection_build,
                             &p->gateway_create, &p->attach, &p->acknowledge, &p->delete_time };
  for (guint i = 0; i < G_N_ELEMENTS (laws); i++)
    dist (d, laws[i]);
  g_string_append_printf (d, " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %s", p->key_expiry,
                          p->timeout, p->quota, p->reject ? p->reject : "-");
  loc_bit (d, "ad", p->activation_delay_loc);
  loc_bit (d, "ke", p->key_expiry_loc);
  loc_bit (d, "pb", p->partner_build_loc);
  loc_bit (d, "cb", p->connection_build_loc);
  loc_bit (d, "gc", p->gateway_create_loc);
  loc_bit (d, "at", p->attach_loc);
  loc_bit (d, "ack", p->acknowledge_loc);
  loc_bit (d, "del", p->delete_loc);
  loc_bit (d, "to", p->timeout_loc);
  loc_bit (d, "q", p->quota_loc);
  loc_bit (d, "rej", p->reject_loc);
  g_string_append_c (d, '\n');
}

static void
digest_settings (GString *d, const LmScenario *sc)
{
  const LmScBgp *b = &sc->bgp;
  g_string_append_printf (d, "bgp %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %u %d %"
                          G_GINT64_FORMAT " %u", b->hold, b->keepalive, b->connect_retry,
                          b->advertisement_interval, b->bfd, b->bfd_interval, b->bfd_multiplier,
                          b->graceful_restart, b->graceful_restart_time, b->asn);
  loc_bit (d, "hold", b->hold_loc);
  loc_bit (d, "ka", b->keepalive_loc);
  loc_bit (d, "cr", b->connect_retry_loc);
  loc_bit (d, "ai", b->advertisement_interval_loc);
  loc_bit (d, "bfd", b->bfd_loc);
  loc_bit (d, "gr", b->graceful_restart_loc);
  loc_bit (d, "asn", b->asn_loc);
  const LmScMacsec *m = &sc->macsec;
  g_string_append_printf (d, "\nmacsec %d %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d %"
                          G_GINT64_FORMAT, m->mode, m->cipher, m->mka_hello, m->mka_life,
                          m->rekey_on_pn_rollover, m->rekey_interval);
  loc_bit (d, "mode", m->mode_loc);
  loc_bit (d, "cipher", m->cipher_loc);
  loc_bit (d, "hello", m->mka_hello_loc);
  loc_bit (d, "life", m->mka_life_loc);
  loc_bit (d, "rekey", m->rekey_loc);
  g_string_append_c (d, '\n');
  for (guint i = 0; i < sc->traffic->len; i++)
    {
      const LmScTraffic *t = sc->traffic->pdata[i];
      g_string_append_printf (d, "traffic %s %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
                              G_GUINT64_FORMAT " %d", t->interconnect, t->rate_bps, t->flows,
                              t->packet_bytes, t->direction);
      loc_bit (d, "flows", t->flows_loc);
      loc_bit (d, "packet", t->packet_loc);
      loc_bit (d, "dir", t->direction_loc);
      g_string_append_c (d, '\n');
    }
  for (guint i = 0; i < sc->failure_classes->len; i++)
    {
      const LmScFailureClass *fc = sc->failure_classes->pdata[i];
      g_string_append_printf (d, "class %d %d", fc->klass, fc->mode);
      dist (d, &fc->ttf);
      dist (d, &fc->ttr);
      g_string_append_c (d, '\n');
    }
  for (guint i = 0; i < sc->groups->len; i++)
    {
      const LmScGroup *g = sc->groups->pdata[i];
      g_string_append_printf (d, "group %s", g->name);
      for (guint j = 0; j < g->targets->len; j++)
        g_string_append_printf (d, " %s", ((LmScTarget *) g->targets->pdata[j])->name);
      dist (d, &g->ttf);
      dist (d, &g->ttr);
      g_string_append_c (d, '\n');
    }
}

static void
digest_tables (GString *d, const LmScenario *sc)
{
  for (guint i = 0; i < sc->partners->len; i++)
    {
      const LmScPartner *p = sc->partners->pdata[i];
      g_string_append_printf (d, "partner %s", p->name);
      for (guint j = 0; j < p->metros->len; j++)
        g_string_append_printf (d, " %s", ((LmScNameRef *) p->metros->pdata[j])->name);
      g_string_append_c (d, '\n');
    }
  for (guint i = 0; i < sc->metros->len; i++)
    {
      const LmScMetro *m = sc->metros->pdata[i];
      g_string_append_printf (d, "metro %s %s %.17g\n", m->name, m->region, m->distance_km);
    }
}

static void
digest_timeline (GString *d, const LmScenario *sc)
{
  for (guint i = 0; i < sc->actions->len; i++)
    {
      const LmScAction *a = sc->actions->pdata[i];
      g_string_append_printf (d, "action %" G_GINT64_FORMAT " %d %d %s %d %s %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT " %d %.17g %d %d %" G_GUINT64_FORMAT " %s:",
                              a->at, a->verb, a->klass, a->target, a->mode,
                              a->as_name ? a->as_name : "-", a->every, a->length, a->has_length,
                              a->loss_percent, a->macsec_op, a->via, a->bandwidth_bps,
                              a->key ? a->key : "-");
      for (guint j = 0; j < a->targets->len; j++)
        g_string_append_printf (d, " %s", ((LmScTarget *) a->targets->pdata[j])->name);
      g_string_append_c (d, '\n');
    }
  for (guint i = 0; i < sc->failures->len; i++)
    {
      const LmScFailure *f = sc->failures->pdata[i];
      g_string_append_printf (d, "failure %s %s %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %u\n", f->id, f->target->name, f->mode, f->at, f->until,
                              f->period);
    }
  for (guint i = 0; i < sc->expectations->len; i++)
    {
      const LmScExpectation *e = sc->expectations->pdata[i];
      g_string_append_printf (d, "expect %s %d %d %" G_GINT64_FORMAT " %.17g %u %s %"
                              G_GINT64_FORMAT " %d n=%u\n",
                              e->interconnect ? e->interconnect : "-", e->kind, e->op,
                              e->time_value, e->percent, e->percentile,
                              e->failure_id ? e->failure_id : "-", e->state_at, e->state,
                              e->interconnects->len);
    }
}

static char *
digest (const LmScenario *sc)
{
  GString *d = g_string_new (NULL);
  g_string_append_printf (d, "name %s seed %" G_GUINT64_FORMAT " duration %" G_GINT64_FORMAT
                          " replications %" G_GUINT64_FORMAT "\n", sc->name, sc->seed,
                          sc->duration, sc->replications);
  digest_tables (d, sc);
  for (guint i = 0; i < sc->interconnects->len; i++)
    digest_interconnect (d, sc->interconnects->pdata[i]);
  digest_settings (d, sc);
  digest_provisioning (d, sc);
  digest_timeline (d, sc);
  return g_string_free (d, FALSE);
}

/* print → parse: same tree; print → parse → print: same text. */
static void
check_round_trip (const LmScenario *sc, const char *what)
{
  g_autofree char *text1 = lm_scenario_print (sc);
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) again = lm_scenario_parse_string (text1, "printed.sc", NULL, &error);
  if (again == NULL)
    g_printerr ("\n%s: the printed form does not parse:\n%s\n---\n%s\n", what, error->message,
                text1);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  g_autofree char *d1 = digest (sc);
  g_autofree char *d2 = digest (again);
  if (strcmp (d1, d2) != 0)
    g_printerr ("\n%s: trees differ:\n%s\n---\n%s\n", what, d1, d2);
  CU_ASSERT_STRING_EQUAL (d1, d2);
  g_autofree char *text2 = lm_scenario_print (again);
  if (strcmp (text1, text2) != 0)
    g_printerr ("\n%s: printing is not a fixed point:\n%s\n---\n%s\n", what, text1, text2);
  CU_ASSERT_STRING_EQUAL (text1, text2);
}

static void
round_trip_dir (const char *relative, guint *count)
{
  g_autofree char *dir = lm_test_srcpath (relative);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (d);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".sc"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (LmScenario) sc = lm_scenario_load (path, NULL, &error);
      if (sc == NULL)
        g_printerr ("\n%s:\n%s\n", path, error->message);
      CU_ASSERT_PTR_NOT_NULL (sc);
      if (sc != NULL)
        check_round_trip (sc, path);
      (*count)++;
    }
}

static void
test_shipped_scenarios (void)
{
  guint n = 0;
  round_trip_dir ("scenarios", &n);
  CU_ASSERT (n >= 1);
}

static void
test_test_inputs (void)
{
  guint n = 0;
  round_trip_dir ("tests/sim/scenarios", &n);
  CU_ASSERT (n >= 1);
}

static void
test_with_overrides (void)
{
  g_autofree char *path = lm_test_srcpath ("scenarios/site-failure.sc");
  g_autoptr (LmScenarioOverrides) set = lm_scenario_overrides_new ();
  const char *const args[] = {
    "bgp.bfd=off", "ic1.bandwidth=25Gbps", "seed=7", "sites=1", "ic1.tags=team=\"net ops\"",
    "failures.link.mttr=weibull(0.7, 3h)", "failures.link.ttf=lognormal(1y, 2d)",
    "traffic.ic1.packet=64B", NULL,
  };
  for (gsize i = 0; args[i] != NULL; i++)
    CU_ASSERT (lm_scenario_overrides_add (set, args[i], NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_load (path, set, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  check_round_trip (sc, "site-failure.sc with overrides");
  g_autofree char *text = lm_scenario_print (sc);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "    bandwidth 25Gbps\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "    bfd off\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "    sites 1\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "    # pairs-per-site 2\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "seed 7\n"));
  CU_ASSERT_PTR_NULL (strstr (text, "\ninclude "));
}

static void
test_canonical_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LmScenario) sc = lm_scenario_parse_string (
    "duration 120m\n"
    "interconnect ic1 { partner lumen metro chicago bandwidth 10000Mbps gateway g }\n"
    "traffic ic1 { rate 2500Mbps }\n"
    "at 90s fail site ic1.A as a\n"
    "after 30s repair site ic1.A\n"
    "expect ic1 availability >= 99.990%\n", "c.sc", NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sc);
  g_autofree char *text = lm_scenario_print (sc);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\nduration 2h\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\n    bandwidth 10Gbps\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\n    rate 2.5Gbps\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\n    # hold 1m30s\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\nat 1m30s fail site ic1.A as a\nat 2m repair site ic1.A\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "\nexpect ic1 availability >= 99.99%\n"));
}

LM_SUITE (sim_scenario_print) = {
  { "every shipped scenario prints to a form that parses to the same tree",
    test_shipped_scenarios },
  { "every test input round-trips", test_test_inputs },
  { "overrides are part of the printed form", test_with_overrides },
  { "the printed form uses canonical units and absolute times", test_canonical_text },
  CU_TEST_INFO_NULL,
};
