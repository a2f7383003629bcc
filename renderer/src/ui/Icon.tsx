/**
 * A small set of line icons for category tiles (decorative: the text always
 * says what the tile is). Unknown names fall back to a document.
 */
const PATHS: Record<string, string> = {
  family: 'M16 14a5 5 0 1 0 0-.01M34 16a4 4 0 1 0 0-.01M6 40v-6a10 10 0 0 1 20 0v6M26 40v-4a8 8 0 0 1 16 0v4',
  baby: 'M24 8a8 8 0 1 0 0 16 8 8 0 1 0 0-16M12 42c0-8 5-14 12-14s12 6 12 14M20 15h.01M28 15h.01',
  home: 'M6 22 24 8l18 14M11 18v22h26V18M20 40V28h8v12',
  house: 'M6 22 24 8l18 14M11 18v22h26V18M20 40V28h8v12',
  stamp: 'M18 8h12v10l6 8H12l6-8zM8 30h32v6H8zM12 42h24',
  certificate: 'M10 6h22l8 8v28H10zM32 6v8h8M16 22h16M16 29h16M16 36h9',
  document: 'M10 6h22l8 8v28H10zM32 6v8h8M16 22h16M16 29h16M16 36h9',
  heart: 'M24 40S6 29 6 17a9 9 0 0 1 18-2 9 9 0 0 1 18 2c0 12-18 23-18 23z',
  support: 'M24 40S6 29 6 17a9 9 0 0 1 18-2 9 9 0 0 1 18 2c0 12-18 23-18 23z',
  people: 'M17 16a6 6 0 1 0 0-.01M33 18a5 5 0 1 0 0-.01M5 40v-4a12 12 0 0 1 24 0v4M29 40v-3a9 9 0 0 1 14 -7',
  land: 'M4 38h40M8 38V24l10-8 10 8v14M30 38V20l7-6 7 6v18',
  id: 'M6 12h36v24H6zM12 20a4 4 0 1 0 8 0 4 4 0 1 0-8 0M10 32c1-4 3-6 6-6s5 2 6 6M26 20h10M26 26h10',
  search: 'M21 8a13 13 0 1 0 0 26 13 13 0 1 0 0-26M30 30l10 10',
  speaker: 'M6 18h8l11-9v30l-11-9H6zM31 17a9 9 0 0 1 0 14M36 11a17 17 0 0 1 0 26',
  track: 'M12 6h24v36H12zM18 14h12M18 22h12M18 30h6M30 34l3 3 6-7',
  backspace: 'M16 10h26v28H16L4 24zM22 18l12 12M34 18 22 30',
  shift: 'M24 6 6 26h10v14h16V26h10z',
};

export function Icon(props: { name: string; className?: string }) {
  const d = PATHS[props.name] ?? PATHS.document;
  return (
    <svg className={`icon ${props.className ?? ''}`} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
