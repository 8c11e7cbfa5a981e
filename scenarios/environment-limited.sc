# environment-limited.sc — the partner's Chicago environment is `limited`
# ("available, but overall capacity is limited"): it offers the smaller tiers
# only (here 1, 2, 5 and 10 Gbps).  A 25 Gbps order is refused by the console
# (InterconnectValidationException); 10 Gbps there is provisioned.  Seattle
# is `unavailable`: no new connections at all (InterconnectClientException).
scenario "environment-limited"
seed 13
duration 2h

interconnect big {
    partner lumen
    metro chicago
    bandwidth 25Gbps
    gateway dxgw-main attach transit-gateway
    account "ops@example.com"
}
interconnect right-sized {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway dxgw-main
    account "ops@example.com"
}
interconnect west {
    partner lumen
    metro seattle
    bandwidth 10Gbps
    gateway dxgw-main
    account "ops@example.com"
}
environments {
    lumen chicago limited bandwidths 1Gbps 2Gbps 5Gbps 10Gbps
    lumen seattle unavailable
}

at 0s provision big via console
at 0s provision right-sized via console
at 0s provision west via console

expect big state at 2h == none
expect west state at 2h == none
expect right-sized available within 30m
expect right-sized state at 2h == available
