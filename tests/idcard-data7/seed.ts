/** Generator 7's report seed: only ever run to report (docs/idcard-gen7.md); development runs use any other. */
export const DEFAULT_SEED7 = 7707;
