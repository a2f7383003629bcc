/** Legibility: how many of the printed words an OCR of the output finds. */

/** Words for comparison: NFC, lower case, letters and digits only. */
export function words(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Share of the printed words found in the OCR text (multiset match, order-free). */
export function wordAccuracy(truth: string[], got: string[]): number {
  const bag = new Map<string, number>();
  for (const w of got) bag.set(w, (bag.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of truth) {
    const c = bag.get(w) ?? 0;
    if (c > 0) {
      hit++;
      bag.set(w, c - 1);
    }
  }
  return truth.length ? hit / truth.length : 1;
}
