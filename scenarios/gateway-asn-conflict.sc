# gateway-asn-conflict.sc — the transit gateway was created with the same ASN
# as the gateway (both 64512, the default of each): "the association request
# fails" (cloud-facts.md §2 ASNs).  ic1 is built, then fails at the
# association; ic2, on a transit gateway with its own ASN, is available.
scenario "gateway-asn-conflict"
seed 5
duration 2h

interconnect ic1 {
    partner lumen
    metro dallas
    bandwidth 10Gbps
    gateway dxgw-a attach transit-gateway asn 64512    # equal to bgp asn 64512
    account "ops@example.com"
}
interconnect ic2 {
    partner lumen
    metro dallas
    bandwidth 10Gbps
    gateway dxgw-b attach transit-gateway asn 64600
    account "ops@example.com"
}
bgp { asn 64512 }

at 0s provision ic1 via console
at 0s provision ic2 via console

expect ic1 state at 2h == failed
expect ic2 available within 30m
expect ic2 state at 2h == available
