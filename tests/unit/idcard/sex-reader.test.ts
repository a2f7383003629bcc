/**
 * The sex through the whole reader, on a development card whose printed sex no reading makes out: a
 * hand-held 2024 front of generator 4 (development seed 77). Before the ID's digit was used, its sex
 * was not read at all; now it comes from the ID's century+sex digit — its own source, lower confidence.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { drawSample4, planSet4 } from '../../idcard-data4/generate.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders('idfront-sex-');

describe('the sex from the ID’s digit, through the reader', () => {
  it('is given when no printed sex is legible and the ID agrees with the date of birth', async () => {
    const p = planSet4(77, 24).find((x) => x.sample.file === 'g4-014-front-2024-hand.jpg');
    expect(p).toBeDefined();
    const file = path.join(rig.dir, p!.sample.file);
    writeFileSync(file, await drawSample4(77, p!));
    const r = await readCardImage(file, rig.readers, { sources: ['ocr'] });
    expect(r.fields.idNumber).toBe(p!.sample.truth.idNumber);
    expect(r.fields.sex).toBe(p!.sample.truth.sex);
    expect(r.sources.sex).toBe('ocr-id-digit');
    expect(r.confidence.sex).toBeLessThan(0.6);
  }, 120_000);
});
