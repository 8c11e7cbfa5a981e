# expect: unclosed.sc:8:1: error: expected '\}' to close the interconnect ic1 block opened at line 3, got 'at'
duration 1h
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway g1
at 10m fail site ic1.A
