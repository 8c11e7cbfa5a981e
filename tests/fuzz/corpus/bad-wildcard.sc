# expect: wildcard.sc:9:13: error: 'ic1.\*.rp3' matches nothing
duration 1h
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway g1
}
at 10m fail ic1.*.rp3
