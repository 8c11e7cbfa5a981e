# provision-create.sc — how long from "Finish" in the console to traffic flowing?
#
# The customer creates the interconnect in the console (CreateConnection), is
# shown an activation key, and enters it on the partner's portal a few minutes
# later (drawn: provisioning.activation-delay).  The partner builds its side,
# the four connections are built in parallel, MACsec secures each link, BFD and
# BGP come up, and the interconnect is attached to the gateway: available.
# "New Interconnects are typically provisioned and configured within minutes"
# (cloud-facts.md §1).  Traffic is offered from the moment it is available.
scenario "provision-create"
seed 42
duration 2h
include "common/defaults.sc"

interconnect ic1 {
    partner lumen
    metro new-york
    bandwidth 10Gbps
    gateway dxgw-main attach transit-gateway
    families ipv4 ipv6
    account "netops@example.com"       # Lumen identifies customers by e-mail
    description "New York branch"
    tags env=prod
}
traffic ic1 { rate 6Gbps flows 4096 }

at 0s provision ic1 via console

# worst case with the defaults: key 10m + partner 5m + slowest build 5m + attach 5m
expect ic1 available within 30m
expect ic1 state at 2h == available
expect ic1 availability >= 99.99%
expect ic1 full-capacity-availability >= 99.99%
expect ic1 loss <= 0.001%
