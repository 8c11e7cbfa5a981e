/* tests/models/test-gateway.c — the gateway alone, on the real kernel: every
 * cell of the gateway's and the association's tables (on real objects, one
 * signal per change), the association's verdicts (ASN equality with a
 * transit gateway, private VIFs with a transit gateway, the VIF limit), a
 * new gateway's creation before the attach time, and the address reports. */
#include <string.h>
#include "tests/lm-test.h"
#include "models/gateway.h"

#define G(x) LM_GATEWAY_##x
#define GE(x) LM_GATEWAY_EV_##x
#define A(x) LM_ASSOC_##x
#define AE(x) LM_ASSOC_EV_##x

static int
gw_expected (LmGatewayState s, LmGatewayEvent e)
{
  if (s == G (NONE))
    return e == GE (EXISTS) ? G (AVAILABLE) : e == GE (CREATE) ? G (PENDING) : -1;
  if (s == G (PENDING))
    return e == GE (CREATED) ? G (AVAILABLE) : -1;
  return -1;
}

static int
assoc_expected (LmAssocState s, LmAssocEvent e)
{
  switch (s)
    {
    case A (NONE):
      return e == AE (ASSOCIATE) ? A (ASSOCIATING) : e == AE (ADOPT) ? A (ASSOCIATED) : -1;
    case A (ASSOCIATING):
      return e == AE (DONE) ? A (ASSOCIATED) : e == AE (FAIL) ? A (FAILED)
             : e == AE (DISASSOCIATE) ? A (DISASSOCIATED) : -1;
    case A (ASSOCIATED):
      return e == AE (DISASSOCIATE) ? A (DISASSOCIATING) : -1;
    case A (DISASSOCIATING):
      return e == AE (DISASSOCIATED) ? A (DISASSOCIATED) : -1;
    default:
      return -1;
    }
}

typedef struct {
  LmSim *sim;
  guint gw_changes, assoc_changes, notices;
  GPtrArray *notes;
  LmAssocState last;
} Fx;

static void
on_signal (LmSim *sim, const LmSignal *s, gpointer data)
{
  Fx *fx = data;
  if (strcmp (s->what, "gateway") == 0)
    fx->gw_changes++;
  else if (strcmp (s->what, "association") == 0)
    fx->assoc_changes++;
  else if (strcmp (s->what, "notice") == 0)
    {
      fx->notices++;
      g_ptr_array_add (fx->notes, g_strdup_printf ("%s: %s", s->u.state.from_name,
                                                   s->u.state.cause));
    }
}

static void
on_assoc (LmGatewayAssociation *a, LmAssocState from, LmAssocState to, gpointer data)
{
  ((Fx *) data)->last = to;
}

static void
fx_init (Fx *fx)
{
  memset (fx, 0, sizeof *fx);
  fx->sim = lm_sim_new (5, 0);
  fx->notes = g_ptr_array_new_with_free_func (g_free);
  lm_sim_connect (fx->sim, LM_SIGNAL_STATE, on_signal, fx);
}

static void
fx_clear (Fx *fx)
{
  g_ptr_array_unref (fx->notes);
  lm_sim_free (fx->sim);
}

static LmGateway *
gateway (Fx *fx, LmScGatewayStatus status, LmScAttach attach, guint32 tgw_asn)
{
  LmGatewayConfig cfg;
  lm_gateway_config_init (&cfg, "gw");
  cfg.status = status;
  cfg.attach = attach;
  cfg.tgw_asn = tgw_asn;
  return lm_gateway_new (fx->sim, &cfg);
}

static void
test_gateway_cells (void)
{
  guint moved = 0;
  for (int s = 0; s < G (N_STATES); s++)
    for (int e = 0; e < LM_GATEWAY_N_EVENTS; e++)
      {
        Fx fx;
        fx_init (&fx);
        LmGateway *gw = gateway (&fx, s == G (AVAILABLE) ? LM_SC_GATEWAY_EXISTING
                                                       : LM_SC_GATEWAY_NEW,
                                 LM_SC_ATTACH_TRANSIT_GATEWAY, 64513);
        if (s == G (AVAILABLE))
          lm_gateway_start (gw);
        else if (s == G (PENDING))
          lm_gateway_create (gw);
        CU_ASSERT_EQUAL_FATAL (lm_gateway_state (gw), (LmGatewayState) s);
        guint before = fx.gw_changes;
        lm_gateway_feed (gw, (LmGatewayEvent) e);
        int want = gw_expected (s, e);
        CU_ASSERT_EQUAL (lm_gateway_state (gw), (LmGatewayState) (want < 0 ? s : want));
        CU_ASSERT_EQUAL (fx.gw_changes - before, want < 0 ? 0u : 1u);
        CU_ASSERT_EQUAL (lm_gateway_transition (s, e, NULL), want >= 0);
        moved += want >= 0;
        lm_gateway_free (gw);
        fx_clear (&fx);
      }
  CU_ASSERT_EQUAL (moved, 3);
}

/* A real association in state @s (NONE is checked on the table alone). */
static LmGatewayAssociation *
reach (Fx *fx, LmGateway *gw, LmAssocState s)
{
  if (s == A (ASSOCIATED) || s == A (DISASSOCIATING) || s == A (DISASSOCIATED))
    {
      LmGatewayAssociation *a = lm_gateway_adopt (gw, "ic1", 4, on_assoc, fx);
      if (s != A (ASSOCIATED))
        lm_gateway_disassociate (a);
      if (s == A (DISASSOCIATED))
        lm_sim_run (fx->sim);
      return a;
    }
  LmGatewayAssociation *a = lm_gateway_associate (gw, "ic1", 4, on_assoc, fx);
  if (s == A (FAILED))
    lm_gateway_association_feed (a, AE (FAIL), "x");
  return a;
}

static void
test_association_cells (void)
{
  guint moved = 0;
  for (int s = 0; s < A (N_STATES); s++)
    for (int e = 0; e < LM_ASSOC_N_EVENTS; e++)
      {
        int want = assoc_expected (s, e);
        LmAssocState next;
        CU_ASSERT_EQUAL (lm_assoc_transition (s, e, &next), want >= 0);
        if (want >= 0)
          CU_ASSERT_EQUAL (next, (LmAssocState) want);
        moved += want >= 0;
        if (s == A (NONE))
          continue;
        Fx fx;
        fx_init (&fx);
        LmGateway *gw = gateway (&fx, LM_SC_GATEWAY_EXISTING, LM_SC_ATTACH_TRANSIT_GATEWAY, 64513);
        lm_gateway_start (gw);
        LmGatewayAssociation *a = reach (&fx, gw, (LmAssocState) s);
        CU_ASSERT_EQUAL_FATAL (lm_gateway_association_state (a), (LmAssocState) s);
        guint before = fx.assoc_changes;
        lm_gateway_association_feed (a, (LmAssocEvent) e, NULL);
        CU_ASSERT_EQUAL (lm_gateway_association_state (a), (LmAssocState) (want < 0 ? s : want));
        CU_ASSERT_EQUAL (fx.assoc_changes - before, want < 0 ? 0u : 1u);
        lm_gateway_free (gw);
        fx_clear (&fx);
      }
  CU_ASSERT_EQUAL (moved, 7);
}

/* Associates @n connections on @cfg's gateway and runs to the end. */
static LmAssocState
associate (LmGatewayConfig *cfg, guint n, char **reason)
{
  Fx fx;
  fx_init (&fx);
  LmGateway *gw = lm_gateway_new (fx.sim, cfg);
  lm_gateway_start (gw);
  LmGatewayAssociation *a = lm_gateway_associate (gw, "ic1", n, on_assoc, &fx);
  lm_sim_run (fx.sim);
  LmAssocState s = lm_gateway_association_state (a);
  CU_ASSERT_EQUAL (fx.last, s);      /* the notify saw it */
  const char *r = lm_gateway_association_reason (a);
  *reason = r ? g_strdup (r) : NULL;
  lm_gateway_free (gw);
  fx_clear (&fx);
  return s;
}

static void
test_verdicts (void)
{
  LmGatewayConfig cfg;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *r5 = NULL;
  lm_gateway_config_init (&cfg, "gw");
  CU_ASSERT_EQUAL (associate (&cfg, 4, &r1), A (ASSOCIATED));      /* 64512 vs 64513 */
  CU_ASSERT_PTR_NULL (r1);
  cfg.tgw_asn = 64512;
  CU_ASSERT_EQUAL (associate (&cfg, 4, &r2), A (FAILED));
  CU_ASSERT_STRING_EQUAL (r2, "the transit gateway's ASN 64512 equals gateway gw's ASN 64512");
  cfg.attach = LM_SC_ATTACH_VIRTUAL_PRIVATE_GATEWAY;                /* ASNs do not matter */
  cfg.private_vifs = 3;
  CU_ASSERT_EQUAL (associate (&cfg, 4, &r3), A (ASSOCIATED));
  cfg.attach = LM_SC_ATTACH_TRANSIT_GATEWAY;
  cfg.tgw_asn = 64513;
  CU_ASSERT_EQUAL (associate (&cfg, 4, &r4), A (FAILED));
  CU_ASSERT_PTR_NOT_NULL (strstr (r4, "private virtual interfaces and cannot be associated"));
  cfg.private_vifs = 0;
  cfg.transit_vifs = 27;
  CU_ASSERT_EQUAL (associate (&cfg, 4, &r5), A (FAILED));        /* 27 + 4 > 30 */
  CU_ASSERT_PTR_NOT_NULL (strstr (r5, "31 virtual interfaces"));
  g_autofree char *r6 = NULL;
  cfg.transit_vifs = 26;
  CU_ASSERT_EQUAL (associate (&cfg, 4, &r6), A (ASSOCIATED));    /* exactly 30 */
}

static void
test_new_gateway_first (void)
{
  Fx fx;
  fx_init (&fx);
  LmGatewayConfig cfg;
  lm_gateway_config_init (&cfg, "gw");
  cfg.status = LM_SC_GATEWAY_NEW;
  cfg.create = (LmScDist) { LM_SC_DIST_FIXED, LM_MIN (2), 0, 0 };
  cfg.attach_time = (LmScDist) { LM_SC_DIST_FIXED, LM_MIN (3), 0, 0 };
  LmGateway *gw = lm_gateway_new (fx.sim, &cfg);
  lm_gateway_start (gw);                       /* not existing: nothing */
  CU_ASSERT_EQUAL (lm_gateway_state (gw), G (NONE));
  CU_ASSERT (lm_gateway_found (gw) && lm_gateway_is_new (gw));
  lm_gateway_create (gw);
  LmGatewayAssociation *a = lm_gateway_associate (gw, "ic1", 4, on_assoc, &fx);
  lm_sim_run_until (fx.sim, LM_MIN (5) - 1);
  CU_ASSERT_EQUAL (lm_gateway_association_state (a), A (ASSOCIATING));
  lm_sim_run (fx.sim);
  CU_ASSERT_EQUAL (lm_gateway_association_state (a), A (ASSOCIATED));
  CU_ASSERT_EQUAL (lm_sim_now (fx.sim), LM_MIN (5));    /* 2 min creation, then 3 min */
  lm_gateway_free (gw);
  cfg.status = LM_SC_GATEWAY_MISSING;
  gw = lm_gateway_new (fx.sim, &cfg);
  CU_ASSERT_FALSE (lm_gateway_found (gw));
  lm_gateway_free (gw);
  fx_clear (&fx);
}

static LmScPrefix
pfx (const char *text, guint8 family, guint8 len, const guint8 *addr)
{
  LmScPrefix p = { (char *) text, { 0 }, family, len, { 0 } };
  memcpy (p.addr, addr, family == 4 ? 4 : 16);
  return p;
}

static void
test_prefix_reports (void)
{
  static const guint8 a10[4] = { 10, 0, 0, 0 }, a10_1[4] = { 10, 1, 0, 0 };
  static const guint8 a172[4] = { 172, 31, 0, 0 }, a192[4] = { 192, 168, 0, 0 };
  LmScPrefix v1 = pfx ("10.0.0.0/16", 4, 16, a10), v2 = pfx ("172.31.0.0/16", 4, 16, a172);
  LmScPrefix c1 = pfx ("10.0.0.0/8", 4, 8, a10), c2 = pfx ("192.168.0.0/16", 4, 16, a192);
  LmScPrefix al = pfx ("10.1.0.0/16", 4, 16, a10_1);
  LmScPrefix *vpc[] = { &v1, &v2 }, *cust[] = { &c1, &c2 }, *allowed[] = { &al };
  GPtrArray vpcs = { (gpointer *) vpc, 2 }, custs = { (gpointer *) cust, 2 };
  GPtrArray allow = { (gpointer *) allowed, 1 }, none = { NULL, 0 };
  Fx fx;
  fx_init (&fx);
  LmGatewayConfig cfg;
  lm_gateway_config_init (&cfg, "gw");
  cfg.attach = LM_SC_ATTACH_VIRTUAL_PRIVATE_GATEWAY;
  cfg.vpc_cidrs = &vpcs;
  cfg.allowed = &allow;
  cfg.addressing_known = TRUE;
  LmGateway *gw = lm_gateway_new (fx.sim, &cfg);
  /* 10.0.0.0/8 overlaps 10.0.0.0/16; neither VPC CIDR is covered by 10.1.0.0/16 */
  CU_ASSERT_EQUAL (lm_gateway_check_prefixes (gw, "ic1", &custs), 1);
  CU_ASSERT_EQUAL (fx.notices, 3);
  CU_ASSERT_STRING_EQUAL (fx.notes->pdata[0], "address-conflict: customer prefix 10.0.0.0/8 "
                          "overlaps VPC CIDR 10.0.0.0/16 behind gateway gw");
  lm_gateway_free (gw);
  cfg.attach = LM_SC_ATTACH_TRANSIT_GATEWAY;
  cfg.allowed = &none;
  gw = lm_gateway_new (fx.sim, &cfg);
  g_ptr_array_set_size (fx.notes, 0);
  CU_ASSERT_EQUAL (lm_gateway_check_prefixes (gw, "ic1", NULL), 0);
  CU_ASSERT_EQUAL (fx.notes->len, 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (fx.notes->pdata[0], "never reaches the VPCs"));
  lm_gateway_free (gw);
  cfg.addressing_known = FALSE;        /* the scenario says nothing: no reports */
  cfg.vpc_cidrs = NULL;
  gw = lm_gateway_new (fx.sim, &cfg);
  g_ptr_array_set_size (fx.notes, 0);
  CU_ASSERT_EQUAL (lm_gateway_check_prefixes (gw, "ic1", &custs), 0);
  CU_ASSERT_EQUAL (fx.notes->len, 0);
  lm_gateway_free (gw);
  fx_clear (&fx);
}

LM_SUITE (models_gateway) = {
  { "every cell of the gateway's table", test_gateway_cells },
  { "every cell of the association's table, on real associations", test_association_cells },
  { "association verdicts: equal ASNs, private VIFs with a TGW, the VIF limit", test_verdicts },
  { "a new gateway is created before the attach time runs; a missing one is not found",
    test_new_gateway_first },
  { "address conflicts and allowed-prefix gaps are reported", test_prefix_reports },
  CU_TEST_INFO_NULL,
};
