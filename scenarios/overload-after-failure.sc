# overload-after-failure.sc — 25 Gbps on a 50 Gbps interconnect whose ports
# run at 10 Gbps each.  Lose site A: the two survivors can carry 20 Gbps, so
# 5 Gbps is lost to congestion while the site is down — reachable, but not
# at capacity.  ("Provision sufficient capacity so that the failure of one
# connection does not overwhelm the others.")
scenario "overload-after-failure"
seed 19
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 50Gbps
    port-speed 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4
}
traffic ic1 { rate 25Gbps flows 4096 }

at 30m    fail site ic1.A
at 60m    repair site ic1.A

# Reachable throughout, but 5 of 25 Gbps are lost for 30 of 120 minutes
# (about 5 % of the traffic): the report shows it as congestion loss and
# capacity availability near 75 %.
expect ic1 availability >= 99.99%
expect ic1 loss <= 6%
