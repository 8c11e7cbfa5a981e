/* sim/scenario-tables.c — the built-in partners and metros.
 *
 * A scenario names a partner and a metro for each interconnect; the metro
 * fixes the cloud region with direct connectivity and the distance to it
 * (for propagation delay).  These tables are the defaults; a scenario adds
 * partners, metros, or metros to a partner with `partners { … }` and
 * `metros { … }` blocks.
 *
 * Sources (docs/scenario-language.md, "Partners and metros"):
 *  - Lumen is the partner the service documents ("available with Lumen in
 *    us-east-1 (N. Virginia) … from the New Jersey sites"; the console's
 *    example metros are "New York, Chicago, Seattle") — cloud-facts.md §1
 *    "Partners, Regions and metros", seed-getting-started-last-mile.txt.
 *  - new-york → us-east-1 follows from "the New Jersey sites in us-east-1".
 *  - Every other metro → region pairing and every distance is an
 *    ASSUMPTION: the nearest region, and the great-circle distance in km
 *    from the metro to that region's best-known data-centre area (Ashburn
 *    VA for us-east-1, Columbus OH for us-east-2, Boardman OR for
 *    us-west-2, the San Francisco Bay Area for us-west-1), rounded to 10 km.
 */
#include "sim/scenario-private.h"

typedef struct {
  const char *name;
  const char *region;
  double distance_km;
} BuiltinMetro;

static const BuiltinMetro builtin_metros[] = {
  { "new-york", "us-east-1", 350.0 },      /* Secaucus NJ → Ashburn VA */
  { "chicago", "us-east-2", 430.0 },
  { "seattle", "us-west-2", 280.0 },
  { "ashburn", "us-east-1", 10.0 },
  { "atlanta", "us-east-1", 850.0 },
  { "dallas", "us-east-2", 1460.0 },
  { "los-angeles", "us-west-1", 490.0 },
};

static const char *const lumen_metros[] = {
  "new-york", "chicago", "seattle", "ashburn", "atlanta", "dallas", "los-angeles", NULL,
};

void
lm_sc_tables_init (LmScenario *sc)
{
  LmScLoc none = { 0 };
  for (gsize i = 0; i < G_N_ELEMENTS (builtin_metros); i++)
    {
      LmScMetro *m = lm_sc_get_metro (sc, builtin_metros[i].name, none);
      m->region = g_strdup (builtin_metros[i].region);
      m->distance_km = builtin_metros[i].distance_km;
    }
  LmScPartner *lumen = lm_sc_get_partner (sc, "lumen", none);
  for (gsize i = 0; lumen_metros[i] != NULL; i++)
    g_ptr_array_add (lumen->metros, lm_sc_name_ref_new (lumen_metros[i], none));
}
