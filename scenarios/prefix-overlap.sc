# prefix-overlap.sc — the branch office uses 10.20.0.0/16, and so does a VPC
# behind the gateway.  The service does not refuse it; the getting-started
# guide says to "review your existing IP address allocations to ensure no
# conflicts".  lmsim reports each overlap when the interconnect is ordered,
# and a VPC CIDR that the virtual private gateway's allowed prefixes do not
# cover (it is not advertised).  The interconnect itself comes up.
scenario "prefix-overlap"
seed 3
duration 1h

interconnect ic1 {
    partner lumen
    metro atlanta
    bandwidth 2Gbps
    gateway dxgw-vpcs
    account "it@example.com"
    prefixes 10.20.0.0/16 192.168.10.0/24 2001:db8:100::/48
}
gateway dxgw-vpcs {
    attach virtual-private-gateway
    status new                                   # created with the interconnect
    vpc-cidrs 10.16.0.0/12 172.31.0.0/16 2001:db8:100::/40
    allowed-prefixes 10.0.0.0/8
}

at 0s provision ic1 via console

expect ic1 available within 30m
expect ic1 state at 1h == available
