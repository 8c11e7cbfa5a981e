# first-mile-outage.sc — the first mile from the customer's premises to the
# partner's fabric is one circuit: when it is cut, no redundancy behind it
# helps.  Four connections, two sites, and still an outage.
scenario "first-mile-outage"
seed 23
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
    first-mile ethernet
}
traffic ic1 { rate 2Gbps flows 4096 }

at 30m    fail first-mile ic1.first-mile carrier
at 34m    repair first-mile ic1.first-mile

# Down for 4 of 120 minutes: 96.67 % at best, whatever the design behind it.
expect ic1 availability >= 96%
expect ic1 state at 32m == down
expect ic1 state at 1h == available
