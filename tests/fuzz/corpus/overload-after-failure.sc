# overload-after-failure.sc — 100 Gbps ordered, four 40 Gbps ports, and the
# full 100 Gbps offered.  Lose site A: the two survivors carry 80 Gbps, so
# 20 Gbps is lost to congestion while the site is down — reachable, but not
# at capacity.  ("Provision sufficient network capacity to ensure that the
# failure of one network connection does not overwhelm and degrade redundant
# connections", cloud-facts §7.)
scenario "overload-after-failure"
seed 19
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 100Gbps
    port-speed 40Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 100Gbps flows 4096 }

at 30m    fail site ic1.A
at 60m    repair site ic1.A

# Reachable throughout; 20 of 100 Gbps lost for 30 of 120 minutes is 5 % of
# the traffic, all of it congestion (the report shows capacity availability
# near 75 %).
expect ic1 availability >= 99.99%
expect ic1 loss <= 5.1%
expect ic1 convergence <= 1s
