# expect: tier.sc:6:15: error: bandwidth 3Gbps is not a tier; expected 1, 2, 5, 10, 25, 50 or 100 Gbps
duration 1h
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 3Gbps
    gateway g1
}
