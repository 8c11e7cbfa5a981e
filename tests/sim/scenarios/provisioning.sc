# every provisioning statement and key (docs/scenario-language.md "provisioning")
scenario "provisioning syntax"
duration 1d
partners { acme metros london }
metros { london region eu-west-2 distance 50km }
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 3Gbps                     # not a tier: the console refuses it in the run
    gateway gw1 attach transit-gateway asn 64512   # equal ASNs: the association fails in the run
    account "ops@example.com"
    description "Chicago branch office"
    prefixes 192.168.0.0/16 2001:db8::/32 "fd00::/8"
}
interconnect ic2 {
    partner acme metro london bandwidth 10Gbps gateway gw2
}
gateway gw1 {
    status new
    vpc-cidrs 10.0.0.0/16 10.1.0.0/16 "fd12:3456::/48"
    allowed-prefixes 10.0.0.0/8
}
gateway gw2 { attach virtual-private-gateway status existing private-vifs 3 transit-vifs 1 }
gateway gw3 { attach cloud-wan status missing }
environments {
    lumen chicago limited bandwidths 1Gbps 2Gbps 10Gbps
    lumen seattle unavailable
    acme london available
}
provisioning {
    activation-delay lognormal(30m, 20m)
    key-expiry 2d
    partner-build uniform(2m, 4m)
    connection-build exp(3m)
    gateway-create fixed(90s)
    attach weibull(2, 3m)
    acknowledge 10m
    delete uniform(1m, 2m)
    timeout 2h
    quota 4
    reject "no capacity at the Chicago sites"
}
at 0s provision ic1 via console
at 0s provision ic2 via partner
after 5m accept ic2
after 1m activate ic1 key "NOT-THE-KEY"
at 20h update ic2 bandwidth 25Gbps
at 22h delete ic2
