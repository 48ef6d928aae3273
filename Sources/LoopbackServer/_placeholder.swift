// LoopbackServer module
