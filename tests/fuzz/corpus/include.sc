duration 1h
include "x.sc"
