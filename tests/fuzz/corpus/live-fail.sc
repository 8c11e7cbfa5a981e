fail link ic1.*.rp1.link carrier as x
