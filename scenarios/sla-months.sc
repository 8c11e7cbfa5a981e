# sla-months.sc — how many months would breach a service-credit threshold?
#
# Service credits are computed per monthly billing cycle (730 h here): the
# share of months below 99.99 %, 99.9 %, 99.0 % and 95.0 % is what a
# contract feels, and it is not the yearly average.  This is the 2 x 1
# design (two sites, one router pair each) — the "high resiliency" layout
# of the service guide — under the default failure data, 10 years per
# replication so that every replication has 120 whole months.  The report's
# month table answers the question; the expectation guards the average.
scenario "sla-months"
seed 2027
duration 10y
replications 200
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
    sites 2
    pairs-per-site 1
}
traffic ic1 { rate 4Gbps flows 4096 }

failures { preset default }

expect ic1 availability >= 99.99%
