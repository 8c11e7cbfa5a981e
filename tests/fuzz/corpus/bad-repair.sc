# expect: repair.sc:10:15: error: nothing to repair: no failure of 'ic1.A' is open at 10m
duration 1h
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway g1
}
at 20m fail site ic1.A
at 10m repair ic1.A
