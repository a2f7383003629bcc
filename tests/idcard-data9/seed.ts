/** Generator 9's report seed and size: the held-out 9 set is this seed, 24 holders; anything else is a check. */
export const DEFAULT_SEED9 = 9909;
export const DEFAULT_CARDS9 = 24;
