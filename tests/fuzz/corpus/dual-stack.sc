# dual-stack.sc — IPv4 and IPv6 sessions are independent: a reset of one IPv6
# session leaves IPv4 untouched; reachability needs both families.
scenario "dual-stack"
seed 29
duration 1h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4 ipv6
}
traffic ic1 { rate 4Gbps flows 4096 }

at 10m    fail bgp ic1.A.rp1.bgp.ipv6 reset
at 12m    repair bgp ic1.A.rp1.bgp.ipv6

expect ic1 convergence <= 500ms
expect ic1 availability >= 99.99%
expect ic1 loss <= 0.001%
