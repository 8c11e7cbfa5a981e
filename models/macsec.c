/* models/macsec.c — MACsec keyed by MKA on one connection, at the level of
 * protocol state changes (never one event per MKPDU).
 *
 * Modelled (IEEE 802.1X-2020 clause 9 MKA, clause 12 CP state machine;
 * IEEE 802.1AE-2018 SAK/PN; Direct Connect's modes, cloud-facts.md §3):
 *   - peer discovery: each end's hello phase is uniform in the MKA Hello Time,
 *     the peers are mutually live when both have sent one MKPDU (≤ 1 hello);
 *   - key server election (highest priority = lowest value, then lowest SCI):
 *     it depends only on configured values, so it is computed once;
 *   - SAK distribution and install: a fixed, stated delay (assumption);
 *   - peer loss: an end deletes its peer and SAs MKA Life Time after the last
 *     valid MKPDU; the age of that MKPDU is drawn uniform in the hello;
 *   - rekey (manual, periodic, PN exhaustion at 3/4 of the PN space), CAK
 *     rotation with a keychain of up to three CKN/CAK pairs, CAK mismatch;
 *   - rekeys and rotations are hitless: the old SA keeps receiving until the
 *     new one is in use at both ends and then for the SAK retire time.
 * Abstracted away: MKPDU contents, ICVs, MN/MI bookkeeping, cipher-suite
 * negotiation, confidentiality offset, group CAs, EAP, in-service suspension.
 *
 * Names, settings and packet-number arithmetic are in models/macsec-names.c.
 *
 * Objects: an LmMacsecLink (owned by the link/site model) owns two ends; each
 * end owns its random stream and three timers (life, PN, periodic rekey); the
 * link owns four (requests, discovery, SAK install, rekey completion).
 * Everything the link scheduled is a timer, so freeing it cancels everything.
 *
 * Each end is an explicit table [state][event] → {next, action}; unlisted
 * cells are ignored (no state change, no signal).  Every change of state goes
 * through set_state(), which stops timers on leaving the secured states and
 * emits one LM_SIGNAL_STATE.  Conditions that need both ends (discovery, SAK
 * install, rekey completion) are timers of the link, armed or stopped by
 * settle() after every event; timer handlers only feed events.
 */
#define G_LOG_DOMAIN "lm-macsec"

#include "models/macsec.h"
#include "models/macsec-private.h"

#include <math.h>
#include <string.h>
#include "sim/rng.h"

/* ------------------------------------------------------------ objects */

typedef struct {
  guint32 ckn, cak;            /* names only: the model compares, never derives */
} Key;

typedef struct {
  LmMacsecLink *link;
  LmMacsecEnd id;
  char *name;                  /* "<link>.cloud": component and stream name */
  gsl_rng *rng;
  LmMacsecState state;
  LmTime since;                /* when it entered state */
  Key keys[LM_MACSEC_KEYCHAIN_MAX];
  guint n_keys;                /* the key in force is keys[n_keys - 1] */
  guint64 sci;
  LmTimer *life, *pn, *periodic;
  double tx_rate_bps;
  double pn_used;              /* frames sent under the SAK in use, at pn_since */
  LmTime pn_since;
} End;

typedef enum {
  REQ_CARRIER, REQ_SILENT, REQ_START_SECURED, REQ_REKEY, REQ_ROTATE,
  REQ_MISMATCH, REQ_TX_RATE, REQ_INJECT,
} ReqKind;

typedef struct {
  ReqKind kind;
  LmMacsecEnd end;
  LmMacsecEvent event;
  gboolean flag;
  double rate_bps;
} Request;

struct _LmMacsecLink {
  LmSim *sim;
  char *name;
  LmMacsecConfig cfg;
  LmMacsecNotify notify;
  gpointer user_data;
  End ends[LM_MACSEC_N_ENDS];
  gboolean carrier, silent;
  gboolean ca_pending;         /* a new CA must form before the rekey ends */
  LmTime start_age;            /* age of the SAK of start_secured() */
  LmMacsecEnd key_server;
  guint64 saks;
  guint32 next_ckn, next_secret;
  GQueue requests;             /* Request *, oldest first */
  LmTimer *request_timer, *discover, *sak, *rekey;
  LmMacsecReason reason;      /* as last notified; it implies the carry */
};

#define FOR_EACH_END(link, e) \
  for (End *e = (link)->ends; e < (link)->ends + LM_MACSEC_N_ENDS; e++)

static gboolean
has_sak (LmMacsecState s)
{
  return s == LM_MACSEC_STATE_SECURED || s == LM_MACSEC_STATE_REKEYING;
}

static gboolean
keys_match (const LmMacsecLink *link)
{
  const End *a = &link->ends[0], *b = &link->ends[1];
  const Key *ka = &a->keys[a->n_keys - 1], *kb = &b->keys[b->n_keys - 1];
  return ka->ckn == kb->ckn && ka->cak == kb->cak;
}

/* Valid MKPDUs pass between the ends. */
static gboolean
can_talk (const LmMacsecLink *link)
{
  return link->cfg.mode != LM_MACSEC_MODE_NO_ENCRYPT && link->carrier
         && !link->silent && keys_match (link);
}

/* A uniform draw in [0, @span) from @e's stream, in whole nanoseconds. */
static LmTime
draw_phase (End *e, LmTime span)
{
  return (LmTime) floor (gsl_rng_uniform (e->rng) * (double) span);
}

/* ------------------------------------------------------------ the table */

typedef enum {
  ACT_NONE,
  ACT_NEW_SAK,      /* a SAK was put in use: PN count from 0, rekey timers */
  ACT_REKEYED,      /* the same, for a SAK in use since the switch, retire ago */
  ACT_AGED_SAK,     /* the same for a SAK in use since before t = 0 */
  ACT_NEW_CA,       /* the rekey must first form the new CA */
  ACT_ARM_LIFE,     /* MKPDUs stopped: the peer expires in (life − hello, life] */
  ACT_STOP_LIFE,    /* MKPDUs back: the peer stays live */
} Action;

typedef struct {
  LmMacsecState next;
  Action action;
  gboolean listed;  /* unlisted cells are ignored */
} Cell;

#define S(x) LM_MACSEC_STATE_##x
#define E(x) LM_MACSEC_EVENT_##x
#define GO(state, act) { S (state), ACT_##act, TRUE }

/* The rows of the three states where an end has a live peer share the arms
 * for carrier loss, MKPDU loss and recovery, and peer expiry. */
#define LIVE_PEER_ROW(self)                                  \
  [E (CARRIER_DOWN)] = GO (IDLE, NONE),                      \
  [E (LIFE_EXPIRED)] = GO (DISCOVERING, NONE),               \
  [E (MKPDU_LOST)] = GO (self, ARM_LIFE),                    \
  [E (MKPDU_RESUMED)] = GO (self, STOP_LIFE)

static const Cell fsm[LM_MACSEC_N_STATES][LM_MACSEC_N_EVENTS] = {
  [S (IDLE)] = {
    [E (CARRIER_UP)] = GO (DISCOVERING, NONE),
    [E (ALREADY_SECURED)] = GO (SECURED, AGED_SAK),
  },
  [S (DISCOVERING)] = {
    [E (CARRIER_DOWN)] = GO (IDLE, NONE),
    [E (PEER_FOUND)] = GO (KEY_SERVER_ELECTED, NONE),
  },
  [S (KEY_SERVER_ELECTED)] = {
    LIVE_PEER_ROW (KEY_SERVER_ELECTED),
    [E (SAK_INSTALLED)] = GO (SECURED, NEW_SAK),
    /* The SAK being distributed belongs to the old CA: start over. */
    [E (NEW_CA)] = GO (DISCOVERING, NONE),
  },
  [S (SECURED)] = {
    LIVE_PEER_ROW (SECURED),
    [E (REKEY)] = GO (REKEYING, NONE),
    [E (NEW_CA)] = GO (REKEYING, NEW_CA),
    /* The peer restarted MKA (it had lost us): membership changed, so the
     * key server distributes a new SAK (802.1X-2020 §9.8). */
    [E (PEER_FOUND)] = GO (KEY_SERVER_ELECTED, NONE),
  },
  [S (REKEYING)] = {
    LIVE_PEER_ROW (REKEYING),
    [E (REKEY_DONE)] = GO (SECURED, REKEYED),
    [E (NEW_CA)] = GO (REKEYING, NEW_CA),
    [E (PEER_FOUND)] = GO (KEY_SERVER_ELECTED, NONE),
  },
};

#undef GO
#undef E
#undef S

/* ------------------------------------------------------------ transitions */

static void
stop_sak_timers (End *e)
{
  lm_timer_stop (e->pn);
  lm_timer_stop (e->periodic);
}

static void
set_state (End *e, LmMacsecState next, LmMacsecEvent cause)
{
  if (e->state == next)
    return;
  LmMacsecState from = e->state;
  /* Exit actions: leaving the states with a live peer forgets it; leaving
   * the states with a SAK stops the rekey timers of that SAK. */
  if (next == LM_MACSEC_STATE_IDLE || next == LM_MACSEC_STATE_DISCOVERING)
    lm_timer_stop (e->life);
  if (!has_sak (next))
    {
      stop_sak_timers (e);
      e->link->ca_pending = FALSE;
    }
  e->state = next;
  e->since = lm_sim_now (e->link->sim);
  lm_sim_emit_state (e->link->sim, e->name, "macsec", from, lm_macsec_state_name (from),
                     next, lm_macsec_state_name (next), lm_macsec_event_name (cause));
}

/* Counts the frames sent since pn_since at the old rate. */
static void
pn_account (End *e)
{
  LmTime now = lm_sim_now (e->link->sim);
  e->pn_used += lm_macsec_frames_per_s (e->tx_rate_bps, e->link->cfg.frame_bytes)
                * LM_TIME_TO_S (now - e->pn_since);
  e->pn_since = now;
}

/* Arms the PN timer for when this end's transmit PN reaches the threshold. */
static void
pn_rearm (End *e)
{
  const LmMacsecConfig *c = &e->link->cfg;
  double left = MAX (lm_macsec_pn_threshold (c->cipher) - e->pn_used, 0.0);
  double fps = lm_macsec_frames_per_s (e->tx_rate_bps, c->frame_bytes);
  LmTime delay = fps > 0 ? lm_macsec_delay_or_never (left / fps, lm_sim_now (e->link->sim))
                         : LM_TIME_MAX;
  if (delay == LM_TIME_MAX)
    lm_timer_stop (e->pn);
  else
    lm_timer_start (e->pn, delay);
}

/* A SAK has been transmitting at @e for @age: count its PNs, and at the key
 * server arm the periodic rekey, from the moment it took over transmit. */
static void
sak_in_use (End *e, LmTime age)
{
  LmMacsecLink *link = e->link;
  const LmMacsecConfig *c = &link->cfg;
  link->ca_pending = FALSE;
  e->pn_since = lm_sim_now (link->sim);
  e->pn_used = lm_macsec_frames_per_s (e->tx_rate_bps, c->frame_bytes) * LM_TIME_TO_S (age);
  pn_rearm (e);
  if (e->id != link->key_server)
    return;
  link->saks++;
  if (c->rekey_interval > 0)
    lm_timer_start (e->periodic, MAX (c->rekey_interval - age, 0));
}

/* The age of a SAK in use since before t = 0: uniform over its life, which
 * ends at the first PN exhaustion or at the periodic rekey (assumption: the
 * links are not in step at t = 0).  Drawn once, from the key server's stream. */
static LmTime
draw_sak_age (LmMacsecLink *link)
{
  const LmMacsecConfig *c = &link->cfg;
  double life_s = c->rekey_interval > 0 ? LM_TIME_TO_S (c->rekey_interval) : INFINITY;
  FOR_EACH_END (link, e)
    life_s = MIN (life_s, lm_macsec_pn_exhaustion_s (c->cipher, e->tx_rate_bps,
                                                     c->frame_bytes));
  LmTime life = MIN (lm_macsec_delay_or_never (life_s, 0), LM_Y (1));
  return draw_phase (&link->ends[link->key_server], life);
}

static void
arm_life (End *e)
{
  /* 802.1X-2020 §9.4.3: the peer stays live for MKA Life Time after its
   * last MKPDU, whose age is uniform in the hello interval. */
  const LmMacsecConfig *c = &e->link->cfg;
  if (!lm_timer_is_armed (e->life))
    lm_timer_start (e->life, c->life - draw_phase (e, c->hello));
}

static void
run_action (End *e, Action action)
{
  switch (action)
    {
    case ACT_NONE:
      break;
    case ACT_NEW_SAK:
      sak_in_use (e, 0);
      break;
    case ACT_REKEYED:
      sak_in_use (e, e->link->cfg.sak_retire);
      break;
    case ACT_AGED_SAK:
      sak_in_use (e, e->link->start_age);
      /* Secured "since before t = 0" on a link that is silent or mismatched
       * already: the peer is live only until its last MKPDU expires. */
      if (!can_talk (e->link))
        arm_life (e);
      break;
    case ACT_NEW_CA:
      e->link->ca_pending = TRUE;
      lm_timer_stop (e->link->rekey);   /* settle() re-arms it with the CA */
      break;
    case ACT_ARM_LIFE:
      arm_life (e);
      break;
    case ACT_STOP_LIFE:
      lm_timer_stop (e->life);
      break;
    }
}

static void
feed (End *e, LmMacsecEvent event)
{
  const Cell *cell = &fsm[e->state][event];
  if (!cell->listed)
    return;
  set_state (e, cell->next, event);
  run_action (e, cell->action);
}

static void
feed_both (LmMacsecLink *link, LmMacsecEvent event)
{
  FOR_EACH_END (link, e)
    feed (e, event);
}

/* ------------------------------------------------------------ the link */

static int
count_in (const LmMacsecLink *link, LmMacsecState state)
{
  int n = 0;
  for (int i = 0; i < LM_MACSEC_N_ENDS; i++)
    n += link->ends[i].state == state;
  return n;
}

/* What each reason lets through. */
static const LmMacsecCarry carry_of[] = {
  [LM_MACSEC_REASON_CARRIER_DOWN] = LM_MACSEC_CARRY_NONE,
  [LM_MACSEC_REASON_NO_SAK] = LM_MACSEC_CARRY_NONE,
  [LM_MACSEC_REASON_ENDS_DISAGREE] = LM_MACSEC_CARRY_NONE,
  [LM_MACSEC_REASON_FALLBACK_CLEAR] = LM_MACSEC_CARRY_CLEAR,
  [LM_MACSEC_REASON_NO_ENCRYPT] = LM_MACSEC_CARRY_CLEAR,
  [LM_MACSEC_REASON_SECURED] = LM_MACSEC_CARRY_SECURED,
};
G_STATIC_ASSERT (G_N_ELEMENTS (carry_of) == LM_MACSEC_N_REASONS);

/* Must-encrypt passes nothing without a SAK ("the connection goes down when
 * the encryption is down", cloud-facts.md §3).  Should-encrypt fails open
 * per end — the CP's ALLOWED state (802.1X Figure 12-2, unprotected
 * connectivity when the Logon process allows it); AWS does not document it
 * (assumption): clear when neither end has a SAK, nothing while one end is
 * secured (it sends encrypted frames the other cannot read, and drops the
 * other's clear ones). */
static LmMacsecReason
compute_reason (const LmMacsecLink *link)
{
  int secured = 0;
  for (int i = 0; i < LM_MACSEC_N_ENDS; i++)
    secured += has_sak (link->ends[i].state);
  if (!link->carrier)
    return LM_MACSEC_REASON_CARRIER_DOWN;
  if (link->cfg.mode == LM_MACSEC_MODE_NO_ENCRYPT)
    return LM_MACSEC_REASON_NO_ENCRYPT;
  if (secured == LM_MACSEC_N_ENDS)
    return LM_MACSEC_REASON_SECURED;
  if (link->cfg.mode == LM_MACSEC_MODE_MUST_ENCRYPT)
    return LM_MACSEC_REASON_NO_SAK;
  return secured == 0 ? LM_MACSEC_REASON_FALLBACK_CLEAR : LM_MACSEC_REASON_ENDS_DISAGREE;
}

/* Discovery completes when both ends have sent an MKPDU since it became
 * possible: the later of two phases uniform in the hello (each end's own
 * stream).  Assumption: a participant answers a new peer promptly. */
static LmTime
discovery_delay (LmMacsecLink *link)
{
  LmTime d = 0;
  FOR_EACH_END (link, e)
    {
      LmTime phase = draw_phase (e, link->cfg.hello);   /* not inside MAX () */
      d = MAX (d, phase);
    }
  return d;
}

static LmTime
rekey_delay (LmMacsecLink *link)
{
  LmTime ca = link->ca_pending ? discovery_delay (link) : 0;
  return ca + link->cfg.sak_install + link->cfg.sak_retire;
}

typedef LmTime (*DelayFunc) (LmMacsecLink *link);

static LmTime sak_delay (LmMacsecLink *link) { return link->cfg.sak_install; }

static void
want_timer (LmMacsecLink *link, LmTimer *timer, gboolean want, DelayFunc delay)
{
  if (!want)
    lm_timer_stop (timer);
  else if (!lm_timer_is_armed (timer))
    lm_timer_start (timer, delay (link));
}

/* After every event: arm or stop the timers that need both ends, then tell
 * the owner when what MACsec lets through has changed. */
static void
settle (LmMacsecLink *link)
{
  gboolean talk = can_talk (link);
  int discovering = count_in (link, LM_MACSEC_STATE_DISCOVERING);
  int idle = count_in (link, LM_MACSEC_STATE_IDLE);
  want_timer (link, link->discover, talk && discovering > 0 && idle == 0, discovery_delay);
  want_timer (link, link->sak, talk && count_in (link, LM_MACSEC_STATE_KEY_SERVER_ELECTED) == 2,
              sak_delay);
  want_timer (link, link->rekey, talk && count_in (link, LM_MACSEC_STATE_REKEYING) == 2,
              rekey_delay);

  LmMacsecReason reason = compute_reason (link);
  if (reason == link->reason)
    return;
  link->reason = reason;
  if (link->notify != NULL)
    link->notify (link, carry_of[reason], reason, link->user_data);
}

/* ------------------------------------------------------------ timer handlers */

static void
on_life_expired (LmSim *sim, gpointer data)
{
  End *e = data;
  feed (e, LM_MACSEC_EVENT_LIFE_EXPIRED);
  settle (e->link);
}

/* PN threshold reached or periodic rekey due: the key server rekeys. */
static void
on_rekey_due (LmSim *sim, gpointer data)
{
  End *e = data;
  feed_both (e->link, LM_MACSEC_EVENT_REKEY);
  settle (e->link);
}

static void
on_discovered (LmSim *sim, gpointer data)
{
  feed_both (data, LM_MACSEC_EVENT_PEER_FOUND);
  settle (data);
}

static void
on_sak_installed (LmSim *sim, gpointer data)
{
  feed_both (data, LM_MACSEC_EVENT_SAK_INSTALLED);
  settle (data);
}

static void
on_rekey_done (LmSim *sim, gpointer data)
{
  feed_both (data, LM_MACSEC_EVENT_REKEY_DONE);
  settle (data);
}

/* ------------------------------------------------------------ requests */

static void
rotate_keys (LmMacsecLink *link)
{
  Key fresh = { ++link->next_ckn, ++link->next_secret };
  FOR_EACH_END (link, e)
    {
      if (e->n_keys == LM_MACSEC_KEYCHAIN_MAX)
        {
          memmove (e->keys, e->keys + 1, sizeof e->keys[0] * (e->n_keys - 1));
          e->n_keys--;
        }
      e->keys[e->n_keys++] = fresh;
    }
}

static void
set_tx_rate (End *e, double rate_bps)
{
  pn_account (e);
  e->tx_rate_bps = rate_bps;
  /* While rekeying, the PN count restarts with the new SAK anyway. */
  if (e->state == LM_MACSEC_STATE_SECURED)
    pn_rearm (e);
}

/* Applies one request; when valid MKPDUs start or stop passing as a result,
 * both ends hear of it. */
static void
apply (LmMacsecLink *link, const Request *r)
{
  gboolean mka = link->cfg.mode != LM_MACSEC_MODE_NO_ENCRYPT;
  gboolean talked = can_talk (link);
  End *e = &link->ends[r->end];
  switch (r->kind)
    {
    case REQ_CARRIER:
      link->carrier = r->flag;
      if (mka)
        feed_both (link, r->flag ? LM_MACSEC_EVENT_CARRIER_UP : LM_MACSEC_EVENT_CARRIER_DOWN);
      break;
    case REQ_SILENT:
      link->silent = r->flag;
      break;
    case REQ_START_SECURED:
      link->carrier = TRUE;
      if (mka)
        {
          link->start_age = draw_sak_age (link);
          feed_both (link, LM_MACSEC_EVENT_ALREADY_SECURED);
        }
      break;
    case REQ_REKEY:
      if (mka)
        feed_both (link, LM_MACSEC_EVENT_REKEY);
      break;
    case REQ_ROTATE:
      rotate_keys (link);
      if (mka)
        feed_both (link, LM_MACSEC_EVENT_NEW_CA);
      break;
    case REQ_MISMATCH:
      e->keys[e->n_keys - 1].cak = ++link->next_secret;
      break;
    case REQ_TX_RATE:
      set_tx_rate (e, r->rate_bps);
      break;
    case REQ_INJECT:
      feed (e, r->event);
      break;
    }
  gboolean talks = can_talk (link);
  if (talks != talked)
    feed_both (link, talks ? LM_MACSEC_EVENT_MKPDU_RESUMED : LM_MACSEC_EVENT_MKPDU_LOST);
}

/* One request per kernel event: a notify callback that makes a request
 * queues it behind the others, never re-enters. */
static void
on_request (LmSim *sim, gpointer data)
{
  LmMacsecLink *link = data;
  g_autofree Request *r = g_queue_pop_head (&link->requests);
  g_assert (r != NULL);
  apply (link, r);
  settle (link);
  if (!g_queue_is_empty (&link->requests) && !lm_timer_is_armed (link->request_timer))
    lm_timer_start (link->request_timer, 0);
}

static void
request (LmMacsecLink *link, Request r)
{
  g_queue_push_tail (&link->requests, g_memdup2 (&r, sizeof r));
  if (!lm_timer_is_armed (link->request_timer))
    lm_timer_start (link->request_timer, 0);
}

void
lm_macsec_link_set_carrier (LmMacsecLink *link, gboolean up)
{
  g_return_if_fail (link != NULL);
  request (link, (Request) { .kind = REQ_CARRIER, .flag = up != FALSE });
}

void
lm_macsec_link_set_silent (LmMacsecLink *link, gboolean silent)
{
  g_return_if_fail (link != NULL);
  request (link, (Request) { .kind = REQ_SILENT, .flag = silent != FALSE });
}

void
lm_macsec_link_start_secured (LmMacsecLink *link)
{
  g_return_if_fail (link != NULL);
  request (link, (Request) { .kind = REQ_START_SECURED });
}

void
lm_macsec_link_rekey (LmMacsecLink *link)
{
  g_return_if_fail (link != NULL);
  request (link, (Request) { .kind = REQ_REKEY });
}

void
lm_macsec_link_rotate_cak (LmMacsecLink *link)
{
  g_return_if_fail (link != NULL);
  request (link, (Request) { .kind = REQ_ROTATE });
}

void
lm_macsec_link_cak_mismatch (LmMacsecLink *link, LmMacsecEnd end)
{
  g_return_if_fail (link != NULL && (guint) end < LM_MACSEC_N_ENDS);
  request (link, (Request) { .kind = REQ_MISMATCH, .end = end });
}

void
lm_macsec_link_set_tx_rate (LmMacsecLink *link, LmMacsecEnd end, double rate_bps)
{
  g_return_if_fail (link != NULL && (guint) end < LM_MACSEC_N_ENDS);
  g_return_if_fail (rate_bps >= 0 && isfinite (rate_bps));
  request (link, (Request) { .kind = REQ_TX_RATE, .end = end, .rate_bps = rate_bps });
}

void
lm_macsec_link_inject (LmMacsecLink *link, LmMacsecEnd end, LmMacsecEvent event)
{
  g_return_if_fail (link != NULL && (guint) end < LM_MACSEC_N_ENDS);
  g_return_if_fail ((guint) event < LM_MACSEC_N_EVENTS);
  request (link, (Request) { .kind = REQ_INJECT, .end = end, .event = event });
}

/* ------------------------------------------------------------ life cycle */

/* 802.1X-2020 §9.5: the highest priority (lowest value) wins, then the
 * lowest SCI.  SCIs are fixed per end name (FNV-1a), an assumption. */
static LmMacsecEnd
elect_key_server (const LmMacsecLink *link)
{
  const End *c = &link->ends[LM_MACSEC_END_CLOUD], *p = &link->ends[LM_MACSEC_END_PARTNER];
  guint pc = link->cfg.key_server_priority[LM_MACSEC_END_CLOUD];
  guint pp = link->cfg.key_server_priority[LM_MACSEC_END_PARTNER];
  if (pc != pp)
    return pc < pp ? LM_MACSEC_END_CLOUD : LM_MACSEC_END_PARTNER;
  return c->sci <= p->sci ? LM_MACSEC_END_CLOUD : LM_MACSEC_END_PARTNER;
}

static void
end_init (LmMacsecLink *link, LmMacsecEnd id)
{
  End *e = &link->ends[id];
  e->link = link;
  e->id = id;
  e->name = g_strconcat (link->name, ".", lm_macsec_end_name (id), NULL);
  e->rng = lm_sim_rng_new (link->sim, e->name);
  e->state = LM_MACSEC_STATE_IDLE;
  e->since = lm_sim_now (link->sim);
  e->keys[0] = (Key) { link->next_ckn, link->next_secret };
  e->n_keys = 1;
  e->sci = lm_rng_fnv1a64 (e->name);
  e->life = lm_timer_new (link->sim, on_life_expired, e);
  e->pn = lm_timer_new (link->sim, on_rekey_due, e);
  e->periodic = lm_timer_new (link->sim, on_rekey_due, e);
  e->tx_rate_bps = link->cfg.tx_rate_bps;
  e->pn_since = e->since;
}

LmMacsecLink *
lm_macsec_link_new (LmSim *sim, const char *name, const LmMacsecConfig *config,
                    LmMacsecNotify notify, gpointer user_data)
{
  g_return_val_if_fail (sim != NULL && name != NULL && config != NULL, NULL);
  g_return_val_if_fail (lm_macsec_config_check (config, NULL), NULL);
  LmMacsecLink *link = g_new0 (LmMacsecLink, 1);
  link->sim = sim;
  link->name = g_strdup (name);
  link->cfg = *config;
  link->notify = notify;
  link->user_data = user_data;
  link->next_ckn = link->next_secret = 1;
  g_queue_init (&link->requests);
  link->request_timer = lm_timer_new (sim, on_request, link);
  link->discover = lm_timer_new (sim, on_discovered, link);
  link->sak = lm_timer_new (sim, on_sak_installed, link);
  link->rekey = lm_timer_new (sim, on_rekey_done, link);
  for (int i = 0; i < LM_MACSEC_N_ENDS; i++)
    end_init (link, (LmMacsecEnd) i);
  link->key_server = elect_key_server (link);
  link->reason = compute_reason (link);
  return link;
}

void
lm_macsec_link_free (LmMacsecLink *link)
{
  if (link == NULL)
    return;
  FOR_EACH_END (link, e)
    {
      lm_timer_free (e->life);
      lm_timer_free (e->pn);
      lm_timer_free (e->periodic);
      gsl_rng_free (e->rng);
      g_free (e->name);
    }
  lm_timer_free (link->request_timer);
  lm_timer_free (link->discover);
  lm_timer_free (link->sak);
  lm_timer_free (link->rekey);
  g_queue_clear_full (&link->requests, g_free);
  g_free (link->name);
  g_free (link);
}

/* ------------------------------------------------------------ queries */

const char *
lm_macsec_link_name (const LmMacsecLink *link)
{
  return link->name;
}

LmMacsecCarry
lm_macsec_link_may_carry (const LmMacsecLink *link, LmMacsecReason *reason)
{
  if (reason != NULL)
    *reason = link->reason;
  return carry_of[link->reason];
}

LmMacsecState
lm_macsec_link_state (const LmMacsecLink *link, LmMacsecEnd end)
{
  g_return_val_if_fail ((guint) end < LM_MACSEC_N_ENDS, LM_MACSEC_STATE_IDLE);
  return link->ends[end].state;
}

LmTime
lm_macsec_link_since (const LmMacsecLink *link, LmMacsecEnd end)
{
  g_return_val_if_fail ((guint) end < LM_MACSEC_N_ENDS, 0);
  return link->ends[end].since;
}

gboolean
lm_macsec_link_carrier (const LmMacsecLink *link)
{
  return link->carrier;
}

LmMacsecEnd
lm_macsec_link_key_server (const LmMacsecLink *link)
{
  return link->key_server;
}

guint
lm_macsec_link_keychain_len (const LmMacsecLink *link, LmMacsecEnd end)
{
  g_return_val_if_fail ((guint) end < LM_MACSEC_N_ENDS, 0);
  return link->ends[end].n_keys;
}

guint64
lm_macsec_link_saks (const LmMacsecLink *link)
{
  return link->saks;
}
