/* models/partner.h — a last-mile partner (e.g. Lumen): its portal, its
 * environments (one per metro it serves) and its side of each order.
 *
 * The portal is where a customer enters the activation key the console
 * showed (an order the cloud placed: CreateConnection), and where the
 * partner creates proposals the customer accepts in the console
 * (AcceptConnectionProposal).  Keys are 1–2048 characters, single use, and
 * expire (cloud-facts.md §1 "Activation-key flow"; the expiry default is an
 * assumption, docs/models.md "Provisioning").  Once a key is activated or a
 * proposal accepted, the partner reviews and builds its side (a drawn
 * time), then hands over — or rejects the order, with its reason, when the
 * scenario says it does.  A bandwidth change waits for the partner's
 * acknowledgement (a drawn time).
 *
 * Each order (one per interconnect) is an explicit table (partner.c).  The
 * caller (the world) holds the order and learns of every change through
 * its notify, called inside the kernel event of the change.
 *
 * Signals (LM_SIGNAL_STATE): component IC.portal, what "partner": the
 * order's state; what "call": from_name = the portal operation
 * (CreateProposal, ActivateKey), to_name = "ok" or why not (key-not-found,
 * key-expired, key-already-used, metro-not-served, environment-unavailable,
 * bandwidth-not-offered, not-a-tier).  Random stream: "IC.portal" (keys,
 * build and acknowledgement times).
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "sim/scenario.h"

G_BEGIN_DECLS

typedef struct _LmPartner LmPartner;
typedef struct _LmPartnerOrder LmPartnerOrder;

/* How the partner identifies its customers (seed guide: "an email address
 * (for Lumen) or a unique alphanumeric string"). */
typedef enum {
  LM_ACCOUNT_EMAIL,      /* an e-mail address */
  LM_ACCOUNT_ANY,        /* an e-mail address or 1–64 letters, digits, '-' or '_' */
} LmAccountKind;

/* The portal's verdict on an activation key. */
typedef enum {
  LM_KEY_OK,
  LM_KEY_NOT_FOUND,
  LM_KEY_EXPIRED,
  LM_KEY_USED,
  LM_KEY_N
} LmKeyStatus;

/* The portal's verdict on a proposal it is asked to create. */
typedef enum {
  LM_PORTAL_OK,
  LM_PORTAL_NOT_SERVED,       /* no environment in that metro */
  LM_PORTAL_UNAVAILABLE,      /* the environment takes no new connections */
  LM_PORTAL_NOT_A_TIER,
  LM_PORTAL_NOT_OFFERED,      /* a tier the environment does not offer now */
  LM_PORTAL_N
} LmPortalResult;

typedef enum {
  LM_PARTNER_NONE,
  LM_PARTNER_AWAITING_ACTIVATION,  /* the cloud's order: key issued, not entered yet */
  LM_PARTNER_PROPOSED,             /* the partner's proposal: key issued, not accepted yet */
  LM_PARTNER_BUILDING,             /* activated / accepted: review and build */
  LM_PARTNER_BUILT,                /* handed over; in service */
  LM_PARTNER_CHANGING,             /* a bandwidth change awaiting acknowledgement */
  LM_PARTNER_REJECTED,
  LM_PARTNER_EXPIRED,              /* the key expired unused */
  LM_PARTNER_CANCELLED,            /* deleted */
  LM_PARTNER_N_STATES
} LmPartnerState;

typedef enum {
  LM_PARTNER_EV_ORDER,             /* the cloud places an order with a key */
  LM_PARTNER_EV_PROPOSE,           /* the partner creates a proposal */
  LM_PARTNER_EV_KEY_ENTERED,       /* the customer entered the order's key */
  LM_PARTNER_EV_ACCEPTED,          /* the proposal was accepted in the console */
  LM_PARTNER_EV_KEY_EXPIRED,
  LM_PARTNER_EV_REJECT,            /* the review ends in a rejection */
  LM_PARTNER_EV_BUILD_DONE,
  LM_PARTNER_EV_CHANGE,            /* a bandwidth change is asked for */
  LM_PARTNER_EV_CHANGE_ACK,
  LM_PARTNER_EV_CANCEL,
  LM_PARTNER_EV_ADOPT,             /* in service before the simulation began */
  LM_PARTNER_N_EVENTS
} LmPartnerEvent;

typedef struct {
  const char *name;             /* "lumen" (copied) */
  LmAccountKind account_kind;
  LmTime key_expiry;            /* 7 d (assumption) */
  LmScDist build;               /* review and build its side: uniform(1m, 5m) (assumption) */
  LmScDist acknowledge;         /* a bandwidth change: uniform(5m, 30m) (assumption) */
  const char *reject;           /* NULL: accepts orders; else rejects them, saying why (copied) */
} LmPartnerConfig;

typedef void (*LmPartnerNotify) (LmPartnerOrder *order, LmPartnerState from, LmPartnerState to,
                                 gpointer user_data);

void lm_partner_config_init (LmPartnerConfig *cfg, const char *name);
/* (transfer full) */
LmPartner *lm_partner_new (LmSim *sim, const LmPartnerConfig *cfg);
/* Frees the partner, its environments and orders, and stops their timers. */
void lm_partner_free (LmPartner *p);
const char *lm_partner_name (const LmPartner *p);
LmAccountKind lm_partner_account_kind (const LmPartner *p);

/* Environments: the partner serves @metro, in @state, offering @bandwidths
 * (bit i: tier i; 0: the state's default, lm_sc_env_default_bandwidths). */
void lm_partner_add_environment (LmPartner *p, const char *metro, LmScEnvState state,
                                 guint bandwidths);
/* FALSE when the partner does not serve @metro; else its state and the
 * tiers offered now. */
gboolean lm_partner_environment (const LmPartner *p, const char *metro, LmScEnvState *state,
                                 guint *bandwidths);

/* A new order for interconnect @ic (its name keys the signals and the
 * stream), in state none.  (transfer none: the partner owns it) */
LmPartnerOrder *lm_partner_order_new (LmPartner *p, const char *ic, const char *metro,
                                      guint64 bandwidth_bps, LmPartnerNotify notify,
                                      gpointer user_data);
/* The cloud placed the order with @key (the console's): awaiting
 * activation until the key is entered or expires. */
void lm_partner_order_expect_key (LmPartnerOrder *o, const char *key);
/* The partner creates a proposal for the order's metro and bandwidth,
 * checked against its environment; on LM_PORTAL_OK the order is proposed
 * and lm_partner_order_key() is the new key. */
LmPortalResult lm_partner_order_propose (LmPartnerOrder *o);
/* The customer of interconnect @ic enters @key at the portal.  On
 * LM_KEY_OK the order holding it is activated (building). */
LmKeyStatus lm_partner_activate (LmPartner *p, const char *ic, const char *key);
/* The proposal holding @key (for DescribeConnectionProposal and
 * AcceptConnectionProposal), or NULL; *@status says why not. */
LmPartnerOrder *lm_partner_find_proposal (LmPartner *p, const char *key, LmKeyStatus *status);
/* The proposal was accepted in the console: its key is used, building. */
void lm_partner_order_accepted (LmPartnerOrder *o);
/* A bandwidth change, acknowledged after a drawn time. */
void lm_partner_order_change (LmPartnerOrder *o, guint64 bandwidth_bps);
void lm_partner_order_cancel (LmPartnerOrder *o);
/* An order in service since before the simulation began (built). */
void lm_partner_order_adopt (LmPartnerOrder *o);
/* One event into the order's table (tests, scripted peers). */
void lm_partner_order_feed (LmPartnerOrder *o, LmPartnerEvent event, const char *cause);

LmPartnerState lm_partner_order_state (const LmPartnerOrder *o);
const char *lm_partner_order_key (const LmPartnerOrder *o);
LmTime lm_partner_order_key_expires (const LmPartnerOrder *o);
const char *lm_partner_order_interconnect (const LmPartnerOrder *o);
const char *lm_partner_order_metro (const LmPartnerOrder *o);
guint64 lm_partner_order_bandwidth (const LmPartnerOrder *o);
LmPartner *lm_partner_order_partner (const LmPartnerOrder *o);
/* The partner's reason when it rejected, else NULL. */
const char *lm_partner_order_reason (const LmPartnerOrder *o);

/* The table's cell: TRUE and *@next when (@state, @event) moves. */
gboolean lm_partner_transition (LmPartnerState state, LmPartnerEvent event, LmPartnerState *next);

const char *lm_partner_state_name (LmPartnerState s);
const char *lm_partner_event_name (LmPartnerEvent e);
const char *lm_key_status_name (LmKeyStatus k);
const char *lm_portal_result_name (LmPortalResult r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmPartner, lm_partner_free)

G_END_DECLS
