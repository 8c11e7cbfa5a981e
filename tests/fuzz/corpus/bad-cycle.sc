# expect: cycle.sc:3:9: error: include cycle: '.*cycle.sc' is already being read
duration 1h
include "cycle.sc"
