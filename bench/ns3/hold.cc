/* bench/ns3/hold.cc — the hold model on ns-3, for comparison only.
 *
 *   build/ns3-hold --pending N --events E [--warmup W] --seed S
 *                  [--scheduler map|priority-queue|heap|calendar|list]
 *
 * The workload of build/bench-hold, event for event: the same delays from the
 * same lmsim stream (lm_rng_new (seed, 0, "bench.hold"), linked from
 * build/liblmsim.a), rounded to integer nanoseconds (ns-3's default time
 * resolution), each fired event scheduling one new one with
 * Simulator::Schedule (NanoSeconds (delay), &OnHold, state) — what an ns-3
 * model does.  ns-3 orders events by (time, uid) with uid an insertion
 * counter, so it fires the same sequence and prints the same checksum.
 * The default scheduler is ns-3's default, MapScheduler (std::map).
 *
 * Built by bench/ns3/Makefile (target bench-ns3) against Debian's libns3-dev;
 * nothing else in lmsim needs ns-3.
 */
#include "ns3/calendar-scheduler.h"
#include "ns3/heap-scheduler.h"
#include "ns3/list-scheduler.h"
#include "ns3/map-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/priority-queue-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/version-defines.h"

#include <cstring>

#include "bench/bench-common.h"
#include "sim/rng.h"

using namespace ns3;

namespace
{

struct Hold
{
    gsl_rng* rng;
    BenchHoldCounter count;
};

void
OnHold(Hold* h)
{
    if (bench_hold_fired(&h->count, Simulator::Now().GetTimeStep()))
    {
        Simulator::Stop();
    }
    Simulator::Schedule(NanoSeconds(bench_exp_delay(h->rng)), &OnHold, h);
}

const char*
SchedulerTypeId(const char* name)
{
    static const struct
    {
        const char* name;
        const char* type_id;
    } kinds[] = {
        {"map", "ns3::MapScheduler"},
        {"priority-queue", "ns3::PriorityQueueScheduler"},
        {"heap", "ns3::HeapScheduler"},
        {"calendar", "ns3::CalendarScheduler"},
        {"list", "ns3::ListScheduler"},
    };
    for (const auto& k : kinds)
    {
        if (std::strcmp(k.name, name) == 0)
        {
            return k.type_id;
        }
    }
    return nullptr;
}

} // namespace

int
main(int argc, char** argv)
{
    BenchHoldOptions o;
    GError* error = nullptr;
    gchar* scheduler = nullptr;
    GOptionEntry extra[] = {
        {"scheduler", 'k', 0, G_OPTION_ARG_STRING, &scheduler,
         "ns-3 scheduler: map (default), priority-queue, heap, calendar, list", "KIND"},
        BENCH_OPTION_END};
    if (!bench_hold_parse(&argc, &argv, "The hold model on ns-3.", extra, &o, &error))
    {
        g_printerr("ns3-hold: %s\n", error->message);
        return 2;
    }
    const char* type_id = SchedulerTypeId(scheduler ? scheduler : "map");
    if (type_id == nullptr)
    {
        g_printerr("ns3-hold: unknown scheduler '%s'\n", scheduler);
        return 2;
    }
    if (o.warmup < 0)
    {
        o.warmup = MIN(o.pending, o.events);
    }
    lm_rng_init_gsl();
    ObjectFactory factory;
    factory.SetTypeId(type_id);
    Simulator::SetScheduler(factory);
    Hold h{lm_rng_new(o.seed, 0, BENCH_HOLD_STREAM), {}};

    gint64 t0 = g_get_monotonic_time();
    for (gint64 i = 0; i < o.pending; i++)
    {
        Simulator::Schedule(NanoSeconds(bench_exp_delay(h.rng)), &OnHold, &h);
    }
    double fill_s = (double)(g_get_monotonic_time() - t0) / 1e6;
    bench_hold_counter_init(&h.count, &o);

    Simulator::Run();
    if (h.count.fired != h.count.stop_at)
    {
        g_printerr("ns3-hold: fired %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "\n",
                   h.count.fired, h.count.stop_at);
        return 1;
    }
    gchar* title = g_strdup_printf("bench: hold model on ns-3 %d.%d (%s)", NS3_VERSION_MAJOR,
                                   NS3_VERSION_MINOR, type_id);
    bench_hold_report(title, &o, &h.count, fill_s, Simulator::Now().GetTimeStep());
    g_free(title);
    g_free(scheduler);
    Simulator::Destroy();
    gsl_rng_free(h.rng);
    return 0;
}
