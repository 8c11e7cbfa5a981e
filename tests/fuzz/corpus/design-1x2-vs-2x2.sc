# design-1x2-vs-2x2.sc — the same site failure against two designs: one site
# with two router pairs (ic1) and two sites with two each (ic2, what the
# service builds).  The single-site design loses everything; the other
# converges within a second.
scenario "design-1x2-vs-2x2"
seed 31
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
    sites 1
    pairs-per-site 2
}
interconnect ic2 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main
    families ipv4
}
traffic ic1 { rate 4Gbps flows 4096 }
traffic ic2 { rate 4Gbps flows 4096 }

at 30m    fail site ic1.A
at 30m    fail site ic2.A
at 60m    repair site ic1.A
at 60m    repair site ic2.A

# ic1 is down for the whole 30 minutes (about 75 % over the run): no
# expectation could hold for it except the one that it comes back.
expect ic1 state at 45m == down
expect ic1 state at 1h30m == available
expect ic2 availability >= 99.99%
expect ic2 convergence <= 1s
