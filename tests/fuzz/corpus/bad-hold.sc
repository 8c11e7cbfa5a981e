# expect: hold.sc:9:12: error: hold time 2s is below 3s \(RFC 4271 §4.2: 0 or at least 3s\)
duration 1h
interconnect ic1 {
    partner lumen
    metro chicago
    bandwidth 10Gbps
    gateway g1
}
bgp { hold 2s keepalive 1s }
