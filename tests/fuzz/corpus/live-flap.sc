flap ic1.A.rp2.link every 1s for 10s
