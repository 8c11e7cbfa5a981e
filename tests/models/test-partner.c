/* tests/models/test-partner.c — the partner alone, on the real kernel: every
 * cell of an order's table (on real orders, one "partner" signal per
 * change), activation keys (single use, expiry, not found, the two kinds),
 * environments and proposals, the partner's build and acknowledgement
 * times, rejection with its reason. */
#include <string.h>
#include "tests/lm-test.h"
#include "models/partner.h"

#define S(x) LM_PARTNER_##x
#define E(x) LM_PARTNER_EV_##x
#define GBPS(n) ((guint64) (n) * G_GUINT64_CONSTANT (1000000000))

static int
expected_next (LmPartnerState s, LmPartnerEvent e)
{
  if (e == E (CANCEL))
    return s == S (NONE) || s == S (CANCELLED) ? -1 : S (CANCELLED);
  switch (s)
    {
    case S (NONE):
      return e == E (ORDER) ? S (AWAITING_ACTIVATION) : e == E (PROPOSE) ? S (PROPOSED)
             : e == E (ADOPT) ? S (BUILT) : -1;
    case S (AWAITING_ACTIVATION):
      return e == E (KEY_ENTERED) ? S (BUILDING) : e == E (KEY_EXPIRED) ? S (EXPIRED) : -1;
    case S (PROPOSED):
      return e == E (ACCEPTED) ? S (BUILDING) : e == E (KEY_EXPIRED) ? S (EXPIRED) : -1;
    case S (BUILDING):
      return e == E (BUILD_DONE) ? S (BUILT) : e == E (REJECT) ? S (REJECTED) : -1;
    case S (BUILT):
      return e == E (CHANGE) ? S (CHANGING) : -1;
    case S (CHANGING):
      return e == E (CHANGE_ACK) ? S (BUILT) : -1;
    default:
      return -1;
    }
}

typedef struct {
  LmSim *sim;
  LmPartner *p;
  guint changes, calls;
  char call_to[64];
  LmPartnerState last_from, last_to;
} Fx;

static void
on_signal (LmSim *sim, const LmSignal *s, gpointer data)
{
  Fx *fx = data;
  if (strcmp (s->what, "partner") == 0)
    fx->changes++;
  else if (strcmp (s->what, "call") == 0)
    {
      fx->calls++;
      g_strlcpy (fx->call_to, s->u.state.to_name, sizeof fx->call_to);
    }
}

static void
on_order (LmPartnerOrder *o, LmPartnerState from, LmPartnerState to, gpointer data)
{
  Fx *fx = data;
  fx->last_from = from;
  fx->last_to = to;
}

static void
fx_init (Fx *fx, const char *reject)
{
  memset (fx, 0, sizeof *fx);
  fx->sim = lm_sim_new (3, 0);
  LmPartnerConfig cfg;
  lm_partner_config_init (&cfg, "lumen");
  cfg.reject = reject;
  fx->p = lm_partner_new (fx->sim, &cfg);
  lm_partner_add_environment (fx->p, "new-york", LM_SC_ENV_AVAILABLE, 0);
  lm_partner_add_environment (fx->p, "chicago", LM_SC_ENV_LIMITED, 0);
  lm_partner_add_environment (fx->p, "seattle", LM_SC_ENV_UNAVAILABLE, 0);
  lm_partner_add_environment (fx->p, "dallas", LM_SC_ENV_AVAILABLE, 1u << 3);
  lm_sim_connect (fx->sim, LM_SIGNAL_STATE, on_signal, fx);
}

static void
fx_clear (Fx *fx)
{
  lm_partner_free (fx->p);
  lm_sim_free (fx->sim);
}

static LmPartnerOrder *
order (Fx *fx, const char *ic, const char *metro, guint64 bw)
{
  return lm_partner_order_new (fx->p, ic, metro, bw, on_order, fx);
}

static LmPartnerOrder *
reach (Fx *fx, LmPartnerState s)
{
  LmPartnerOrder *o = order (fx, "ic1", "new-york", GBPS (10));
  if (s == S (NONE))
    return o;
  if (s == S (PROPOSED))
    {
      lm_partner_order_propose (o);
      return o;
    }
  lm_partner_order_expect_key (o, "KEY-1");
  if (s == S (EXPIRED))
    lm_partner_order_feed (o, E (KEY_EXPIRED), NULL);
  else if (s == S (CANCELLED))
    lm_partner_order_cancel (o);
  else if (s != S (AWAITING_ACTIVATION))
    {
      lm_partner_activate (fx->p, "ic1", "KEY-1");
      if (s == S (REJECTED))
        lm_partner_order_feed (o, E (REJECT), NULL);
      else if (s != S (BUILDING))
        lm_partner_order_feed (o, E (BUILD_DONE), NULL);
      if (s == S (CHANGING))
        lm_partner_order_change (o, GBPS (25));
    }
  return o;
}

static void
test_every_cell (void)
{
  guint moved = 0;
  for (int s = 0; s < S (N_STATES); s++)
    for (int e = 0; e < LM_PARTNER_N_EVENTS; e++)
      {
        Fx fx;
        fx_init (&fx, NULL);
        LmPartnerOrder *o = reach (&fx, (LmPartnerState) s);
        CU_ASSERT_EQUAL_FATAL (lm_partner_order_state (o), (LmPartnerState) s);
        guint before = fx.changes;
        lm_partner_order_feed (o, (LmPartnerEvent) e, NULL);
        int want = expected_next ((LmPartnerState) s, (LmPartnerEvent) e);
        LmPartnerState got = lm_partner_order_state (o);
        gboolean ok = got == (LmPartnerState) (want < 0 ? s : want);
        if (!ok)
          g_printerr ("\n  %s in %s: got %s", lm_partner_event_name (e),
                      lm_partner_state_name (s), lm_partner_state_name (got));
        CU_ASSERT (ok);
        CU_ASSERT_EQUAL (fx.changes - before, want < 0 ? 0u : 1u);
        LmPartnerState next;
        CU_ASSERT_EQUAL (lm_partner_transition (s, e, &next), want >= 0);
        moved += want >= 0;
        fx_clear (&fx);
      }
  CU_ASSERT_EQUAL (moved, 18);
}

static void
test_keys (void)
{
  Fx fx;
  fx_init (&fx, NULL);
  LmPartnerOrder *o = order (&fx, "ic1", "new-york", GBPS (10));
  lm_partner_order_expect_key (o, "KEY-1");
  CU_ASSERT_EQUAL (lm_partner_order_key_expires (o), LM_D (7));
  CU_ASSERT_EQUAL (lm_partner_activate (fx.p, "ic1", "KEY-2"), LM_KEY_NOT_FOUND);
  CU_ASSERT_STRING_EQUAL (fx.call_to, "key-not-found");
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (AWAITING_ACTIVATION));
  CU_ASSERT_EQUAL (lm_partner_activate (fx.p, "ic1", "KEY-1"), LM_KEY_OK);
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (BUILDING));
  CU_ASSERT_EQUAL (lm_partner_activate (fx.p, "ic1", "KEY-1"), LM_KEY_USED);
  CU_ASSERT_STRING_EQUAL (fx.call_to, "key-already-used");
  /* the expiry stops once the key is used */
  lm_sim_run_until (fx.sim, LM_D (8));
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (BUILT));
  fx_clear (&fx);

  fx_init (&fx, NULL);
  LmPartnerConfig cfg;
  lm_partner_config_init (&cfg, "acme");
  cfg.key_expiry = LM_H (1);
  LmPartner *p = lm_partner_new (fx.sim, &cfg);
  lm_partner_add_environment (p, "london", LM_SC_ENV_AVAILABLE, 0);
  LmPartnerOrder *late = lm_partner_order_new (p, "ic2", "london", GBPS (1), on_order, &fx);
  lm_partner_order_expect_key (late, "K");
  lm_sim_run_until (fx.sim, LM_H (1) - 1);
  CU_ASSERT_EQUAL (lm_partner_order_state (late), S (AWAITING_ACTIVATION));
  lm_sim_run_until (fx.sim, LM_H (2));
  CU_ASSERT_EQUAL (lm_partner_order_state (late), S (EXPIRED));
  CU_ASSERT_EQUAL (fx.last_from, S (AWAITING_ACTIVATION));
  CU_ASSERT_EQUAL (fx.last_to, S (EXPIRED));
  CU_ASSERT_EQUAL (lm_partner_activate (p, "ic2", "K"), LM_KEY_EXPIRED);
  lm_partner_free (p);
  fx_clear (&fx);
}

static void
test_proposals (void)
{
  Fx fx;
  fx_init (&fx, NULL);
  static const struct { const char *metro; guint64 bw; LmPortalResult r; } cases[] = {
    { "new-york", GBPS (100), LM_PORTAL_OK },
    { "london", GBPS (10), LM_PORTAL_NOT_SERVED },
    { "seattle", GBPS (10), LM_PORTAL_UNAVAILABLE },
    { "new-york", GBPS (3), LM_PORTAL_NOT_A_TIER },
    { "chicago", GBPS (25), LM_PORTAL_NOT_OFFERED },   /* limited: 1–10 Gbps */
    { "chicago", GBPS (10), LM_PORTAL_OK },
    { "dallas", GBPS (5), LM_PORTAL_NOT_OFFERED },     /* only 10 Gbps listed */
    { "dallas", GBPS (10), LM_PORTAL_OK },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LmPartnerOrder *o = order (&fx, "ic1", cases[i].metro, cases[i].bw);
      CU_ASSERT_EQUAL (lm_partner_order_propose (o), cases[i].r);
      CU_ASSERT_STRING_EQUAL (fx.call_to, lm_portal_result_name (cases[i].r));
      CU_ASSERT_EQUAL (lm_partner_order_state (o), cases[i].r == LM_PORTAL_OK ? S (PROPOSED)
                                                                               : S (NONE));
    }
  LmPartnerOrder *o = order (&fx, "ic9", "new-york", GBPS (1));
  lm_partner_order_propose (o);
  const char *key = lm_partner_order_key (o);
  CU_ASSERT_EQUAL (strlen (key), 32);
  LmKeyStatus st;
  CU_ASSERT_PTR_EQUAL (lm_partner_find_proposal (fx.p, key, &st), o);
  CU_ASSERT_EQUAL (st, LM_KEY_OK);
  /* a proposal's key is accepted in the console, not entered at the portal */
  CU_ASSERT_EQUAL (lm_partner_activate (fx.p, "ic9", key), LM_KEY_NOT_FOUND);
  lm_partner_order_accepted (o);
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (BUILDING));
  CU_ASSERT_PTR_EQUAL (lm_partner_find_proposal (fx.p, key, &st), o);
  CU_ASSERT_EQUAL (st, LM_KEY_USED);
  CU_ASSERT_PTR_NULL (lm_partner_find_proposal (fx.p, "nope", &st));
  CU_ASSERT_EQUAL (st, LM_KEY_NOT_FOUND);
  LmScEnvState es;
  guint bws;
  CU_ASSERT (lm_partner_environment (fx.p, "chicago", &es, &bws));
  CU_ASSERT_EQUAL (es, LM_SC_ENV_LIMITED);
  CU_ASSERT_EQUAL (bws, 0x0f);
  CU_ASSERT_FALSE (lm_partner_environment (fx.p, "london", &es, &bws));
  fx_clear (&fx);
}

static void
test_build_reject_and_ack (void)
{
  Fx fx;
  fx_init (&fx, NULL);
  LmPartnerOrder *o = reach (&fx, S (BUILDING));
  lm_sim_run_until (fx.sim, LM_MIN (1) - 1);
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (BUILDING));
  lm_sim_run_until (fx.sim, LM_MIN (5));
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (BUILT));     /* uniform(1m, 5m) */
  LmTime t0 = lm_sim_now (fx.sim);
  lm_partner_order_change (o, GBPS (25));
  CU_ASSERT_EQUAL (lm_partner_order_bandwidth (o), GBPS (10));
  lm_sim_run_until (fx.sim, t0 + LM_MIN (5) - 1);
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (CHANGING));
  lm_sim_run_until (fx.sim, t0 + LM_MIN (30));
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (BUILT));     /* uniform(5m, 30m) */
  CU_ASSERT_EQUAL (lm_partner_order_bandwidth (o), GBPS (25));
  fx_clear (&fx);

  fx_init (&fx, "no capacity in the building");
  o = reach (&fx, S (BUILDING));
  lm_sim_run (fx.sim);
  CU_ASSERT_EQUAL (lm_partner_order_state (o), S (REJECTED));
  CU_ASSERT_STRING_EQUAL (lm_partner_order_reason (o), "no capacity in the building");
  fx_clear (&fx);
}

LM_SUITE (models_partner) = {
  { "every cell of an order's table, on real orders", test_every_cell },
  { "activation keys: not found, single use, expiry", test_keys },
  { "proposals checked against the environment; proposal keys", test_proposals },
  { "build and acknowledgement times; rejection with its reason", test_build_reject_and_ack },
  CU_TEST_INFO_NULL,
};
