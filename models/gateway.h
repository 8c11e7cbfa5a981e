/* models/gateway.h — the Direct-Connect-style gateway at provisioning time:
 * the gateway itself (existing, created on the way, or missing) and each
 * interconnect's association with it, to a virtual private gateway, a
 * transit gateway or a Cloud WAN core network behind it.
 *
 * What it checks (cloud-facts.md §2 "ASNs", §5 "Attach points", "Limits",
 * "Allowed prefixes"): a transit gateway's ASN must differ from the
 * gateway's (Amazon-side, default 64512) or "the association request
 * fails"; a gateway with private virtual interfaces cannot be associated
 * with a transit gateway; a gateway carries at most 30 virtual interfaces
 * (an interconnect's connections counted as one attachment each, an
 * assumption).  Reported, not refused: the customer's prefixes that overlap
 * the VPC CIDRs behind the gateway (the seed guide: "review your existing
 * IP address allocations to ensure no conflicts"), a transit gateway
 * association with no allowed prefixes ("on-premises traffic never reaches
 * the VPCs and there is no error"), VPC CIDRs a virtual private gateway's
 * allowed prefixes do not cover (not advertised).  Only addressing the
 * scenario describes is checked.
 *
 * Both are explicit tables (gateway.c).  Timers: the gateway's creation
 * (pending → available) and each association's attach time (associating →
 * associated or failed; disassociating → disassociated).
 *
 * Signals (LM_SIGNAL_STATE): component GATEWAY-NAME, what "gateway" (none,
 * pending, available); component IC.gateway, what "association" (the
 * DirectConnectGatewayAssociationState names, plus "failed" when the
 * request fails; cause: why), what "notice" (from_name the topic:
 * "address-conflict", "allowed-prefixes"; to_name "reported"; cause the
 * text).  Random streams: GATEWAY-NAME, IC.gateway.
 */
#pragma once

#include <glib.h>
#include "sim/sim.h"
#include "sim/scenario.h"

G_BEGIN_DECLS

typedef struct _LmGateway LmGateway;
typedef struct _LmGatewayAssociation LmGatewayAssociation;

typedef enum {
  LM_GATEWAY_NONE,            /* does not exist (yet) */
  LM_GATEWAY_PENDING,         /* being created */
  LM_GATEWAY_AVAILABLE,
  LM_GATEWAY_N_STATES
} LmGatewayState;

typedef enum {
  LM_GATEWAY_EV_EXISTS,       /* it existed before the run */
  LM_GATEWAY_EV_CREATE,
  LM_GATEWAY_EV_CREATED,
  LM_GATEWAY_N_EVENTS
} LmGatewayEvent;

typedef enum {
  LM_ASSOC_NONE,
  LM_ASSOC_ASSOCIATING,
  LM_ASSOC_ASSOCIATED,
  LM_ASSOC_FAILED,            /* the association request failed */
  LM_ASSOC_DISASSOCIATING,
  LM_ASSOC_DISASSOCIATED,
  LM_ASSOC_N_STATES
} LmAssocState;

typedef enum {
  LM_ASSOC_EV_ASSOCIATE,
  LM_ASSOC_EV_ADOPT,          /* associated before the run */
  LM_ASSOC_EV_DONE,           /* the request succeeded */
  LM_ASSOC_EV_FAIL,
  LM_ASSOC_EV_DISASSOCIATE,
  LM_ASSOC_EV_DISASSOCIATED,
  LM_ASSOC_N_EVENTS
} LmAssocEvent;

typedef struct {
  const char *name;             /* copied */
  LmScAttach attach;
  guint32 amazon_asn;           /* the gateway's ASN: 64512 */
  guint32 tgw_asn;              /* the transit gateway's: 64513 (assumption) */
  LmScGatewayStatus status;
  const GPtrArray *vpc_cidrs;   /* LmScPrefix* (transfer none; must outlive), may be NULL */
  const GPtrArray *allowed;     /* LmScPrefix* (transfer none), may be NULL */
  gboolean addressing_known;    /* the scenario describes VPC CIDRs or allowed prefixes */
  guint private_vifs, transit_vifs;
  LmScDist create;              /* pending → available: uniform(1m, 3m) (assumption) */
  LmScDist attach_time;         /* associating → associated: uniform(1m, 5m) (assumption) */
} LmGatewayConfig;

typedef void (*LmAssocNotify) (LmGatewayAssociation *a, LmAssocState from, LmAssocState to,
                               gpointer user_data);

#define LM_GATEWAY_MAX_VIFS 30

void lm_gateway_config_init (LmGatewayConfig *cfg, const char *name);
/* In state none; lm_gateway_start() announces one that exists. */
LmGateway *lm_gateway_new (LmSim *sim, const LmGatewayConfig *cfg);
void lm_gateway_free (LmGateway *gw);
/* An existing gateway becomes available now (status existing). */
void lm_gateway_start (LmGateway *gw);
/* Whether an order naming it finds it: existing, or new (created on the
 * way); a missing one is not found. */
gboolean lm_gateway_found (const LmGateway *gw);
gboolean lm_gateway_is_new (const LmGateway *gw);
/* A new gateway starts being created (once; later calls do nothing). */
void lm_gateway_create (LmGateway *gw);
LmGatewayState lm_gateway_state (const LmGateway *gw);
const char *lm_gateway_name (const LmGateway *gw);

/* Interconnect @ic asks to be associated, with @n_connections attachments;
 * the attach time runs once the gateway is available.  (transfer none: the
 * gateway owns it) */
LmGatewayAssociation *lm_gateway_associate (LmGateway *gw, const char *ic, guint n_connections,
                                            LmAssocNotify notify, gpointer user_data);
/* Already associated before the run (no attach time). */
LmGatewayAssociation *lm_gateway_adopt (LmGateway *gw, const char *ic, guint n_connections,
                                        LmAssocNotify notify, gpointer user_data);
void lm_gateway_disassociate (LmGatewayAssociation *a);
/* Reports (as "notice" signals of IC.gateway) the customer's @prefixes
 * that overlap the VPC CIDRs, and allowed-prefix gaps.  Returns how many
 * address conflicts there are. */
guint lm_gateway_check_prefixes (LmGateway *gw, const char *ic, const GPtrArray *prefixes);

/* One event into a table (tests, scripted peers); ignored where the table
 * has no cell. */
void lm_gateway_feed (LmGateway *gw, LmGatewayEvent event);
void lm_gateway_association_feed (LmGatewayAssociation *a, LmAssocEvent event, const char *cause);
LmAssocState lm_gateway_association_state (const LmGatewayAssociation *a);
/* Why the request failed, or NULL. */
const char *lm_gateway_association_reason (const LmGatewayAssociation *a);

gboolean lm_gateway_transition (LmGatewayState state, LmGatewayEvent event, LmGatewayState *next);
gboolean lm_assoc_transition (LmAssocState state, LmAssocEvent event, LmAssocState *next);
const char *lm_gateway_state_name (LmGatewayState s);
const char *lm_assoc_state_name (LmAssocState s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmGateway, lm_gateway_free)

G_END_DECLS
