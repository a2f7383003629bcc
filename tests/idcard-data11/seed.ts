/** Generator 11's report seed and size (the held-out set of session 13): only the lead's run generates it. */
export const DEFAULT_SEED11 = 1111;
export const DEFAULT_CARDS11 = 24;
