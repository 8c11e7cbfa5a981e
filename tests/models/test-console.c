/* tests/models/test-console.c — the console alone, on the real kernel: every
 * cell of its lifecycle table (driven on real connections, checking the
 * state reached and the one "state" signal per change), each API call's
 * answers and exceptions, ids and keys from the console's own stream,
 * quota, deletion time. */
#include <string.h>
#include "tests/lm-test.h"
#include "models/console.h"

#define S(x) LM_CONSOLE_##x
#define E(x) LM_CONSOLE_EV_##x

/* The table as docs/models.md states it, written independently of
 * console.c: -1 is "ignored". */
static int
expected_next (LmConsoleState s, LmConsoleEvent e)
{
  switch (s)
    {
    case S (NONE):
      return e == E (CREATE) ? S (REQUESTED) : e == E (ACCEPT) ? S (PENDING)
             : e == E (ADOPT) ? S (AVAILABLE) : -1;
    case S (REQUESTED):
      return e == E (ACTIVATED) ? S (PENDING) : e == E (KEY_EXPIRED) ? S (FAILED)
             : e == E (REJECTED) ? S (FAILED) : e == E (DELETE) ? S (DELETING) : -1;
    case S (PENDING):
      return e == E (PROVISIONED) ? S (AVAILABLE) : e == E (PROVISION_FAILED) ? S (FAILED)
             : e == E (REJECTED) ? S (FAILED) : e == E (DELETE) ? S (DELETING) : -1;
    case S (AVAILABLE):
      return e == E (UNUSABLE) ? S (DOWN) : e == E (UPDATE) ? S (UPDATING)
             : e == E (DELETE) ? S (DELETING) : -1;
    case S (DOWN):
      return e == E (USABLE) ? S (AVAILABLE) : e == E (UPDATE) ? S (UPDATING)
             : e == E (DELETE) ? S (DELETING) : -1;
    case S (UPDATING):
      return e == E (ACKNOWLEDGED) ? S (AVAILABLE) : e == E (DELETE) ? S (DELETING) : -1;
    case S (DELETING):
      return e == E (DELETED) ? S (DELETED) : -1;
    case S (FAILED):
      return e == E (DELETE) ? S (DELETING) : -1;
    default:
      return -1;
    }
}

typedef struct {
  guint states, calls;
  char last_call_to[64];
  char last_state_to[32];
  char last_cause[512];        /* of the last call */
} Seen;

static void
on_signal (LmSim *sim, const LmSignal *s, gpointer data)
{
  Seen *seen = data;
  if (strcmp (s->what, "state") == 0)
    {
      seen->states++;
      g_strlcpy (seen->last_state_to, s->u.state.to_name, sizeof seen->last_state_to);
    }
  else if (strcmp (s->what, "call") == 0)
    {
      seen->calls++;
      g_strlcpy (seen->last_call_to, s->u.state.to_name, sizeof seen->last_call_to);
      g_strlcpy (seen->last_cause, s->u.state.cause ? s->u.state.cause : "",
                 sizeof seen->last_cause);
    }
}

typedef struct {
  LmSim *sim;
  LmConsole *console;
  Seen seen;
} Fx;

static void
fx_init (Fx *fx, guint quota)
{
  memset (fx, 0, sizeof *fx);
  fx->sim = lm_sim_new (1, 0);
  LmConsoleConfig cfg;
  lm_console_config_init (&cfg);
  cfg.quota = quota;
  fx->console = lm_console_new (fx->sim, &cfg);
  lm_sim_connect (fx->sim, LM_SIGNAL_STATE, on_signal, &fx->seen);
}

static void
fx_clear (Fx *fx)
{
  lm_console_free (fx->console);
  lm_sim_free (fx->sim);
}

static LmConsoleRequest
request (const char *ic)
{
  LmConsoleRequest r = {
    .interconnect = ic, .partner = "lumen", .metro = "new-york", .metro_served = TRUE,
    .env_state = LM_SC_ENV_AVAILABLE, .env_bandwidths = 0x7f, .description = NULL,
    .bandwidth_bps = G_GUINT64_CONSTANT (10000000000), .gateway = "gw", .gateway_found = TRUE,
    .account = "ops@example.com", .account_kind = LM_ACCOUNT_EMAIL,
  };
  return r;
}

/* A real connection in state @s. */
static LmConsoleConnection *
reach (Fx *fx, LmConsoleState s)
{
  LmConsoleConnection *c = NULL;
  LmConsoleRequest r = request ("ic1");
  if (s == S (REQUESTED) || s == S (PENDING) || s == S (FAILED))
    {
      CU_ASSERT_EQUAL (lm_console_create_connection (fx->console, &r, &c), LM_API_OK);
      if (s == S (PENDING))
        lm_console_connection_feed (c, E (ACTIVATED), NULL);
      if (s == S (FAILED))
        lm_console_connection_feed (c, E (KEY_EXPIRED), NULL);
      return c;
    }
  c = lm_console_adopt (fx->console, "ic1", r.bandwidth_bps, "before");
  if (s == S (DOWN))
    lm_console_connection_set_usable (c, FALSE);
  else if (s == S (UPDATING))
    lm_console_update_connection (fx->console, c, NULL, G_GUINT64_CONSTANT (25000000000), 0x7f);
  else if (s == S (DELETING) || s == S (DELETED))
    lm_console_delete_connection (fx->console, c);
  if (s == S (DELETED))
    lm_sim_run (fx->sim);
  return c;
}

static void
test_every_cell (void)
{
  guint moved = 0;
  for (int s = S (REQUESTED); s < S (N_STATES); s++)
    for (int e = 0; e < LM_CONSOLE_N_EVENTS; e++)
      {
        Fx fx;
        fx_init (&fx, 10);
        LmConsoleConnection *c = reach (&fx, (LmConsoleState) s);
        CU_ASSERT_EQUAL_FATAL (lm_console_connection_state (c), (LmConsoleState) s);
        guint before = fx.seen.states;
        lm_console_connection_feed (c, (LmConsoleEvent) e, NULL);
        int want = expected_next ((LmConsoleState) s, (LmConsoleEvent) e);
        LmConsoleState got = lm_console_connection_state (c);
        gboolean ok = want < 0 ? got == (LmConsoleState) s : got == (LmConsoleState) want;
        if (!ok)
          g_printerr ("\n  %s in %s: got %s, expected %s", lm_console_event_name (e),
                      lm_console_state_name (s), lm_console_state_name (got),
                      want < 0 ? "no change" : lm_console_state_name (want));
        CU_ASSERT (ok);
        /* one signal per change, none when ignored */
        CU_ASSERT_EQUAL (fx.seen.states - before, want < 0 ? 0u : 1u);
        moved += want >= 0;
        fx_clear (&fx);
      }
  CU_ASSERT_EQUAL (moved, 18);
}

static void
test_table_none_row (void)
{
  for (int s = 0; s < S (N_STATES); s++)
    for (int e = 0; e < LM_CONSOLE_N_EVENTS; e++)
      {
        LmConsoleState next;
        int want = expected_next ((LmConsoleState) s, (LmConsoleEvent) e);
        gboolean valid = lm_console_transition ((LmConsoleState) s, (LmConsoleEvent) e, &next);
        CU_ASSERT_EQUAL (valid, want >= 0);
        if (valid && want >= 0)
          CU_ASSERT_EQUAL (next, (LmConsoleState) want);
      }
}

static void
expect_create (LmConsoleRequest r, LmApiResult want, const char *why_part)
{
  Fx fx;
  fx_init (&fx, 10);
  LmConsoleConnection *c = (LmConsoleConnection *) 0x1;
  LmApiResult got = lm_console_create_connection (fx.console, &r, &c);
  CU_ASSERT_EQUAL (got, want);
  CU_ASSERT_EQUAL (fx.seen.calls, 1);
  CU_ASSERT_STRING_EQUAL (fx.seen.last_call_to, lm_api_result_name (want));
  if (strstr (fx.seen.last_cause, why_part) == NULL)
    g_printerr ("\n  detail '%s' lacks '%s'", fx.seen.last_cause, why_part);
  CU_ASSERT_PTR_NOT_NULL (strstr (fx.seen.last_cause, why_part));
  if (want != LM_API_OK)
    {
      CU_ASSERT_PTR_NULL (c);
      CU_ASSERT_EQUAL (fx.seen.states, 0);     /* no connection came into being */
    }
  fx_clear (&fx);
}

static void
test_create_errors (void)
{
  LmConsoleRequest r = request ("ic1");
  expect_create (r, LM_API_OK, "activation key shown");
  r.bandwidth_bps = G_GUINT64_CONSTANT (3000000000);
  expect_create (r, LM_API_VALIDATION, "not a tier");
  r = request ("ic1");
  r.env_state = LM_SC_ENV_LIMITED;
  r.env_bandwidths = 0x0f;
  r.bandwidth_bps = G_GUINT64_CONSTANT (25000000000);
  expect_create (r, LM_API_VALIDATION, "not available in environment lumen new-york (limited)");
  r = request ("ic1");
  r.account = "ops.example.com";
  expect_create (r, LM_API_VALIDATION, "is not an e-mail address");
  r.account_kind = LM_ACCOUNT_ANY;
  r.account = "acct-42";
  expect_create (r, LM_API_OK, "lmcc-");
  r.account = "bad id!";
  expect_create (r, LM_API_VALIDATION, "alphanumeric");
  r = request ("ic1");
  r.metro_served = FALSE;
  expect_create (r, LM_API_VALIDATION, "does not serve metro new-york");
  r = request ("ic1");
  char *longname = g_strnfill (256, 'n');
  r.description = longname;
  expect_create (r, LM_API_VALIDATION, "256 characters; at most 255");
  g_free (longname);
  r = request ("ic1");
  r.env_state = LM_SC_ENV_UNAVAILABLE;
  expect_create (r, LM_API_CLIENT, "unavailable");
  r = request ("ic1");
  r.gateway_found = FALSE;
  expect_create (r, LM_API_NOT_FOUND, "gateway 'gw' not found");
}

static void
test_ids_and_keys (void)
{
  Fx fx;
  fx_init (&fx, 10);
  LmConsoleRequest r1 = request ("ic1"), r2 = request ("ic2");
  LmConsoleConnection *a, *b, *a2;
  lm_console_create_connection (fx.console, &r1, &a);
  lm_console_create_connection (fx.console, &r2, &b);
  const char *id = lm_console_connection_id (a);
  CU_ASSERT_EQUAL (strlen (id), 13);
  CU_ASSERT (g_str_has_prefix (id, "lmcc-"));
  CU_ASSERT_EQUAL (strspn (id + 5, "abcdefghijklmnopqrstuvwxyz0123456789"), 8);
  CU_ASSERT_STRING_NOT_EQUAL (id, lm_console_connection_id (b));
  const char *key = lm_console_connection_activation_key (a);
  CU_ASSERT (strlen (key) >= 1 && strlen (key) <= 2048);
  CU_ASSERT_PTR_EQUAL (lm_console_get_connection (fx.console, id), a);
  CU_ASSERT_PTR_NULL (lm_console_get_connection (fx.console, "lmcc-zzzzzzzz"));
  /* a second order of ic1 draws on from ic1's stream: a new id */
  lm_console_connection_feed (a, E (KEY_EXPIRED), NULL);
  lm_console_create_connection (fx.console, &r1, &a2);
  CU_ASSERT_STRING_NOT_EQUAL (lm_console_connection_id (a2), id);
  g_autoptr (GPtrArray) all = lm_console_list_connections (fx.console);
  CU_ASSERT_EQUAL (all->len, 3);
  CU_ASSERT_PTR_EQUAL (all->pdata[0], a);
  /* same seed, same ids: the stream is keyed by the interconnect's name */
  Fx fy;
  fx_init (&fy, 10);
  LmConsoleConnection *b2;
  lm_console_create_connection (fy.console, &r2, &b2);   /* ic2 first this time */
  CU_ASSERT_STRING_EQUAL (lm_console_connection_id (b2), lm_console_connection_id (b));
  fx_clear (&fy);
  fx_clear (&fx);
}

static void
test_quota (void)
{
  Fx fx;
  fx_init (&fx, 2);
  LmConsoleRequest r = request ("ic1");
  LmConsoleConnection *a;
  CU_ASSERT_EQUAL (lm_console_create_connection (fx.console, &r, &a), LM_API_OK);
  lm_console_adopt (fx.console, "ic0", r.bandwidth_bps, "before");
  r.interconnect = "ic2";
  CU_ASSERT_EQUAL (lm_console_create_connection (fx.console, &r, NULL), LM_API_QUOTA);
  CU_ASSERT_STRING_EQUAL (fx.seen.last_call_to, "ServiceQuotaExceededException");
  /* a failed connection no longer counts */
  lm_console_connection_feed (a, E (REJECTED), NULL);
  CU_ASSERT_EQUAL (lm_console_create_connection (fx.console, &r, NULL), LM_API_OK);
  fx_clear (&fx);
}

static void
test_accept (void)
{
  Fx fx;
  fx_init (&fx, 10);
  LmConsoleProposal p = {
    .interconnect = "ic1", .key = "k", .key_status = LM_KEY_OK, .partner = "lumen",
    .metro = "chicago", .bandwidth_bps = G_GUINT64_CONSTANT (5000000000), .gateway = "gw",
    .gateway_found = TRUE,
  };
  LmConsoleConnection *c;
  CU_ASSERT_EQUAL (lm_console_describe_proposal (fx.console, &p), LM_API_OK);
  CU_ASSERT_PTR_NOT_NULL (strstr (fx.seen.last_cause, "lumen chicago, 5 Gbps"));
  static const struct { LmKeyStatus k; LmApiResult r; } keys[] = {
    { LM_KEY_NOT_FOUND, LM_API_NOT_FOUND }, { LM_KEY_EXPIRED, LM_API_CLIENT },
    { LM_KEY_USED, LM_API_CLIENT },
  };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      p.key_status = keys[i].k;
      CU_ASSERT_EQUAL (lm_console_describe_proposal (fx.console, &p), keys[i].r);
      CU_ASSERT_EQUAL (lm_console_accept_proposal (fx.console, &p, &c), keys[i].r);
      CU_ASSERT_PTR_NULL (c);
    }
  p.key_status = LM_KEY_OK;
  p.gateway_found = FALSE;
  CU_ASSERT_EQUAL (lm_console_accept_proposal (fx.console, &p, &c), LM_API_NOT_FOUND);
  p.gateway_found = TRUE;
  CU_ASSERT_EQUAL (lm_console_accept_proposal (fx.console, &p, &c), LM_API_OK);
  CU_ASSERT_EQUAL (lm_console_connection_state (c), S (PENDING));
  CU_ASSERT_EQUAL (lm_console_connection_bandwidth (c), G_GUINT64_CONSTANT (5000000000));
  CU_ASSERT_STRING_EQUAL (lm_console_connection_activation_key (c), "k");
  fx_clear (&fx);
}

static void
test_update_and_delete (void)
{
  Fx fx;
  fx_init (&fx, 10);
  LmConsoleRequest r = request ("ic1");
  LmConsoleConnection *req;
  lm_console_create_connection (fx.console, &r, &req);
  CU_ASSERT_EQUAL (lm_console_update_connection (fx.console, req, NULL,
                                                 G_GUINT64_CONSTANT (25000000000), 0x7f),
                   LM_API_CLIENT);                     /* requested: not yet */
  LmConsoleConnection *c = lm_console_adopt (fx.console, "ic2", r.bandwidth_bps, "before");
  CU_ASSERT_EQUAL (lm_console_update_connection (fx.console, c, NULL,
                                                 G_GUINT64_CONSTANT (25000000000), 0x0f),
                   LM_API_VALIDATION);                 /* not offered */
  CU_ASSERT_EQUAL (lm_console_update_connection (fx.console, c, "renamed", 0, 0x7f), LM_API_OK);
  CU_ASSERT_EQUAL (lm_console_connection_state (c), S (AVAILABLE));   /* a name: no updating */
  CU_ASSERT_STRING_EQUAL (lm_console_connection_description (c), "renamed");
  CU_ASSERT_EQUAL (lm_console_update_connection (fx.console, c, NULL,
                                                 G_GUINT64_CONSTANT (25000000000), 0x7f),
                   LM_API_OK);
  CU_ASSERT_EQUAL (lm_console_connection_state (c), S (UPDATING));
  CU_ASSERT_EQUAL (lm_console_connection_pending_bandwidth (c), G_GUINT64_CONSTANT (25000000000));
  /* traffic stopped while updating: after the acknowledgement, down */
  lm_console_connection_set_usable (c, FALSE);
  CU_ASSERT_EQUAL (lm_console_connection_state (c), S (UPDATING));
  lm_console_connection_feed (c, E (ACKNOWLEDGED), NULL);
  CU_ASSERT_EQUAL (lm_console_connection_bandwidth (c), G_GUINT64_CONSTANT (25000000000));
  CU_ASSERT_EQUAL (lm_console_connection_state (c), S (DOWN));
  CU_ASSERT_EQUAL (lm_console_delete_connection (fx.console, c), LM_API_OK);
  CU_ASSERT_EQUAL (lm_console_delete_connection (fx.console, c), LM_API_CLIENT);
  lm_sim_run (fx.sim);
  CU_ASSERT_EQUAL (lm_console_connection_state (c), S (DELETED));
  /* deletion takes uniform(1m, 5m) by default */
  CU_ASSERT (lm_console_connection_since (c) >= LM_MIN (1)
             && lm_console_connection_since (c) <= LM_MIN (5));
  fx_clear (&fx);
}

static void
test_accounts (void)
{
  CU_ASSERT (lm_console_account_valid ("a@b.co", LM_ACCOUNT_EMAIL));
  CU_ASSERT (lm_console_account_valid ("first.last+net@sub.example.com", LM_ACCOUNT_EMAIL));
  CU_ASSERT_FALSE (lm_console_account_valid ("a@b", LM_ACCOUNT_EMAIL));
  CU_ASSERT_FALSE (lm_console_account_valid ("@b.com", LM_ACCOUNT_EMAIL));
  CU_ASSERT_FALSE (lm_console_account_valid ("a@@b.com", LM_ACCOUNT_EMAIL));
  CU_ASSERT_FALSE (lm_console_account_valid ("ACCT123", LM_ACCOUNT_EMAIL));
  CU_ASSERT (lm_console_account_valid ("ACCT123", LM_ACCOUNT_ANY));
  CU_ASSERT (lm_console_account_valid ("a@b.co", LM_ACCOUNT_ANY));
  CU_ASSERT_FALSE (lm_console_account_valid ("", LM_ACCOUNT_ANY));
  CU_ASSERT_FALSE (lm_console_account_valid ("has space", LM_ACCOUNT_ANY));
  char *long_id = g_strnfill (65, 'a');
  CU_ASSERT_FALSE (lm_console_account_valid (long_id, LM_ACCOUNT_ANY));
  g_free (long_id);
}

LM_SUITE (models_console) = {
  { "every cell of the lifecycle table, on real connections", test_every_cell },
  { "the table's cells, none row included", test_table_none_row },
  { "CreateConnection: each validation, not-found and client exception", test_create_errors },
  { "ids lmcc- + 8 of [a-z0-9] and keys from the interconnect's own stream",
    test_ids_and_keys },
  { "quota exceeded; a failed connection no longer counts", test_quota },
  { "Describe/AcceptConnectionProposal and the key's verdicts", test_accept },
  { "UpdateConnection goes through updating; DeleteConnection through deleting",
    test_update_and_delete },
  { "remote account: e-mail for Lumen, or an alphanumeric id", test_accounts },
  CU_TEST_INFO_NULL,
};
