/* sim/scenario.h — the scenario language: public API and the typed tree.
 *
 * A scenario file (.sc, docs/scenario-language.md) is parsed, with its
 * includes and the command line's --set overrides, into one LmScenario: a
 * plain, read-only tree of typed values that models/world.c consumes.  The
 * language is data only; it knows nothing of models.
 *
 * Conventions of the tree:
 *  - durations are LmTime (ns), rates guint64 bit/s, sizes guint64 bytes,
 *    distances double km; percentages are kept both as written (`percent`,
 *    0..100) and as a fraction (`fraction`, 0..1, = percent / 100);
 *  - every declaration list is a GPtrArray in file order (includes inlined
 *    where they appear);
 *  - every settable key has an LmScLoc beside it: where it was set (a file
 *    position, or the --set option), or nothing when it holds its default —
 *    LM_SC_IS_SET (loc) is the "set explicitly" bit;
 *  - actions are sorted by (time, file order) with `after` resolved; the
 *    failures they open are expanded per target (LmScFailure, ids f1, f2, … in
 *    (time, file, line) order, or the `as NAME` given); flap and maintain are
 *    expanded into their down periods; repairs name the failures they close.
 *
 * The tree's structs are public on purpose (a parsed configuration, read by
 * the world builder); treat them as read-only and free the whole with
 * lm_scenario_free().
 */
#pragma once

#include <glib.h>
#include "sim/time.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ limits */

#define LM_SCENARIO_MAX_FILE_BYTES   (4u * 1024u * 1024u) /* per file */
#define LM_SCENARIO_MAX_LINE_BYTES   4096u
#define LM_SCENARIO_MAX_NAME_CHARS   128u   /* identifiers and dotted names */
#define LM_SCENARIO_MAX_INCLUDE_DEPTH 16u
#define LM_SCENARIO_MAX_FILES        256u   /* files read for one scenario */
#define LM_SCENARIO_MAX_ERRORS       20u
#define LM_SCENARIO_MAX_EXPANDED     100000u /* targets / failures after expansion */
#define LM_SCENARIO_MAX_SITES        26u    /* A … Z */
#define LM_SCENARIO_MAX_PAIRS        16u    /* rp1 … rp16 per site */

/* ------------------------------------------------------------------ errors */

#define LM_SCENARIO_ERROR (lm_scenario_error_quark ())
GQuark lm_scenario_error_quark (void);

typedef enum {
  LM_SCENARIO_ERROR_INVALID,  /* the scenario has errors (see the diagnostics) */
  LM_SCENARIO_ERROR_IO,       /* a file could not be read */
} LmScenarioError;

/* One error, as `FILE:LINE:COL: error: MESSAGE`.  For an error in a --set
 * option, file is NULL, line and col are 0 and option is the option text
 * ("--set bgp.hold=2s"). */
typedef struct {
  char *file;
  guint line;
  guint col;          /* 1-based, in characters (a tab is one) */
  guint length;       /* characters underlined, >= 1 */
  char *message;
  char *option;
  char *source_line;  /* the line's text for the caret display, or NULL */
} LmScenarioDiag;

/* Where a value came from.  line == 0 and option == NULL: a default. */
typedef struct {
  const char *file;   /* (transfer none) owned by the LmScenario */
  guint line;
  guint col;
  const char *option; /* (transfer none) "--set PATH=VALUE" when overridden */
} LmScLoc;

#define LM_SC_IS_SET(loc) ((loc).line != 0 || (loc).option != NULL)

/* ------------------------------------------------------------------ enums
 * Each enum has a name table (lm_*_name) giving the keyword of the language. */

typedef enum {
  LM_SC_ATTACH_VIRTUAL_PRIVATE_GATEWAY,
  LM_SC_ATTACH_TRANSIT_GATEWAY,
  LM_SC_ATTACH_CLOUD_WAN,
  LM_SC_ATTACH_N
} LmScAttach;

typedef enum { LM_SC_FIRST_MILE_ETHERNET, LM_SC_FIRST_MILE_MPLS, LM_SC_FIRST_MILE_N } LmScFirstMile;

typedef enum {              /* bit flags */
  LM_SC_FAMILY_IPV4 = 1 << 0,
  LM_SC_FAMILY_IPV6 = 1 << 1,
} LmScFamily;

typedef enum {
  LM_SC_MACSEC_MUST_ENCRYPT,
  LM_SC_MACSEC_SHOULD_ENCRYPT,
  LM_SC_MACSEC_NO_ENCRYPT,
  LM_SC_MACSEC_MODE_N
} LmScMacsecMode;

typedef enum { LM_SC_CIPHER_GCM_AES_XPN_256, LM_SC_CIPHER_GCM_AES_256, LM_SC_CIPHER_N } LmScCipher;

typedef enum {
  LM_SC_DIRECTION_BOTH,
  LM_SC_DIRECTION_TO_CLOUD,
  LM_SC_DIRECTION_FROM_CLOUD,
  LM_SC_DIRECTION_N
} LmScDirection;

/* Target classes; LM_SC_CLASS_NONE is "no class keyword given". */
typedef enum {
  LM_SC_CLASS_NONE,
  LM_SC_CLASS_INTERCONNECT,
  LM_SC_CLASS_SITE,
  LM_SC_CLASS_ROUTER_PAIR,
  LM_SC_CLASS_ROUTER,
  LM_SC_CLASS_LINK,
  LM_SC_CLASS_BGP,
  LM_SC_CLASS_PARTNER_FABRIC,
  LM_SC_CLASS_FIRST_MILE,
  LM_SC_CLASS_GATEWAY,
  LM_SC_CLASS_N
} LmScClass;

/* Failure modes; LM_SC_MODE_NONE is "no mode given" (the class default applies). */
typedef enum {
  LM_SC_MODE_NONE,
  LM_SC_MODE_CRASH,
  LM_SC_MODE_GRACEFUL,
  LM_SC_MODE_SILENT,
  LM_SC_MODE_CARRIER,
  LM_SC_MODE_RESET,
  LM_SC_MODE_N
} LmScMode;

/* How random failures' clocks relate (`failures { clocks … }`,
 * docs/models.md "Failure clocks"): independent (the default: every
 * component's failure and repair clocks run whatever its parents do), or
 * suspend (a component's time to failure stands still while its site — or,
 * for a router, link or session, its router pair — is down). */
typedef enum {
  LM_SC_CLOCKS_INDEPENDENT,
  LM_SC_CLOCKS_SUSPEND,
  LM_SC_CLOCKS_N
} LmScClocks;

typedef enum {
  LM_SC_VERB_PROVISION,
  LM_SC_VERB_ACCEPT,
  LM_SC_VERB_ACTIVATE,
  LM_SC_VERB_UPDATE,
  LM_SC_VERB_DELETE,
  LM_SC_VERB_FAIL,
  LM_SC_VERB_REPAIR,
  LM_SC_VERB_FLAP,
  LM_SC_VERB_DEGRADE,
  LM_SC_VERB_MAINTAIN,
  LM_SC_VERB_MACSEC,
  LM_SC_VERB_N
} LmScVerb;

typedef enum { LM_SC_VIA_CONSOLE, LM_SC_VIA_PARTNER, LM_SC_VIA_N } LmScVia;

typedef enum {
  LM_SC_MACSEC_OP_REKEY,
  LM_SC_MACSEC_OP_CAK_ROTATE,
  LM_SC_MACSEC_OP_CAK_MISMATCH,
  LM_SC_MACSEC_OP_N
} LmScMacsecOp;

typedef enum { LM_SC_ROUTER_CLOUD, LM_SC_ROUTER_PARTNER, LM_SC_ROUTER_N } LmScRouter;

typedef enum {
  LM_SC_DIST_EXP,        /* exp(mean):               a = mean */
  LM_SC_DIST_LOGNORMAL,  /* lognormal(mean, sd):     a = mean, b = sd of the time itself */
  LM_SC_DIST_WEIBULL,    /* weibull(shape, scale):   shape, a = scale */
  LM_SC_DIST_FIXED,      /* fixed(t):                a = t */
  LM_SC_DIST_UNIFORM,    /* uniform(lo, hi):         a = lo, b = hi */
  LM_SC_DIST_N
} LmScDistKind;

typedef struct {
  LmScDistKind kind;
  LmTime a;
  LmTime b;
  double shape;
} LmScDist;

typedef enum {
  LM_SC_EXPECT_CONVERGENCE,
  LM_SC_EXPECT_AVAILABILITY,
  LM_SC_EXPECT_CAPACITY_AVAILABILITY,
  LM_SC_EXPECT_HALF_CAPACITY_AVAILABILITY,
  LM_SC_EXPECT_FULL_CAPACITY_AVAILABILITY,
  LM_SC_EXPECT_LOSS,
  LM_SC_EXPECT_LATENCY,
  LM_SC_EXPECT_STATE,
  LM_SC_EXPECT_AVAILABLE_WITHIN,
  LM_SC_EXPECT_N
} LmScExpectKind;

typedef enum { LM_SC_OP_LE, LM_SC_OP_GE, LM_SC_OP_EQ, LM_SC_OP_N } LmScCompare;

/* Interconnect states, as the service's API names them (DESIGN §1). */
typedef enum {
  LM_SC_IC_REQUESTED,
  LM_SC_IC_PENDING,
  LM_SC_IC_AVAILABLE,
  LM_SC_IC_DOWN,
  LM_SC_IC_UPDATING,
  LM_SC_IC_DELETING,
  LM_SC_IC_DELETED,
  LM_SC_IC_FAILED,
  LM_SC_IC_NONE,          /* not a connection (yet): never ordered, or refused */
  LM_SC_IC_STATE_N
} LmScIcState;

const char *lm_sc_attach_name (LmScAttach k);
const char *lm_sc_first_mile_name (LmScFirstMile f);
const char *lm_sc_macsec_mode_name (LmScMacsecMode m);
const char *lm_sc_cipher_name (LmScCipher c);
const char *lm_sc_direction_name (LmScDirection d);
const char *lm_sc_class_name (LmScClass c);
const char *lm_sc_mode_name (LmScMode m);
const char *lm_sc_clocks_name (LmScClocks c);
const char *lm_sc_verb_name (LmScVerb v);
const char *lm_sc_via_name (LmScVia v);
const char *lm_sc_macsec_op_name (LmScMacsecOp o);
const char *lm_sc_router_name (LmScRouter r);
const char *lm_sc_dist_name (LmScDistKind k);
const char *lm_sc_expect_name (LmScExpectKind k);
const char *lm_sc_compare_name (LmScCompare o);
const char *lm_sc_ic_state_name (LmScIcState s);

/* Provisioning (docs/scenario-language.md "provisioning"): an environment's
 * state (partner × metro, the service's Environment.state) and a gateway's
 * status when an interconnect is ordered. */
typedef enum {
  LM_SC_ENV_AVAILABLE,
  LM_SC_ENV_LIMITED,
  LM_SC_ENV_UNAVAILABLE,
  LM_SC_ENV_N
} LmScEnvState;

typedef enum {
  LM_SC_GATEWAY_EXISTING,   /* exists before the run */
  LM_SC_GATEWAY_NEW,        /* created while the interconnect is ordered */
  LM_SC_GATEWAY_MISSING,    /* named, but does not exist: not found */
  LM_SC_GATEWAY_STATUS_N
} LmScGatewayStatus;

const char *lm_sc_env_state_name (LmScEnvState s);
/* The tiers an environment in state @s offers unless the scenario lists
 * them (bit i: tier i): every tier; 1–10 Gbps when limited (an
 * assumption); none when unavailable. */
guint lm_sc_env_default_bandwidths (LmScEnvState s);
const char *lm_sc_gateway_status_name (LmScGatewayStatus s);

/* The bandwidth tiers (DESIGN §1: 1, 2, 5, 10, 25, 50, 100 Gbps), in order. */
#define LM_SC_N_TIERS 7
guint64 lm_sc_tier_bps (guint i);
/* Its index in the tiers, or -1 when @bps is not a tier. */
int lm_sc_tier_index (guint64 bps);

/* The default mode of a failure class (the first of DESIGN §6's table), and
 * whether @mode is allowed for @klass. */
LmScMode lm_sc_class_default_mode (LmScClass klass);
gboolean lm_sc_class_allows_mode (LmScClass klass, LmScMode mode);

/* ------------------------------------------------------------------ tables */

typedef struct {
  char *name;
  LmScLoc loc;
} LmScNameRef;

typedef struct {
  char *name;
  LmScLoc loc;              /* unset for a built-in metro */
  char *region;           /* cloud region with direct connectivity, e.g. "us-east-1" */
  LmScLoc region_loc;
  double distance_km;     /* metro → region, for propagation delay */
  LmScLoc distance_loc;
  gboolean builtin;
} LmScMetro;

typedef struct {
  char *name;
  LmScLoc loc;
  GPtrArray *metros;      /* LmScNameRef*, served metros; loc unset for built-ins */
  gboolean builtin;
} LmScPartner;

/* ------------------------------------------------------------------ world */

/* An IPv4 or IPv6 prefix, 10.0.0.0/16 or 2001:db8::/32 (host bits zero). */
typedef struct {
  char *text;             /* canonical text */
  LmScLoc loc;
  guint8 family;          /* 4 or 6 */
  guint8 len;             /* prefix length */
  guint8 addr[16];        /* network address (IPv4: the first 4 bytes) */
} LmScPrefix;

/* TRUE when the two prefixes share an address (same family, one covers the
 * other); lm_sc_prefix_covers: every address of @inner is in @outer. */
gboolean lm_sc_prefixes_overlap (const LmScPrefix *a, const LmScPrefix *b);
gboolean lm_sc_prefix_covers (const LmScPrefix *outer, const LmScPrefix *inner);

typedef struct {
  char *name;
  LmScLoc loc;              /* where it was declared (`gateway NAME attach …`) */
  LmScAttach attach;
  LmScLoc attach_loc;
  guint32 tgw_asn;        /* transit gateway ASN (attach transit-gateway asn N) */
  LmScLoc tgw_asn_loc;
  /* provisioning: `gateway NAME { … }` */
  LmScGatewayStatus status;  LmScLoc status_loc;
  GPtrArray *vpc_cidrs;      LmScLoc vpc_cidrs_loc;  /* LmScPrefix*, behind the attach point */
  GPtrArray *allowed;        LmScLoc allowed_loc;    /* LmScPrefix*, allowed prefixes */
  guint private_vifs;        LmScLoc private_vifs_loc;  /* virtual interfaces it already carries */
  guint transit_vifs;        LmScLoc transit_vifs_loc;
} LmScGateway;

/* An environment (partner × metro) the scenario describes; one not
 * described is available with every tier. */
typedef struct {
  char *partner;
  char *metro;
  LmScLoc loc;
  LmScEnvState state;     LmScLoc state_loc;
  guint bandwidths;       LmScLoc bandwidths_loc;  /* bit i: tier i offered; 0: the state's default */
} LmScEnvironment;

/* The `provisioning { … }` block: the partner's and the customer's
 * behaviour and the service's delays (defaults and sources in
 * docs/models.md "Provisioning"). */
typedef struct {
  LmScDist activation_delay; LmScLoc activation_delay_loc;  /* customer: key → portal / console */
  LmTime key_expiry;         LmScLoc key_expiry_loc;
  LmScDist partner_build;    LmScLoc partner_build_loc;
  LmScDist connection_build; LmScLoc connection_build_loc;   /* each connection, in parallel */
  LmScDist gateway_create;   LmScLoc gateway_create_loc;
  LmScDist attach;           LmScLoc attach_loc;
  LmScDist acknowledge;      LmScLoc acknowledge_loc;        /* partner: a bandwidth change */
  LmScDist delete_time;      LmScLoc delete_loc;
  LmTime timeout;            LmScLoc timeout_loc;            /* pending longer: failed */
  guint quota;               LmScLoc quota_loc;              /* interconnects per account */
  char *reject;              LmScLoc reject_loc;             /* the partner rejects: why; or NULL */
} LmScProvisioning;

typedef struct {
  char *key;
  char *value;
  LmScLoc loc;
} LmScTag;

typedef struct {
  char *name;
  LmScLoc loc;
  guint index;            /* in LmScenario.interconnects */
  char *partner;          LmScLoc partner_loc;
  char *metro;            LmScLoc metro_loc;
  const LmScMetro *metro_info;    /* (transfer none) resolved after checks */
  guint64 bandwidth_bps;  LmScLoc bandwidth_loc;
  guint64 port_speed_bps; LmScLoc port_speed_loc;  /* = bandwidth unless set */
  char *gateway;          LmScLoc gateway_loc;
  const LmScGateway *gateway_info; /* (transfer none) resolved after checks */
  guint families;         LmScLoc families_loc;    /* LmScFamily bits */
  guint sites;            LmScLoc sites_loc;
  guint pairs_per_site;   LmScLoc pairs_loc;
  LmScFirstMile first_mile; LmScLoc first_mile_loc;
  guint mtu;              LmScLoc mtu_loc;
  char *account;          LmScLoc account_loc;     /* partner account id, or NULL */
  GPtrArray *tags;        /* LmScTag*, in order, unique keys (last wins) */
  char *description;      LmScLoc description_loc; /* the console's name/description, or NULL */
  GPtrArray *prefixes;    LmScLoc prefixes_loc;    /* LmScPrefix*, the customer's prefixes */
} LmScInterconnect;

typedef struct {
  LmTime hold;                   LmScLoc hold_loc;
  LmTime keepalive;              LmScLoc keepalive_loc;
  LmTime connect_retry;          LmScLoc connect_retry_loc;
  LmTime advertisement_interval; LmScLoc advertisement_interval_loc;
  gboolean bfd;                  /* `bfd off` clears it */
  LmTime bfd_interval;
  guint bfd_multiplier;          LmScLoc bfd_loc;
  gboolean graceful_restart;
  LmTime graceful_restart_time;  LmScLoc graceful_restart_loc;
  guint32 asn;                   LmScLoc asn_loc;  /* the cloud (gateway) side's ASN */
} LmScBgp;

typedef struct {
  LmScMacsecMode mode;     LmScLoc mode_loc;
  LmScCipher cipher; LmScLoc cipher_loc;
  LmTime mka_hello;      LmScLoc mka_hello_loc;
  LmTime mka_life;       LmScLoc mka_life_loc;
  gboolean rekey_on_pn_rollover;   /* TRUE: `rekey pn-rollover` */
  LmTime rekey_interval; LmScLoc rekey_loc;  /* when not on PN rollover */
} LmScMacsec;

typedef struct {
  char *interconnect;    LmScLoc loc;
  guint64 rate_bps;      LmScLoc rate_loc;     /* per direction */
  guint64 flows;         LmScLoc flows_loc;
  guint64 packet_bytes;  LmScLoc packet_loc;
  LmScDirection direction; LmScLoc direction_loc;
} LmScTraffic;

typedef struct {
  LmScClass klass;   LmScLoc loc;
  LmScDist ttf;            LmScLoc ttf_loc;      /* `mtbf T` is exp(T) */
  LmScDist ttr;            LmScLoc ttr_loc;      /* `mttr T` is exp(T) */
  LmScMode mode;       LmScLoc mode_loc;     /* NONE: the class default */
} LmScFailureClass;

/* One expanded component name. */
typedef struct {
  char *name;            /* full name, e.g. "ic1.A.rp1.link" */
  LmScClass klass;
  guint interconnect;    /* index in LmScenario.interconnects */
  guint site;            /* 0 = A; for site, router-pair, router, link, bgp */
  guint pair;            /* 0 = rp1; for router-pair, router, link, bgp */
  LmScRouter router;   /* for router */
  guint families;        /* for bgp: the sessions covered (LmScFamily bits) */
} LmScTarget;

typedef struct {
  char *name;            LmScLoc loc;
  GPtrArray *members;    /* LmScNameRef*, as written (wildcards allowed) */
  GPtrArray *targets;    /* LmScTarget*, expanded, sorted, unique */
  LmScDist ttf;            LmScLoc ttf_loc;
  LmScDist ttr;            LmScLoc ttr_loc;
} LmScGroup;

/* The `rare { … }` block: how the component availability is estimated
 * (docs/scenario-language.md §10a, docs/availability.md "Rare events").
 * The command line's --method and --rare-target win over it. */
typedef enum { LM_SC_METHOD_PLAIN, LM_SC_METHOD_RARE, LM_SC_METHOD_AUTO, LM_SC_METHOD_N } LmScMethod;
typedef enum { LM_SC_DENOMINATOR_SIM, LM_SC_DENOMINATOR_EXACT, LM_SC_DENOMINATOR_N } LmScDenominator;

const char *lm_sc_method_name (LmScMethod m);
const char *lm_sc_denominator_name (LmScDenominator d);

#define LM_SC_RARE_BIAS_MIN 0.1
#define LM_SC_RARE_BIAS_MAX 0.8

typedef struct {
  LmScMethod method;           LmScLoc method_loc;        /* default plain */
  double bias;                 LmScLoc bias_loc;          /* default 0.5, in [0.1, 0.8] */
  double target_percent;                                  /* default 1 (%), in (0, 100) */
  double target_fraction;      LmScLoc target_loc;
  LmScDenominator denominator; LmScLoc denominator_loc;   /* default sim */
} LmScRare;

/* `sweep "PATH=V1,V2,…"`: the designs a plain run compares (as --sweep). */
typedef struct {
  char *text;            /* PATH=V1,V2,… as written */
  LmScLoc loc;           /* of the string */
} LmScSweep;

/* ------------------------------------------------------------------ timeline */

typedef struct _LmScFailure LmScFailure;

typedef struct {
  LmScLoc loc;             /* of `at`/`after` (or of the verb, for a live action) */
  char *text;            /* the statement after `at T` / `after T`, as written */
  LmTime at;             /* absolute, `after` resolved */
  gboolean relative;     /* written with `after` */
  LmTime after;          /* the delay written after `after` */
  guint seq;             /* statement order in the files */
  LmScVerb verb;
  LmScClass klass;   /* the class keyword as written, or NONE */
  char *target;          /* the target as written (may hold wildcards) */
  LmScLoc target_loc;
  GPtrArray *targets;    /* LmScTarget*, expanded in sorted order */
  LmScMode mode;       /* as written, or NONE */
  LmScLoc mode_loc;
  char *as_name;         /* `as NAME`, or NULL */
  LmScLoc as_loc;
  LmTime every;          /* flap: the half period */
  LmTime length;         /* flap/maintain/degrade `for T`; 0 when absent */
  gboolean has_length;
  double loss_percent;   /* degrade */
  double loss_fraction;
  LmScMacsecOp macsec_op;
  LmScVia via;
  guint64 bandwidth_bps; /* update */
  char *key;             /* accept/activate `key K`, or NULL */
  GPtrArray *failures;   /* LmScFailure* (transfer none): opened by fail/flap/
                          * maintain, closed by repair */
  gboolean owns_failures;   /* private: a live action owns its failures */
} LmScAction;

struct _LmScFailure {
  char *id;              /* "f1", … or the `as NAME` */
  gboolean named;
  const LmScTarget *target;   /* (transfer none) an element of action->targets */
  LmScMode mode;       /* resolved: never NONE */
  LmTime at;
  LmTime until;          /* repair time; LM_TIME_MAX when never repaired */
  const LmScAction *action;   /* (transfer none) the action that opened it */
  const LmScAction *repair;   /* (transfer none) the repair that closed it, or NULL */
  guint period;          /* flap: 0, 1, … */
};

typedef struct {
  LmScLoc loc;             /* of `expect` */
  char *text;            /* after `expect`, as written: "ic1 convergence <= 1s" */
  char *interconnect;    /* the name as written ("*" allowed) or NULL (inferred) */
  LmScLoc interconnect_loc;
  GPtrArray *interconnects;  /* guint indices (GUINT_TO_POINTER), expanded */
  LmScExpectKind kind;
  LmScCompare op;
  LmTime time_value;     /* convergence, latency, available within */
  double percent;        /* availability*, loss: as written */
  double fraction;       /* percent / 100 */
  guint percentile;      /* latency: 50, 95 or 99 */
  char *failure_id;      /* `convergence of ID`, or NULL (max over failures) */
  LmScLoc failure_loc;
  const LmScFailure *failure;  /* (transfer none) resolved */
  LmTime state_at;       /* state at T */
  LmScIcState state;
} LmScExpectation;

/* ------------------------------------------------------------------ scenario */

typedef struct {
  char *name;            LmScLoc name_loc;     /* default: the file's base name */
  guint64 seed;          LmScLoc seed_loc;
  LmTime duration;       LmScLoc duration_loc;
  guint64 replications;  LmScLoc replications_loc;
  char *path;            /* the main file (or the name given to parse_string) */

  GPtrArray *partners;        /* LmScPartner*, built-ins first */
  GPtrArray *metros;          /* LmScMetro*, built-ins first */
  GPtrArray *interconnects;   /* LmScInterconnect* */
  GPtrArray *gateways;        /* LmScGateway*, in order of first mention */
  GPtrArray *environments;    /* LmScEnvironment*, the ones described, in order */
  LmScProvisioning provisioning;
  LmScBgp bgp;
  LmScMacsec macsec;
  LmScRare rare;
  GPtrArray *traffic;         /* LmScTraffic*, one per interconnect named */
  GPtrArray *failure_classes; /* LmScFailureClass*, one per class named */
  LmScClocks failure_clocks;  LmScLoc failure_clocks_loc;   /* failures { clocks … } */
  GPtrArray *groups;          /* LmScGroup* */
  GPtrArray *actions;         /* LmScAction*, sorted by (at, seq) */
  GPtrArray *failures;        /* LmScFailure*, in id order */
  GPtrArray *expectations;    /* LmScExpectation*, in file order */
  GPtrArray *sweeps;          /* LmScSweep*, `sweep "PATH=V1,V2"` in file order */
  GPtrArray *files;           /* char*, every file read, in order (first: main) */

  /* private */
  GPtrArray *strings;         /* strings LmScLoc points to */
  GHashTable *index;          /* name → object, for lookups */
  guint next_seq;
  guint live_failures;
  struct _LmScMemo *memo;     /* derived data (lm_scenario_memo) */
} LmScenario;

/* Command-line overrides, applied after parsing, in order. */
typedef struct _LmScenarioOverrides LmScenarioOverrides;

LmScenarioOverrides *lm_scenario_overrides_new (void);
void lm_scenario_overrides_free (LmScenarioOverrides *set);
/* Adds `PATH=VALUE` as given to --set; FALSE with an error naming the option
 * when it is not of that shape. */
gboolean lm_scenario_overrides_add (LmScenarioOverrides *set, const char *arg, GError **error);
/* The same, naming the value @flag ("--sweep") in messages. */
gboolean lm_scenario_overrides_add_as (LmScenarioOverrides *set, const char *flag,
                                       const char *arg, GError **error);
/* An option that stands for one setting (--failure-clocks suspend is
 * failures.clocks=suspend): messages name @flag and @value. */
gboolean lm_scenario_overrides_add_key (LmScenarioOverrides *set, const char *flag,
                                        const char *path, const char *value, GError **error);
guint lm_scenario_overrides_count (const LmScenarioOverrides *set);

/* --sweep PATH=V1,V2,…: splits on commas outside parentheses.  Returns the
 * list of `PATH=Vi` strings, each usable with lm_scenario_overrides_add().
 * (transfer full) */
GStrv lm_scenario_sweep_split (const char *arg, GError **error);

/* ------------------------------------------------------------------ parsing */

typedef struct _LmScenarioParser LmScenarioParser;

LmScenarioParser *lm_scenario_parser_new (void);
void lm_scenario_parser_free (LmScenarioParser *p);
/* (transfer none) applied to the next parse; NULL clears. */
void lm_scenario_parser_set_overrides (LmScenarioParser *p, const LmScenarioOverrides *set);
/* Includes are allowed by default; when off, `include` is an error. */
void lm_scenario_parser_set_includes (LmScenarioParser *p, gboolean allowed);
/* Parses the file at @path (and its includes). */
LmScenario *lm_scenario_parser_load (LmScenarioParser *p, const char *path, GError **error);
/* Parses @len bytes of @text (need not be NUL-terminated; may hold NULs,
 * which are an error) named @name in messages; includes are resolved
 * relative to @name's directory. */
LmScenario *lm_scenario_parser_parse (LmScenarioParser *p, const char *text, gsize len,
                                      const char *name, GError **error);
/* The diagnostics of the last parse (LmScenarioDiag*), in the order found.
 * (transfer none) valid until the next parse or free. */
const GPtrArray *lm_scenario_parser_diagnostics (const LmScenarioParser *p);

/* Convenience wrappers over a one-shot parser.  On failure the GError's
 * message is the full text: for each error `FILE:LINE:COL: error: MESSAGE`,
 * the source line and a caret line. */
LmScenario *lm_scenario_load (const char *path, const LmScenarioOverrides *set, GError **error);
LmScenario *lm_scenario_parse_string (const char *text, const char *name,
                                      const LmScenarioOverrides *set, GError **error);

/* Parses one action without `at` (live mode's POST /inject), checked against
 * @sc by the same rules as a scripted one (names, classes, modes, values);
 * its time is 0 and its failures (for fail/flap/maintain) get fresh ids
 * after the scripted ones.  Whether a `repair` finds an open failure depends
 * on the running world, so the caller answers that.  On success *@out is a
 * new action (transfer full; free with lm_sc_action_free) whose failures are
 * owned by it. */
gboolean lm_scenario_parse_action (LmScenario *sc, const char *line, LmScAction **out,
                                   GError **error);
void lm_sc_action_free (LmScAction *a);

/* Renders diagnostics as gcc does (transfer full). */
char *lm_scenario_diag_render (const GPtrArray *diags);

/* The canonical form: includes and overrides applied, one file, absolute
 * times, canonical units; defaults shown as comments.  Parsing it gives the
 * same tree.  (transfer full) */
char *lm_scenario_print (const LmScenario *sc);

void lm_scenario_free (LmScenario *sc);

/* Data a model derives from the scenario, computed once and shared by every
 * replication (sim/scenario-memo.c): the first call with @key runs @compute
 * (@data) and keeps its result, freed with the scenario by @destroy; every
 * call returns that result.  It must be a pure function of the scenario and
 * @key, and is read-only once returned.  Thread-safe.  (transfer none) */
typedef struct _LmScMemo LmScMemo;
typedef gpointer (*LmScMemoFunc) (gconstpointer data);
gconstpointer lm_scenario_memo (const LmScenario *sc, const char *key, LmScMemoFunc compute,
                                gconstpointer data, GDestroyNotify destroy);
LmScMemo *lm_sc_memo_new (void);
void lm_sc_memo_free (LmScMemo *memo);

/* Lookups (transfer none); NULL when absent. */
const LmScInterconnect *lm_scenario_find_interconnect (const LmScenario *sc, const char *name);
const LmScFailure *lm_scenario_find_failure (const LmScenario *sc, const char *id);
const LmScTraffic *lm_scenario_find_traffic (const LmScenario *sc, const char *interconnect);
const LmScMetro *lm_scenario_find_metro (const LmScenario *sc, const char *name);
const LmScPartner *lm_scenario_find_partner (const LmScenario *sc, const char *name);
const LmScGateway *lm_scenario_find_gateway (const LmScenario *sc, const char *name);
const LmScFailureClass *lm_scenario_find_failure_class (const LmScenario *sc, LmScClass klass);
/* The environment described for (@partner, @metro), or NULL (available). */
const LmScEnvironment *lm_scenario_find_environment (const LmScenario *sc, const char *partner,
                                                     const char *metro);
/* Whether the script orders @interconnect (a provision or accept action):
 * it then starts absent and the console validates its settings. */
gboolean lm_scenario_ordered (const LmScenario *sc, const char *interconnect);

/* The default end time of a failure that is never repaired. */
#define LM_SC_FAILURE_OPEN LM_TIME_MAX

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScenario, lm_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScenarioParser, lm_scenario_parser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScenarioOverrides, lm_scenario_overrides_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScAction, lm_sc_action_free)

G_END_DECLS
