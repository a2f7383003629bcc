/** Generator 10's report seed and size (the lead's held-out run); any other seed is a check, never the report. */
export const DEFAULT_SEED10 = 1010;
export const DEFAULT_CARDS10 = 24;
