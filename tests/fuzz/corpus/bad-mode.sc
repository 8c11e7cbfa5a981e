# expect: mode.sc:9:33: error: mode 'crash' does not apply to a link \('ic1.A.rp1.link'\); its modes are silent and carrier
duration 1h
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway g1
}
at 10m fail link ic1.A.rp1.link crash
