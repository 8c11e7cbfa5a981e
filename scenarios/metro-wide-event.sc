# metro-wide-event.sc — a correlated failure: both sites of the metro at once.
#
# The 2 x 2 design protects against any single site; it does not protect
# against an event that takes the whole metro (a regional power or fibre
# cut).  Besides the independent failures of the default data, a
# `metro-event` group takes sites A and B down together about once in ten
# years for about 4 hours (lognormal, sd 2 h: most events are short, a few
# long).  Its rate and length are assumptions to vary, not published
# figures (docs/models.md §8).  Compare with year-of-failures.sc: the
# reachability outages below come from the group, the exact model (which
# assumes independence) is marked not applicable.
scenario "metro-wide-event"
seed 11
duration 1y
replications 2000
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }

failures { preset default }
group metro-event { members ic1.A ic1.B  mtbf 87600h  mttr lognormal(4h, 2h) }

expect ic1 availability >= 99.9%
expect ic1 half-capacity-availability >= 99.9%
