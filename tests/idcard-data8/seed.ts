/** The eighth (held-out 8) set's report seed: only the lead runs it through the reader, once. */
export const DEFAULT_SEED8 = 8808;
/** Holders in the report set (each gives a front, and a back unless the card is valid for life). */
export const DEFAULT_CARDS8 = 24;
