/* models/bgp-msg.c — BGP messages between the two ends, the TCP
 * abstraction under them, and the hold timer's silence law.
 *
 * Messages (OPEN, KEEPALIVE, UPDATE, NOTIFICATION) and the TCP segments that
 * matter (SYN, SYN-ACK, RST, FIN) are kernel events delivered after the
 * one-way delay, in send order.  One that is in flight when the path goes
 * down, or reaches a crashed router, is lost.  A BGP message on a connection
 * the receiver does not have is answered with RST.
 *
 * TCP (abstracted): an end in Connect sends a SYN and retransmits it after
 * 1 s, doubling (RFC 6298 §2.1, §5.5; capped at 60 s, §2.4) until
 * ConnectRetry starts a new attempt.  A SYN reaching an end in Connect or
 * Active is accepted (one connection, both ends bound to it); reaching an end
 * in Idle, or one that holds another connection, it is refused with RST
 * (RFC 4271 §6.8: a collision with an existing connection closes the new
 * one).  Two ends in Connect at once (a collision): the connection initiated
 * by the cloud end survives — the model's stand-in for "the higher BGP
 * Identifier wins" (§6.8; assumption: the cloud router's identifier is the
 * higher); the partner's SYN is dropped by the cloud end while the cloud
 * end's own SYN is still on its way or already accepted.
 *
 * Keepalives of an Established session are steady state: the hold timer of
 * an Established end is armed only while the peer's stream cannot reach it
 * (lm_bgp_stream_ok() false).  When the path goes silent at t0, the hold
 * timer expires at t0 + hold - A, A the age of the last keepalive received,
 * drawn exactly from the law of the peer's jittered keepalive process
 * (gaps uniform on [0.75 K, K], RFC 4271 §10; lm_bfd_age_draw()), so the
 * detection lies in (hold - K, hold].
 */
#define G_LOG_DOMAIN "lmsim-bgp"

#include "models/bgp-private.h"

typedef struct {
  GList link;               /* in session->inflight */
  LmBgpSession *s;
  LmEventId id;
  LmBgpEnd to;
  LmBgpMsgType type;
  guint conn;               /* the connection it travels on (0: a SYN / RST to an attempt) */
  guint attempt;            /* SYN, SYN-ACK, RST: the initiator's attempt */
  guint epoch;
  LmBgpRx payload;
} Msg;

#define SYN_RTO_MAX LM_S (60)

LmTime
lm_bgp_jitter (LmBgpSpeaker *e, LmTime t)
{
  /* RFC 4271 §10: jitter "multiplying the base value ... by a random factor,
   * which is uniformly distributed in the range from 0.75 to 1.0" */
  LmTime cut = (LmTime) (gsl_rng_uniform (e->rng) * (double) (t / 4));
  return t - cut;
}

/* ------------------------------------------------------------ sending */

static void on_message (LmSim *sim, gpointer data);

static void
count (LmBgpSpeaker *e, LmBgpMsgType type, const LmBgpRx *payload)
{
  LmBgpCounters *c = &e->counters;
  switch (type)
    {
    case LM_BGP_MSG_SYN: c->syns_sent++; break;
    case LM_BGP_MSG_OPEN: c->opens_sent++; break;
    case LM_BGP_MSG_KEEPALIVE: c->keepalives_sent++; break;
    case LM_BGP_MSG_UPDATE: c->updates_sent++; break;
    case LM_BGP_MSG_NOTIFICATION:
      c->notifications_sent++;
      c->last_code = payload->code;
      c->last_subcode = payload->subcode;
      break;
    default: break;
    }
}

static void
post (LmBgpSpeaker *from, LmBgpMsgType type, guint conn, guint attempt, const LmBgpRx *payload)
{
  LmBgpSession *s = from->s;
  if (!from->alive)
    return;
  count (from, type, payload);
  if (!s->path_up)
    return;   /* into the void */
  /* g_new, not g_new0: glibc's calloc skips the thread cache, and a
   * message is allocated per send (bench/README.md) */
  Msg *m = g_new (Msg, 1);
  *m = (Msg) { .s = s, .to = 1 - from->id, .type = type, .conn = conn, .attempt = attempt,
               .epoch = s->path_epoch };
  if (payload != NULL)
    m->payload = *payload;
  m->link.data = m;
  g_queue_push_tail_link (&s->inflight, &m->link);
  m->id = lm_sim_schedule_full (s->sim, s->cfg.delay, on_message, m, g_free);
}

void
lm_bgp_send (LmBgpSpeaker *from, LmBgpMsgType type, const LmBgpRx *payload)
{
  post (from, type, from->conn, from->attempt, payload);
}

void
lm_bgp_send_conn (LmBgpSpeaker *from, LmBgpMsgType type, guint conn, guint attempt)
{
  post (from, type, conn, attempt, NULL);
}

void
lm_bgp_cancel_inflight (LmBgpSession *s)
{
  GList *l;
  while ((l = g_queue_pop_head_link (&s->inflight)) != NULL)
    lm_sim_cancel (s->sim, ((Msg *) l->data)->id);
}

/* ------------------------------------------------------------ TCP */

static void
send_syn (LmBgpSpeaker *e)
{
  e->last_syn = lm_sim_now (e->s->sim);
  lm_bgp_send_conn (e, LM_BGP_MSG_SYN, 0, e->attempt);
}

void
lm_bgp_tcp_connect (LmBgpSpeaker *e)
{
  e->attempt++;
  e->syn_rto_cur = e->s->cfg.syn_rto;
  send_syn (e);
  lm_timer_start (e->timers[LM_BGP_TIMER_SYN], e->syn_rto_cur);
}

void
lm_bgp_on_syn (LmSim *sim, gpointer data)
{
  LmBgpSpeaker *e = data;
  if (e->state != LM_BGP_STATE_CONNECT || e->conn != 0)
    return;
  send_syn (e);
  e->syn_rto_cur = MIN (e->syn_rto_cur * 2, SYN_RTO_MAX);
  lm_timer_start (e->timers[LM_BGP_TIMER_SYN], e->syn_rto_cur);
}

/* Does @e, in Connect, let the peer's SYN through?  See the top of the file. */
static gboolean
collision_accept (LmBgpSpeaker *e)
{
  LmBgpSpeaker *x = lm_bgp_peer_of (e);
  if (x->id == LM_BGP_END_CLOUD)
    return TRUE;   /* the peer wins: abandon our own attempt */
  LmTime now = lm_sim_now (e->s->sim);
  if (now <= e->last_syn + e->s->cfg.delay)
    return FALSE;  /* our SYN is still on its way: the peer will accept it */
  if (x->conn != 0 && x->conn_attempt == e->attempt)
    return FALSE;  /* the peer already accepted ours */
  return TRUE;
}

static void
rx_syn (LmBgpSpeaker *e, const Msg *m)
{
  LmBgpSession *s = e->s;
  if (e->conn != 0)
    {
      if (m->attempt != e->conn_attempt)
        lm_bgp_send_conn (e, LM_BGP_MSG_RST, 0, m->attempt);
      return;
    }
  gboolean accept = e->state == LM_BGP_STATE_ACTIVE
                    || (e->state == LM_BGP_STATE_CONNECT && collision_accept (e));
  if (e->state == LM_BGP_STATE_CONNECT && !accept)
    return;
  if (!accept)
    {
      lm_bgp_send_conn (e, LM_BGP_MSG_RST, 0, m->attempt);
      return;
    }
  e->conn = ++s->next_conn;
  e->conn_attempt = m->attempt;
  lm_bgp_send_conn (e, LM_BGP_MSG_SYN_ACK, e->conn, m->attempt);
  lm_bgp_fsm_feed (e, LM_BGP_EVENT_TCP_CONNECTED);   /* [17] TcpConnectionConfirmed */
}

static void
rx_syn_ack (LmBgpSpeaker *e, const Msg *m)
{
  if (e->state == LM_BGP_STATE_CONNECT && e->conn == 0 && m->attempt == e->attempt)
    {
      e->conn = m->conn;
      e->conn_attempt = 0;
      lm_bgp_fsm_feed (e, LM_BGP_EVENT_TCP_CONNECTED);   /* [16] Tcp_CR_Acked */
    }
  else
    lm_bgp_send_conn (e, LM_BGP_MSG_RST, m->conn, m->attempt);
}

static void
rx_close (LmBgpSpeaker *e, const Msg *m)
{
  gboolean hit;
  if (m->conn == 0)   /* refused attempt */
    hit = e->state == LM_BGP_STATE_CONNECT && e->conn == 0 && m->attempt == e->attempt;
  else
    hit = e->conn == m->conn;
  if (hit)
    lm_bgp_fsm_feed (e, LM_BGP_EVENT_TCP_FAILS);
}

static void
rx_bgp (LmBgpSpeaker *e, const Msg *m)
{
  if (e->conn == 0 || e->conn != m->conn)
    {
      if (m->type != LM_BGP_MSG_NOTIFICATION)
        lm_bgp_send_conn (e, LM_BGP_MSG_RST, m->conn, 0);
      return;
    }
  e->rx = m->payload;
  LmBgpEvent ev;
  switch (m->type)
    {
    case LM_BGP_MSG_OPEN:   /* §6.2: a Hold Time of one or two seconds is refused */
      ev = m->payload.hold > 0 && m->payload.hold < LM_S (3) ? LM_BGP_EVENT_OPEN_ERROR
                                                              : LM_BGP_EVENT_OPEN_RECEIVED;
      break;
    case LM_BGP_MSG_KEEPALIVE:
      ev = LM_BGP_EVENT_KEEPALIVE_RECEIVED;
      break;
    case LM_BGP_MSG_UPDATE:   /* RFC 4486 / cloud-facts §2: the receiver's limit */
      ev = e->cfg.max_prefixes > 0 && m->payload.prefixes > e->cfg.max_prefixes
             ? LM_BGP_EVENT_PREFIX_LIMIT : LM_BGP_EVENT_UPDATE_RECEIVED;
      break;
    default:
      e->counters.notifications_received++;
      ev = LM_BGP_EVENT_NOTIFICATION_RECEIVED;
      break;
    }
  lm_bgp_fsm_feed (e, ev);
}

static void
on_message (LmSim *sim, gpointer data)
{
  Msg *m = data;
  LmBgpSession *s = m->s;
  g_queue_unlink (&s->inflight, &m->link);
  LmBgpSpeaker *e = &s->end[m->to];
  if (!s->path_up || m->epoch != s->path_epoch || !e->alive)
    return;
  switch (m->type)
    {
    case LM_BGP_MSG_SYN: rx_syn (e, m); break;
    case LM_BGP_MSG_SYN_ACK: rx_syn_ack (e, m); break;
    case LM_BGP_MSG_RST:
    case LM_BGP_MSG_FIN: rx_close (e, m); break;
    default: rx_bgp (e, m); break;
    }
}

/* ------------------------------------------------------------ routes out */

void
lm_bgp_on_advertise (LmSim *sim, gpointer data)
{
  LmBgpSpeaker *e = data;
  if (e->state != LM_BGP_STATE_ESTABLISHED)
    return;
  LmBgpRx u = { .prefixes = e->cfg.prefixes, .gshut = e->draining };
  lm_bgp_send (e, LM_BGP_MSG_UPDATE, &u);
}

/* ------------------------------------------------------------ hold timer */

gboolean
lm_bgp_stream_ok (LmBgpSpeaker *e)
{
  LmBgpSpeaker *p = lm_bgp_peer_of (e);
  return e->s->path_up && p->alive && p->state == LM_BGP_STATE_ESTABLISHED && e->conn != 0
         && p->conn == e->conn && p->keepalive > 0;
}

void
lm_bgp_hold_touch (LmBgpSpeaker *e)
{
  LmTimer *hold = e->timers[LM_BGP_TIMER_HOLD];
  if (e->hold == 0)
    lm_timer_stop (hold);
  else if (e->state == LM_BGP_STATE_ESTABLISHED && lm_bgp_stream_ok (e))
    lm_timer_stop (hold);   /* the implicit keepalive stream keeps it alive */
  else
    lm_timer_start (hold, e->hold);
}

/* The peer's keepalive interval and its jitter range (RFC 4271 §10). */
static void
peer_keepalive_range (LmBgpSpeaker *e, LmTime *lo, LmTime *hi)
{
  LmBgpSpeaker *p = lm_bgp_peer_of (e);
  LmTime k = p->keepalive > 0 ? p->keepalive : e->keepalive;
  *lo = k - k / 4;
  *hi = k;
}

void
lm_bgp_start_silence (LmBgpSpeaker *e)
{
  if (!e->alive || e->state != LM_BGP_STATE_ESTABLISHED || e->hold == 0)
    return;
  if (e->silent_since < 0)
    e->silent_since = lm_sim_now (e->s->sim);
  LmTimer *hold = e->timers[LM_BGP_TIMER_HOLD];
  if (lm_timer_is_armed (hold))
    return;   /* already timing real silence */
  LmTime lo, hi;
  peer_keepalive_range (e, &lo, &hi);
  /* exact: expiry = last keepalive + hold, its age drawn from the
   * length-biased law of the jittered keepalive process */
  LmTime age = lm_bfd_age_draw (e->rng, lo, hi);
  lm_timer_start (hold, e->hold - age);
}

/* After the path comes back: does the peer's next keepalive beat the hold
 * timer armed during the silence?  (Residual drawn like the age.) */
void
lm_bgp_resume_stream (LmBgpSpeaker *e)
{
  LmTimer *hold = e->timers[LM_BGP_TIMER_HOLD];
  if (!e->alive || e->state != LM_BGP_STATE_ESTABLISHED || !lm_timer_is_armed (hold)
      || !lm_bgp_stream_ok (e))
    return;
  LmTime lo, hi;
  peer_keepalive_range (e, &lo, &hi);
  LmTime next = lm_sim_now (e->s->sim) + e->s->cfg.delay + lm_bfd_age_draw (e->rng, lo, hi);
  if (next < lm_timer_expires (hold))
    {
      lm_timer_stop (hold);
      e->silent_since = -1;
    }
}
