# router-pair-crash.sc — one router pair (both routers) at site A crashes.
# Question: with one of four connections gone, does traffic move to the other
# three within a second, with no congestion at 6 Gbps on a 10 Gbps tier?
scenario "router-pair-crash"
seed 7
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 6Gbps flows 4096 }

at 10m    fail router-pair ic1.A.rp1 crash
at 40m    repair router-pair ic1.A.rp1

expect ic1 convergence <= 1s
expect ic1 availability >= 99.99%
expect ic1 capacity-availability >= 99.99%
expect ic1 full-capacity-availability >= 40%
expect ic1 state at 20m == available
