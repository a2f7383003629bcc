/**
 * The track screen's province panel (renderer/src/screens/OfficialStatus.tsx) on the postage of a
 * result by post (issue 16): the figure once the province states it; before that, for a result
 * by post only, that the province has not stated it yet — what the receipt said, so the resident
 * is never left guessing; nothing for the desk. Rendered to static markup (no browser needed).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { OfficialTrack } from '../../../common/contract/kiosk-api.ts';
import { OfficialStatus } from '../../../renderer/src/screens/OfficialStatus.tsx';

const base: OfficialTrack = { kioskRef: '000.00.12.H29-261207-1003', state: 'sent', dossierNo: null, code: 1, timeline: [], supplement: null, payment: null, resultReady: false };
const html = (o: OfficialTrack, lang: 'vi' | 'en' = 'vi') => renderToStaticMarkup(createElement(OfficialStatus, { official: o, lang }));

describe('the track screen: the postage of a result by post', () => {
  it('by post, not stated yet: says the province has not stated it', () => {
    expect(html({ ...base, viaPostal: true })).toContain('data-testid="official-postage-pending">Cước bưu chính: tỉnh chưa báo — ông/bà xem khi tra cứu hồ sơ<');
    expect(html({ ...base, viaPostal: true }, 'en')).toContain('Postage: not stated by the province yet');
  });

  it('stated: the figure, and no "not yet"', () => {
    const h = html({ ...base, viaPostal: true, postage: 25_000 });
    expect(h).toContain('Cước bưu chính (tỉnh báo): 25.000 đồng');
    expect(h).not.toContain('official-postage-pending');
  });

  it('at the desk: nothing about postage', () => {
    expect(html(base)).not.toMatch(/official-postage|Cước bưu chính/);
  });
});
