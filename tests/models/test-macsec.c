/* tests/models/test-macsec.c — the MACsec/MKA model against the real kernel,
 * driven by scripted link events: every (state, event) cell, bring-up bounds,
 * what each mode lets through, hitless rekey and CAK rotation, CAK mismatch
 * and silence windows, carrier loss, PN exhaustion, reproducibility. */
#include <math.h>
#include <string.h>
#include "tests/lm-test.h"
#include "models/macsec.h"
#include "models/macsec-private.h"

#define CLOUD LM_MACSEC_END_CLOUD
#define PARTNER LM_MACSEC_END_PARTNER
#define ST(x) LM_MACSEC_STATE_##x
#define EV(x) LM_MACSEC_EVENT_##x

/* ------------------------------------------------------------ harness */

typedef struct {
  LmTime t;
  LmMacsecCarry carry;
  LmMacsecReason reason;
} Note;

typedef struct {
  LmTime t;
  LmMacsecEnd end;
  LmMacsecState from, to;
  const char *cause;   /* static event name */
} Change;

typedef struct {
  LmSim *sim;
  LmMacsecLink *link;
  GArray *notes;       /* Note */
  GArray *changes;     /* Change */
  GString *trace;
  gboolean rekey_on_secured;
} H;

static void
on_notify (LmMacsecLink *link, LmMacsecCarry carry, LmMacsecReason reason, gpointer data)
{
  H *h = data;
  Note n = { lm_sim_now (h->sim), carry, reason };
  g_array_append_val (h->notes, n);
  g_string_append_printf (h->trace, "%" G_GINT64_FORMAT " carry %s (%s)\n", n.t,
                          lm_macsec_carry_name (carry), lm_macsec_reason_name (reason));
  if (h->rekey_on_secured && carry == LM_MACSEC_CARRY_SECURED)
    {
      h->rekey_on_secured = FALSE;
      lm_macsec_link_rekey (link);   /* a request from inside the callback */
    }
}

static void
on_state (LmSim *sim, const LmSignal *s, gpointer data)
{
  H *h = data;
  CU_ASSERT_STRING_EQUAL (s->what, "macsec");
  Change c = { s->time, g_str_has_suffix (s->component, ".cloud") ? CLOUD : PARTNER,
               s->u.state.from, s->u.state.to, s->u.state.cause };
  g_array_append_val (h->changes, c);
  g_string_append_printf (h->trace, "%" G_GINT64_FORMAT " %s %s->%s (%s)\n", s->time,
                          s->component, s->u.state.from_name, s->u.state.to_name,
                          s->u.state.cause);
}

static H *
h_new (guint64 seed, const LmMacsecConfig *cfg)
{
  H *h = g_new0 (H, 1);
  h->sim = lm_sim_new (seed, 0);
  h->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  h->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  h->trace = g_string_new (NULL);
  lm_sim_connect (h->sim, LM_SIGNAL_STATE, on_state, h);
  LmMacsecConfig def;
  lm_macsec_config_init (&def);
  h->link = lm_macsec_link_new (h->sim, "ic1.A.rp1.link", cfg ? cfg : &def, on_notify, h);
  return h;
}

static void
h_free (H *h)
{
  lm_macsec_link_free (h->link);
  lm_sim_free (h->sim);
  g_array_unref (h->notes);
  g_array_unref (h->changes);
  g_string_free (h->trace, TRUE);
  g_free (h);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (H, h_free)

static LmMacsecConfig
cfg_mode (LmMacsecMode mode)
{
  LmMacsecConfig c;
  lm_macsec_config_init (&c);
  c.mode = mode;
  return c;
}

static void
run_to (H *h, LmTime t)
{
  lm_sim_run_until (h->sim, t);
}

/* Applies the requests just made (zero-delay events) and nothing later. */
static void
settle_now (H *h)
{
  lm_sim_run_until (h->sim, lm_sim_now (h->sim));
}

static LmMacsecState
st (H *h, LmMacsecEnd end)
{
  return lm_macsec_link_state (h->link, end);
}

static LmMacsecCarry
carry (H *h)
{
  return lm_macsec_link_may_carry (h->link, NULL);
}

/* Time of the first notify with @c at or after @after; -1 when none. */
static LmTime
first_note (H *h, LmMacsecCarry c, LmTime after)
{
  for (guint i = 0; i < h->notes->len; i++)
    {
      const Note *n = &g_array_index (h->notes, Note, i);
      if (n->t >= after && n->carry == c)
        return n->t;
    }
  return -1;
}

/* Notifies with carry @c at or after @after. */
static guint
count_notes (H *h, LmMacsecCarry c, LmTime after)
{
  guint k = 0;
  for (guint i = 0; i < h->notes->len; i++)
    {
      const Note *n = &g_array_index (h->notes, Note, i);
      k += n->t >= after && n->carry == c;
    }
  return k;
}

/* Time of the first change of @end into @to at or after @after; -1 if none. */
static LmTime
first_change (H *h, LmMacsecEnd end, LmMacsecState to, LmTime after)
{
  for (guint i = 0; i < h->changes->len; i++)
    {
      const Change *c = &g_array_index (h->changes, Change, i);
      if (c->t >= after && c->end == end && c->to == to)
        return c->t;
    }
  return -1;
}

/* Changes of @end into @to, with their times in @times when given. */
static guint
count_changes (H *h, LmMacsecEnd end, LmMacsecState to, GArray *times)
{
  guint k = 0;
  for (guint i = 0; i < h->changes->len; i++)
    {
      const Change *c = &g_array_index (h->changes, Change, i);
      if (c->end == end && c->to == to)
        {
          k++;
          if (times != NULL)
            g_array_append_val (times, c->t);
        }
    }
  return k;
}

/* ------------------------------------------------------------ the table, cell by cell */

/* The table as docs/models-macsec.md states it, written out again here so
 * that a wrong cell in the model cannot agree with itself.  An unlisted cell
 * means "ignored: same state, no signal". */
typedef struct { gboolean listed; LmMacsecState next; } Want;
#define W(s) { TRUE, ST (s) }

static const Want want[LM_MACSEC_N_STATES][LM_MACSEC_N_EVENTS] = {
  [ST (IDLE)] = {
    [EV (CARRIER_UP)] = W (DISCOVERING),
    [EV (ALREADY_SECURED)] = W (SECURED),
  },
  [ST (DISCOVERING)] = {
    [EV (CARRIER_DOWN)] = W (IDLE),
    [EV (PEER_FOUND)] = W (KEY_SERVER_ELECTED),
  },
  [ST (KEY_SERVER_ELECTED)] = {
    [EV (CARRIER_DOWN)] = W (IDLE),
    [EV (SAK_INSTALLED)] = W (SECURED),
    [EV (LIFE_EXPIRED)] = W (DISCOVERING),
    [EV (NEW_CA)] = W (DISCOVERING),
  },
  [ST (SECURED)] = {
    [EV (CARRIER_DOWN)] = W (IDLE),
    [EV (REKEY)] = W (REKEYING),
    [EV (NEW_CA)] = W (REKEYING),
    [EV (LIFE_EXPIRED)] = W (DISCOVERING),
    [EV (PEER_FOUND)] = W (KEY_SERVER_ELECTED),
  },
  [ST (REKEYING)] = {
    [EV (CARRIER_DOWN)] = W (IDLE),
    [EV (REKEY_DONE)] = W (SECURED),
    [EV (LIFE_EXPIRED)] = W (DISCOVERING),
    [EV (PEER_FOUND)] = W (KEY_SERVER_ELECTED),
  },
};

/* Brings both ends of a fresh link to @s through the public API. */
static void
drive_to (H *h, LmMacsecState s)
{
  switch (s)
    {
    case ST (IDLE):
      break;
    case ST (DISCOVERING):
      lm_macsec_link_set_silent (h->link, TRUE);   /* so discovery never completes */
      lm_macsec_link_set_carrier (h->link, TRUE);
      break;
    case ST (KEY_SERVER_ELECTED):
      lm_macsec_link_set_carrier (h->link, TRUE);
      while (st (h, CLOUD) != s && lm_sim_step (h->sim))
        ;
      break;
    case ST (SECURED):
      lm_macsec_link_start_secured (h->link);
      break;
    case ST (REKEYING):
      lm_macsec_link_start_secured (h->link);
      lm_macsec_link_rekey (h->link);
      break;
    default:
      g_assert_not_reached ();
    }
  settle_now (h);
  CU_ASSERT_EQUAL_FATAL (st (h, CLOUD), s);
  CU_ASSERT_EQUAL_FATAL (st (h, PARTNER), s);
}

/* Every event in state @s: the cloud end moves as the table says, emits
 * exactly one signal with the event's name as cause when it moves and none
 * when it does not; the partner end is untouched. */
static void
check_row (LmMacsecState s)
{
  for (int e = 0; e < LM_MACSEC_N_EVENTS; e++)
    {
      g_autoptr (H) h = h_new (11, NULL);
      drive_to (h, s);
      guint before = h->changes->len;
      lm_macsec_link_inject (h->link, CLOUD, (LmMacsecEvent) e);
      settle_now (h);
      LmMacsecState next = want[s][e].listed ? want[s][e].next : s;
      gboolean ok = st (h, CLOUD) == next && st (h, PARTNER) == s;
      guint emitted = h->changes->len - before;
      ok = ok && emitted == (next != s ? 1u : 0u);
      if (ok && emitted == 1)
        {
          const Change *c = &g_array_index (h->changes, Change, before);
          ok = c->end == CLOUD && c->from == s && c->to == next
               && strcmp (c->cause, lm_macsec_event_name ((LmMacsecEvent) e)) == 0;
        }
      if (!ok)
        g_printerr ("\ncell (%s, %s): got %s, want %s, %u signals\n",
                    lm_macsec_state_name (s), lm_macsec_event_name ((LmMacsecEvent) e),
                    lm_macsec_state_name (st (h, CLOUD)), lm_macsec_state_name (next), emitted);
      CU_ASSERT_TRUE (ok);
    }
}

static void test_cells_idle (void) { check_row (ST (IDLE)); }
static void test_cells_discovering (void) { check_row (ST (DISCOVERING)); }
static void test_cells_elected (void) { check_row (ST (KEY_SERVER_ELECTED)); }
static void test_cells_secured (void) { check_row (ST (SECURED)); }
static void test_cells_rekeying (void) { check_row (ST (REKEYING)); }

/* The actions of the live-peer rows: MKPDU loss arms the peer's expiry in
 * (life − hello, life]; MKPDU recovery before it disarms it. */
static void
test_cells_mkpdu_loss_and_recovery (void)
{
  const LmMacsecState live[] = { ST (KEY_SERVER_ELECTED), ST (SECURED), ST (REKEYING) };
  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    {
      g_autoptr (H) h = h_new (5 + i, NULL);
      drive_to (h, live[i]);
      LmTime t0 = lm_sim_now (h->sim);
      lm_macsec_link_inject (h->link, CLOUD, EV (MKPDU_LOST));
      settle_now (h);
      run_to (h, t0 + LM_S (6));
      LmTime lost = first_change (h, CLOUD, ST (DISCOVERING), t0);
      CU_ASSERT (lost > t0 + LM_S (4) && lost <= t0 + LM_S (6));

      g_autoptr (H) k = h_new (5 + i, NULL);
      drive_to (k, live[i]);
      t0 = lm_sim_now (k->sim);
      lm_macsec_link_inject (k->link, CLOUD, EV (MKPDU_LOST));
      lm_macsec_link_inject (k->link, CLOUD, EV (MKPDU_RESUMED));
      settle_now (k);
      run_to (k, t0 + LM_S (60));
      CU_ASSERT_EQUAL (first_change (k, CLOUD, ST (DISCOVERING), t0), -1);
    }
}

/* ------------------------------------------------------------ bring-up */

/* Carrier up at t = 0: discovery within one hello, then the SAK install
 * delay: secured in (0.5 s, 2.5 s], mean 0.5 + 2/3 × 2 s (the later of two
 * uniform hello phases).  Under must-encrypt nothing passes before. */
static void
test_bringup_within_bound_must_encrypt (void)
{
  long n = lm_test_size (2000, 200);
  double sum = 0;
  for (long i = 0; i < n; i++)
    {
      g_autoptr (H) h = h_new ((guint64) i + 1, NULL);
      lm_macsec_link_set_carrier (h->link, TRUE);
      lm_sim_run (h->sim);   /* XPN at 100 Gbps: no rekey ever, the queue empties */
      CU_ASSERT_EQUAL_FATAL (h->notes->len, 2);
      const Note *a = &g_array_index (h->notes, Note, 0), *b = &g_array_index (h->notes, Note, 1);
      CU_ASSERT (a->t == 0 && a->carry == LM_MACSEC_CARRY_NONE
                 && a->reason == LM_MACSEC_REASON_NO_SAK);
      CU_ASSERT (b->carry == LM_MACSEC_CARRY_SECURED);
      CU_ASSERT (b->t > LM_MS (500) && b->t <= LM_MS (2500));
      /* the key server was elected at discovery, the SAK 0.5 s later */
      CU_ASSERT_EQUAL (first_change (h, CLOUD, ST (KEY_SERVER_ELECTED), 0), b->t - LM_MS (500));
      CU_ASSERT_EQUAL (first_change (h, PARTNER, ST (SECURED), 0), b->t);
      sum += LM_TIME_TO_S (b->t);
    }
  double sd = 2.0 * sqrt (2.0 / 36.0);   /* max of two U(0, 2 s) */
  CU_ASSERT_DOUBLE_EQUAL (sum / n, 0.5 + 4.0 / 3.0, 5 * sd / sqrt ((double) n));
}

static void
test_bringup_should_encrypt_passes_clear (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_SHOULD_ENCRYPT);
  g_autoptr (H) h = h_new (3, &c);
  lm_macsec_link_set_carrier (h->link, TRUE);
  lm_sim_run (h->sim);
  CU_ASSERT_EQUAL_FATAL (h->notes->len, 2);
  const Note *a = &g_array_index (h->notes, Note, 0), *b = &g_array_index (h->notes, Note, 1);
  CU_ASSERT (a->t == 0 && a->carry == LM_MACSEC_CARRY_CLEAR
             && a->reason == LM_MACSEC_REASON_FALLBACK_CLEAR);
  CU_ASSERT (b->carry == LM_MACSEC_CARRY_SECURED && b->t <= LM_MS (2500));
}

static void
test_no_encrypt_always_clear (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_NO_ENCRYPT);
  g_autoptr (H) h = h_new (3, &c);
  lm_macsec_link_set_carrier (h->link, TRUE);
  lm_macsec_link_rekey (h->link);
  lm_macsec_link_cak_mismatch (h->link, PARTNER);
  run_to (h, LM_MIN (5));
  CU_ASSERT_EQUAL (carry (h), LM_MACSEC_CARRY_CLEAR);
  lm_macsec_link_rotate_cak (h->link);
  lm_macsec_link_set_silent (h->link, TRUE);
  run_to (h, LM_MIN (10));
  LmMacsecReason why;
  CU_ASSERT_EQUAL (lm_macsec_link_may_carry (h->link, &why), LM_MACSEC_CARRY_CLEAR);
  CU_ASSERT_EQUAL (why, LM_MACSEC_REASON_NO_ENCRYPT);
  CU_ASSERT_EQUAL (h->changes->len, 0);   /* MKA never ran */
  lm_macsec_link_set_carrier (h->link, FALSE);
  settle_now (h);
  CU_ASSERT_EQUAL (carry (h), LM_MACSEC_CARRY_NONE);
  CU_ASSERT_EQUAL (h->notes->len, 2);
}

/* ------------------------------------------------------------ hitless changes */

static void
test_rekey_is_hitless (void)
{
  g_autoptr (H) h = h_new (9, NULL);
  lm_macsec_link_start_secured (h->link);
  run_to (h, LM_S (10));
  guint64 saks = lm_macsec_link_saks (h->link);
  lm_macsec_link_rekey (h->link);
  run_to (h, LM_S (60));
  CU_ASSERT_EQUAL (h->notes->len, 1);   /* secured at 0 s, then never anything else */
  CU_ASSERT_EQUAL (first_change (h, CLOUD, ST (REKEYING), 0), LM_S (10));
  /* new SAK in use after 0.5 s, old SA retired 3 s later */
  CU_ASSERT_EQUAL (first_change (h, PARTNER, ST (SECURED), LM_S (10)), LM_MS (13500));
  CU_ASSERT_EQUAL (lm_macsec_link_since (h->link, PARTNER), LM_MS (13500));
  CU_ASSERT_EQUAL (lm_macsec_link_saks (h->link), saks + 1);
}

/* The notify callback may make requests: they run after it, same instant. */
static void
test_request_from_notify (void)
{
  g_autoptr (H) h = h_new (4, NULL);
  h->rekey_on_secured = TRUE;
  lm_macsec_link_set_carrier (h->link, TRUE);
  run_to (h, LM_S (10));
  LmTime secured = first_note (h, LM_MACSEC_CARRY_SECURED, 0);
  CU_ASSERT (secured > 0);
  CU_ASSERT_EQUAL (first_change (h, CLOUD, ST (REKEYING), 0), secured);
  CU_ASSERT_EQUAL (st (h, CLOUD), ST (SECURED));
}

static void
test_cak_rotation_is_hitless (void)
{
  long n = lm_test_size (300, 50);
  for (long i = 0; i < n; i++)
    {
      g_autoptr (H) h = h_new ((guint64) i + 100, NULL);
      lm_macsec_link_start_secured (h->link);
      for (int k = 1; k <= 4; k++)
        {
          run_to (h, LM_MIN (k));
          lm_macsec_link_rotate_cak (h->link);
        }
      run_to (h, LM_MIN (6));
      CU_ASSERT_EQUAL (h->notes->len, 1);
      CU_ASSERT_EQUAL (count_changes (h, CLOUD, ST (REKEYING), NULL), 4);
      /* the new CA forms within a hello, then SAK install and retire */
      LmTime done = first_change (h, CLOUD, ST (SECURED), LM_MIN (1));
      CU_ASSERT (done >= LM_MIN (1) + LM_MS (3500) && done < LM_MIN (1) + LM_MS (5500));
      CU_ASSERT_EQUAL (lm_macsec_link_keychain_len (h->link, CLOUD), LM_MACSEC_KEYCHAIN_MAX);
      CU_ASSERT_EQUAL (lm_macsec_link_keychain_len (h->link, PARTNER), LM_MACSEC_KEYCHAIN_MAX);
    }
}

/* ------------------------------------------------------------ failures */

/* One end's CAK changes: both keep their SAK until their peer expires, the
 * first after min over ends of (life − age) ∈ (4 s, 6 s], mean 6 − 4/3 s;
 * then must-encrypt passes nothing, for as long as the mismatch lasts. */
static void
test_cak_mismatch_window_must_encrypt (void)
{
  long n = lm_test_size (2000, 200);
  double sum = 0;
  for (long i = 0; i < n; i++)
    {
      g_autoptr (H) h = h_new ((guint64) i + 7000, NULL);
      lm_macsec_link_start_secured (h->link);
      run_to (h, LM_S (100));
      lm_macsec_link_cak_mismatch (h->link, (i & 1) ? CLOUD : PARTNER);
      run_to (h, LM_H (1));
      LmTime lost = first_note (h, LM_MACSEC_CARRY_NONE, LM_S (100));
      CU_ASSERT (lost > LM_S (104) && lost <= LM_S (106));
      CU_ASSERT_EQUAL (count_notes (h, LM_MACSEC_CARRY_SECURED, LM_S (100)), 0);
      CU_ASSERT_EQUAL (carry (h), LM_MACSEC_CARRY_NONE);
      CU_ASSERT (st (h, CLOUD) == ST (DISCOVERING) && st (h, PARTNER) == ST (DISCOVERING));
      sum += LM_TIME_TO_S (lost - LM_S (100));
    }
  double sd = 2.0 * sqrt (2.0 / 36.0);
  CU_ASSERT_DOUBLE_EQUAL (sum / n, 6.0 - 4.0 / 3.0, 5 * sd / sqrt ((double) n));
}

/* Should-encrypt: while one end is still secured and the other has fallen
 * back, nothing passes; once both have lost the peer, clear traffic flows. */
static void
test_cak_mismatch_should_encrypt_falls_back (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_SHOULD_ENCRYPT);
  g_autoptr (H) h = h_new (21, &c);
  lm_macsec_link_start_secured (h->link);
  run_to (h, LM_S (100));
  lm_macsec_link_cak_mismatch (h->link, CLOUD);
  run_to (h, LM_S (200));
  LmTime gap = first_note (h, LM_MACSEC_CARRY_NONE, LM_S (100));
  LmTime clear = first_note (h, LM_MACSEC_CARRY_CLEAR, LM_S (100));
  CU_ASSERT (gap > LM_S (104) && gap <= LM_S (106));
  CU_ASSERT (clear >= gap && clear <= LM_S (106));
  LmMacsecReason why;
  CU_ASSERT_EQUAL (lm_macsec_link_may_carry (h->link, &why), LM_MACSEC_CARRY_CLEAR);
  CU_ASSERT_EQUAL (why, LM_MACSEC_REASON_FALLBACK_CLEAR);
}

/* A CAK rotation repairs a mismatch at any point of the peers' expiry:
 * secured again within one hello and the SAK install of the rotation. */
static void
test_rotation_repairs_mismatch (void)
{
  long n = lm_test_size (400, 60);
  for (long i = 0; i < n; i++)
    {
      g_autoptr (H) h = h_new ((guint64) i + 300, NULL);
      lm_macsec_link_start_secured (h->link);
      run_to (h, LM_S (100));
      lm_macsec_link_cak_mismatch (h->link, PARTNER);
      LmTime fix = LM_S (100) + LM_MS (20 * i % 8000);   /* before, during, after expiry */
      run_to (h, fix);
      lm_macsec_link_rotate_cak (h->link);
      run_to (h, fix + LM_S (30));
      CU_ASSERT_EQUAL (carry (h), LM_MACSEC_CARRY_SECURED);
      LmTime back = first_note (h, LM_MACSEC_CARRY_SECURED, LM_S (100));
      CU_ASSERT (back == -1 || (back >= fix && back <= fix + LM_MS (2500)));
      CU_ASSERT (st (h, CLOUD) == ST (SECURED) && st (h, PARTNER) == ST (SECURED));
    }
}

static void
test_carrier_loss_is_immediate (void)
{
  g_autoptr (H) h = h_new (2, NULL);
  lm_macsec_link_start_secured (h->link);
  run_to (h, LM_S (50));
  lm_macsec_link_set_carrier (h->link, FALSE);
  settle_now (h);
  LmMacsecReason why;
  CU_ASSERT_EQUAL (lm_macsec_link_may_carry (h->link, &why), LM_MACSEC_CARRY_NONE);
  CU_ASSERT_EQUAL (why, LM_MACSEC_REASON_CARRIER_DOWN);
  CU_ASSERT_EQUAL (first_note (h, LM_MACSEC_CARRY_NONE, 0), LM_S (50));
  CU_ASSERT (st (h, CLOUD) == ST (IDLE) && st (h, PARTNER) == ST (IDLE));
  CU_ASSERT_EQUAL (lm_sim_pending (h->sim), 0);   /* every timer stopped */
  run_to (h, LM_S (80));
  lm_macsec_link_set_carrier (h->link, TRUE);
  run_to (h, LM_S (90));
  LmTime back = first_note (h, LM_MACSEC_CARRY_SECURED, LM_S (80));
  CU_ASSERT (back > LM_MS (80500) && back <= LM_MS (82500));
}

/* A silence is noticed only when a peer's life time runs out; one shorter
 * than life − hello goes unnoticed. */
static void
test_silence_windows (void)
{
  long n = lm_test_size (500, 80);
  for (long i = 0; i < n; i++)
    {
      g_autoptr (H) h = h_new ((guint64) i + 50, NULL);
      lm_macsec_link_start_secured (h->link);
      run_to (h, LM_S (10));
      lm_macsec_link_set_silent (h->link, TRUE);
      run_to (h, LM_MS (13900));
      lm_macsec_link_set_silent (h->link, FALSE);   /* 3.9 s < life − hello */
      run_to (h, LM_S (20));
      CU_ASSERT_EQUAL (h->notes->len, 1);
      CU_ASSERT_EQUAL (h->changes->len, 2);   /* only the initial Idle → Secured */
      lm_macsec_link_set_silent (h->link, TRUE);
      run_to (h, LM_S (30));
      LmTime lost = first_note (h, LM_MACSEC_CARRY_NONE, LM_S (20));
      CU_ASSERT (lost > LM_S (24) && lost <= LM_S (26));
      lm_macsec_link_set_silent (h->link, FALSE);
      run_to (h, LM_S (40));
      LmTime back = first_note (h, LM_MACSEC_CARRY_SECURED, LM_S (30));
      CU_ASSERT (back > LM_MS (30500) && back <= LM_MS (32500));
    }
}

/* ------------------------------------------------------------ packet numbers */

static void
test_pn_exhaustion_times (void)
{
  /* 100 Gbps of 1500-byte frames: 8.33 Mpps; threshold 0xC0000000 */
  double pps = 100e9 / (8.0 * 1500);
  LmTime t = lm_macsec_pn_exhaustion (LM_MACSEC_CIPHER_GCM_AES_256, 100e9, 1500);
  CU_ASSERT_DOUBLE_EQUAL (LM_TIME_TO_S (t), 3221225472.0 / pps, 1e-6);
  CU_ASSERT (t > LM_S (386) && t < LM_S (387));
  CU_ASSERT_EQUAL (lm_macsec_pn_exhaustion (LM_MACSEC_CIPHER_GCM_AES_XPN_256, 100e9, 1500),
                   LM_TIME_MAX);
  double xpn_y = lm_macsec_pn_exhaustion_s (LM_MACSEC_CIPHER_GCM_AES_XPN_256, 100e9, 1500)
                 / (365 * 86400.0);
  CU_ASSERT (xpn_y > 52000 && xpn_y < 53000);
  CU_ASSERT_EQUAL (lm_macsec_pn_exhaustion (LM_MACSEC_CIPHER_GCM_AES_256, 0, 1500), LM_TIME_MAX);
}

/* GCM-AES-256 at 100 Gbps: rekey on PN exhaustion every 386.5 s after each
 * new SAK took over (plus its 0.5 s distribution): hitless. */
static void
test_pn_rollover_rekeys_gcm_aes_256 (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_MUST_ENCRYPT);
  c.cipher = LM_MACSEC_CIPHER_GCM_AES_256;
  g_autoptr (H) h = h_new (8, &c);
  lm_macsec_link_start_secured (h->link);
  run_to (h, LM_H (1));
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (LmTime));
  guint n = count_changes (h, CLOUD, ST (REKEYING), times);
  CU_ASSERT (n >= 9 && n <= 10);
  LmTime period = lm_macsec_pn_exhaustion (c.cipher, 100e9, 1500) + LM_MS (500);
  for (guint i = 1; i < times->len; i++)
    CU_ASSERT (llabs (g_array_index (times, LmTime, i) - g_array_index (times, LmTime, i - 1)
                      - period) <= 2);
  CU_ASSERT (g_array_index (times, LmTime, 0) <= period);   /* SAK age drawn at t = 0 */
  CU_ASSERT_EQUAL (h->notes->len, 1);
}

/* The PN count follows the transmit rate: 100 s at 100 Gbps, then 10 Gbps. */
static void
test_pn_follows_tx_rate (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_MUST_ENCRYPT);
  c.cipher = LM_MACSEC_CIPHER_GCM_AES_256;
  g_autoptr (H) h = h_new (8, &c);
  lm_macsec_link_set_carrier (h->link, TRUE);
  run_to (h, LM_S (10));
  LmTime sak = first_change (h, CLOUD, ST (SECURED), 0);
  CU_ASSERT_FATAL (sak > 0);
  run_to (h, sak + LM_S (100));
  lm_macsec_link_set_tx_rate (h->link, CLOUD, 10e9);
  lm_macsec_link_set_tx_rate (h->link, PARTNER, 10e9);
  run_to (h, LM_H (3));
  double left = 3221225472.0 - 100e9 / 12000.0 * 100.0;
  LmTime want_t = sak + LM_S (100) + (LmTime) ceil (left / (10e9 / 12000.0) * 1e9);
  CU_ASSERT (llabs (first_change (h, CLOUD, ST (REKEYING), 0) - want_t) <= 2);
  /* a link that stops sending never runs out */
  lm_macsec_link_set_tx_rate (h->link, CLOUD, 0);
  lm_macsec_link_set_tx_rate (h->link, PARTNER, 0);
  run_to (h, LM_H (4));
  guint before = count_changes (h, CLOUD, ST (REKEYING), NULL);
  run_to (h, LM_D (2));
  CU_ASSERT_EQUAL (count_changes (h, CLOUD, ST (REKEYING), NULL), before);
}

/* GCM-AES-XPN-256 never exhausts its PNs in a year at 100 Gbps. */
static void
test_xpn_year_without_rekey (void)
{
  g_autoptr (H) h = h_new (8, NULL);
  lm_macsec_link_start_secured (h->link);
  run_to (h, LM_Y (1));
  CU_ASSERT_EQUAL (count_changes (h, CLOUD, ST (REKEYING), NULL), 0);
  CU_ASSERT (lm_sim_events_run (h->sim) < 5);
}

static void
test_periodic_rekey (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_MUST_ENCRYPT);
  c.rekey_interval = LM_MIN (10);
  g_autoptr (H) h = h_new (13, &c);
  lm_macsec_link_start_secured (h->link);
  run_to (h, LM_H (2));
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (LmTime));
  guint n = count_changes (h, PARTNER, ST (REKEYING), times);
  CU_ASSERT (n >= 11 && n <= 12);
  for (guint i = 1; i < times->len; i++)
    CU_ASSERT_EQUAL (g_array_index (times, LmTime, i) - g_array_index (times, LmTime, i - 1),
                     LM_MIN (10) + LM_MS (500));
  CU_ASSERT_EQUAL (h->notes->len, 1);
}

/* ------------------------------------------------------------ determinism, API */

static char *
scripted_trace (guint64 seed)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_SHOULD_ENCRYPT);
  c.cipher = LM_MACSEC_CIPHER_GCM_AES_256;
  H *h = h_new (seed, &c);
  for (int k = 0; k < 5; k++)
    {
      LmTime t0 = LM_MIN (10 * k);
      run_to (h, t0);
      lm_macsec_link_set_carrier (h->link, TRUE);
      run_to (h, t0 + LM_MIN (1));
      lm_macsec_link_cak_mismatch (h->link, (LmMacsecEnd) (k & 1));
      run_to (h, t0 + LM_MIN (2));
      lm_macsec_link_rotate_cak (h->link);
      run_to (h, t0 + LM_MIN (3));
      lm_macsec_link_set_silent (h->link, TRUE);
      run_to (h, t0 + LM_MIN (4));
      lm_macsec_link_set_silent (h->link, FALSE);
      run_to (h, t0 + LM_MIN (9));
      lm_macsec_link_set_carrier (h->link, FALSE);
    }
  run_to (h, LM_H (1));
  char *s = g_strdup (h->trace->str);
  h_free (h);
  return s;
}

static void
test_reproducible_with_seed (void)
{
  g_autofree char *a = scripted_trace (77);
  g_autofree char *b = scripted_trace (77);
  g_autofree char *c = scripted_trace (78);
  CU_ASSERT (strlen (a) > 1000);
  CU_ASSERT_STRING_EQUAL (a, b);
  CU_ASSERT_STRING_NOT_EQUAL (a, c);
}

static void
test_key_server_election (void)
{
  LmMacsecConfig c = cfg_mode (LM_MACSEC_MODE_MUST_ENCRYPT);
  c.key_server_priority[CLOUD] = 10;
  c.key_server_priority[PARTNER] = 20;
  g_autoptr (H) a = h_new (1, &c);
  CU_ASSERT_EQUAL (lm_macsec_link_key_server (a->link), CLOUD);
  c.key_server_priority[CLOUD] = 30;
  g_autoptr (H) b = h_new (1, &c);
  CU_ASSERT_EQUAL (lm_macsec_link_key_server (b->link), PARTNER);
}

static void
test_free_with_pending_requests (void)
{
  LmMacsecConfig def;
  lm_macsec_config_init (&def);
  g_autoptr (LmSim) sim = lm_sim_new (1, 0);
  LmMacsecLink *link = lm_macsec_link_new (sim, "l", &def, NULL, NULL);
  lm_macsec_link_set_carrier (link, TRUE);
  lm_macsec_link_rekey (link);
  lm_sim_run_until (sim, LM_S (1));          /* discovery armed, not done */
  lm_macsec_link_set_silent (link, TRUE);    /* a request still queued */
  lm_macsec_link_free (link);
  CU_ASSERT_EQUAL (lm_sim_pending (sim), 0);
}

static void
test_config_and_names (void)
{
  LmMacsecConfig c;
  lm_macsec_config_init (&c);
  CU_ASSERT_TRUE (lm_macsec_config_check (&c, NULL));
  CU_ASSERT_EQUAL (c.hello, LM_S (2));
  CU_ASSERT_EQUAL (c.life, LM_S (6));
  CU_ASSERT_EQUAL (c.cipher, LM_MACSEC_CIPHER_GCM_AES_XPN_256);
  CU_ASSERT_EQUAL (c.mode, LM_MACSEC_MODE_MUST_ENCRYPT);
  g_autoptr (GError) error = NULL;
  c.life = c.hello;
  CU_ASSERT_FALSE (lm_macsec_config_check (&c, &error));
  CU_ASSERT_TRUE (g_error_matches (error, LM_MACSEC_ERROR, LM_MACSEC_ERROR_CONFIG));

  LmMacsecMode m;
  CU_ASSERT_TRUE (lm_macsec_mode_from_name ("should_encrypt", &m));
  CU_ASSERT_EQUAL (m, LM_MACSEC_MODE_SHOULD_ENCRYPT);
  CU_ASSERT_TRUE (lm_macsec_mode_from_name ("no-encrypt", &m));
  CU_ASSERT_EQUAL (m, LM_MACSEC_MODE_NO_ENCRYPT);
  CU_ASSERT_FALSE (lm_macsec_mode_from_name ("encrypt", &m));
  LmMacsecCipher ci;
  CU_ASSERT_TRUE (lm_macsec_cipher_from_name ("GCM_AES_256", &ci) == FALSE);
  CU_ASSERT_TRUE (lm_macsec_cipher_from_name ("gcm_aes_256", &ci));
  CU_ASSERT_EQUAL (ci, LM_MACSEC_CIPHER_GCM_AES_256);
  CU_ASSERT_STRING_EQUAL (lm_macsec_state_name (ST (KEY_SERVER_ELECTED)), "key-server-elected");
  CU_ASSERT_STRING_EQUAL (lm_macsec_event_name (EV (LIFE_EXPIRED)), "life-expired");
  CU_ASSERT_STRING_EQUAL (lm_macsec_reason_name (LM_MACSEC_REASON_NO_SAK), "no-sak");
  for (int s = 0; s < LM_MACSEC_N_STATES; s++)
    CU_ASSERT_STRING_NOT_EQUAL (lm_macsec_state_name ((LmMacsecState) s), "?");
  for (int e = 0; e < LM_MACSEC_N_EVENTS; e++)
    CU_ASSERT_STRING_NOT_EQUAL (lm_macsec_event_name ((LmMacsecEvent) e), "?");
}

LM_SUITE (models_macsec) = {
  { "every event in Idle", test_cells_idle },
  { "every event in Discovering", test_cells_discovering },
  { "every event in KeyServerElected", test_cells_elected },
  { "every event in Secured", test_cells_secured },
  { "every event in Rekeying", test_cells_rekeying },
  { "MKPDU loss expires the peer after the life time; recovery cancels it",
    test_cells_mkpdu_loss_and_recovery },
  { "bring-up secured within hello + SAK install; must-encrypt passes nothing before",
    test_bringup_within_bound_must_encrypt },
  { "should-encrypt passes clear traffic until secured", test_bringup_should_encrypt_passes_clear },
  { "no-encrypt always passes clear, never runs MKA", test_no_encrypt_always_clear },
  { "a rekey never interrupts traffic", test_rekey_is_hitless },
  { "a request made from the notify callback runs after it", test_request_from_notify },
  { "CAK rotation never interrupts traffic; keychain holds three", test_cak_rotation_is_hitless },
  { "CAK mismatch stops must-encrypt traffic 4-6 s later, for good",
    test_cak_mismatch_window_must_encrypt },
  { "CAK mismatch under should-encrypt falls back to clear",
    test_cak_mismatch_should_encrypt_falls_back },
  { "a CAK rotation repairs a mismatch within 2.5 s", test_rotation_repairs_mismatch },
  { "carrier loss stops traffic at once", test_carrier_loss_is_immediate },
  { "a silent link is noticed after the life time, short silences not at all",
    test_silence_windows },
  { "PN exhaustion: minutes with 32-bit PNs, millennia with XPN", test_pn_exhaustion_times },
  { "GCM-AES-256 at 100 Gbps rekeys on PN exhaustion, hitless",
    test_pn_rollover_rekeys_gcm_aes_256 },
  { "the PN count follows the transmit rate", test_pn_follows_tx_rate },
  { "GCM-AES-XPN-256 runs a year without a rekey", test_xpn_year_without_rekey },
  { "rekey every 10 minutes", test_periodic_rekey },
  { "same seed, same timeline; another seed, another", test_reproducible_with_seed },
  { "key server: lower priority value wins", test_key_server_election },
  { "freeing a link cancels everything it scheduled", test_free_with_pending_requests },
  { "defaults, config errors and names", test_config_and_names },
  CU_TEST_INFO_NULL,
};
