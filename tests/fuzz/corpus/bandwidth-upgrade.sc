# bandwidth-upgrade.sc — 12 Gbps each way on a 10 Gbps interconnect: the edge
# polices the excess until the tier is raised.  UpdateConnection asks for
# 25 Gbps at 1h; the connection is `updating` until the partner acknowledges
# (provisioning.acknowledge), then the new tier is in force — "without
# reprovisioning connections" (cloud-facts.md §1).  The interconnect is
# available from the start and stays in service throughout.
scenario "bandwidth-upgrade"
seed 9
duration 3h

interconnect ic1 {
    partner lumen
    metro ashburn
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
}
traffic ic1 { rate 12Gbps }

at 1h update ic1 bandwidth 25Gbps

expect ic1 state at 59m == available
expect ic1 state at 1h4m == updating
expect ic1 state at 3h == available
# policing: 2 of 12 Gbps until the acknowledgement at 1h + [5m, 30m]:
# between 2·65m/(12·180m) = 6.0 % and 2·90m/(12·180m) = 8.3 % of the offered load
expect ic1 loss <= 8.4%
expect ic1 availability >= 99.99%
