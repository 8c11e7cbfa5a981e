duration 1h
interconnect ic1 { partner lumen metro chicago bandwidth 1Gbps gateway g }
failures { link ttf weibull(1.5, 10y) mttr lognormal(4h, 2h) }
group g { members ic1.*.rp1 mtbf 1y mttr uniform(1h, 2h) }
at 1m flap ic1.A.rp1.link every 1s for 5s
at 2m maintain site ic1.B for 10m as m
expect convergence of m <= 1s
