/**
 * A card lying sideways in the picture (a portrait photo whose EXIF orientation was stripped by a messaging app
 * or a scanner): found from the image, not by reading every turn.
 *
 * The card finder (image.ts `detectCard`) looks for a region of ID-1 proportions, its long side across
 * (85.6 × 54 mm, 1.585). A card whose long side runs down the picture is a region of the same shape turned a
 * quarter: when the finder found no card upright but its largest region has those proportions turned a quarter
 * (`detectCard`'s `seen.sideways`), the finder is run once more on the picture turned 90° and the card warped from
 * there. Any other picture costs nothing (the upright search already measured the region); a sideways one ≈ 30 ms
 * for the turn and the second search. Which quarter (90° or 270°): the card found turned clockwise is either upright or upside down, and its
 * letters' marks say which (text-up.ts: tone marks, circumflexes and i's dots sit above letters, only the dot below
 * under them); when they say "upside down" clearly, the picture is turned the other quarter instead. When they do not
 * (few marks: a blurred or capitals-only face), the clockwise turn is kept and the readers' own upside-down readings
 * (the MRZ's flipped reading, the front page's 180° reading) take over. EXIF orientation, where a file still has it, is applied on load (`loadFrame`'s `rotate()`), so a
 * file that says how it was held is never turned twice.
 */
import sharp from 'sharp';
import { CARD_H, CARD_W, detectCard, type CardDetection, type Frame } from './image.ts';
import { clearLean } from './text-up.ts';
import { partialMrz, readMrzAnywhere, type MrzImageResult } from './mrz-image.ts';
import type { OcrPool } from './ocr-pool.ts';
import { IdCardError } from '../../common/idcard/fields.ts';

/** A frame turned a quarter clockwise (or three quarters: `deg` 270), RGBA in, RGBA out. */
export async function turnQuarter(frame: Frame, deg: 90 | 270 = 90): Promise<Frame> {
  const { data, info } = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
    .rotate(deg)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`expected RGBA, got ${info.channels} channels`);
  return { data, width: info.width, height: info.height };
}

export interface TurnedCard {
  /** The picture turned a quarter clockwise: the card's long side across. */
  frame: Frame;
  /** The card found in `frame` (upright or upside down). */
  det: CardDetection;
}

/**
 * The card found in the picture turned a quarter, when none was found upright: a card lying sideways.
 * Undefined when the turned picture holds no card either (a card filling the frame, a scan, not a card).
 */
export async function findSidewaysCard(frame: Frame): Promise<TurnedCard | undefined> {
  const turned = await turnQuarter(frame);
  const det = await detectCard(turned);
  if (!det) return undefined;
  if (!(await clearlyUpsideDown(det))) return { frame: turned, det };
  const other = await turnQuarter(frame, 270);
  const det2 = await detectCard(other);
  return det2 ? { frame: other, det: det2 } : { frame: turned, det };
}

/** The found card's letters' marks say clearly that it is upside down. */
export async function clearlyUpsideDown(det: CardDetection): Promise<boolean> {
  const { data } = await sharp(det.card.data, { raw: { width: CARD_W, height: CARD_H, channels: 3 } }).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return clearLean({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: CARD_W, height: CARD_H }) === -1;
}

/**
 * A back filling the picture lying sideways (no card edge to find, so `seen.sideways` cannot tell): the picture turned
 * a quarter and handed to the MRZ finder, whose own flipped reading covers the other quarter. The caller runs it only
 * when the read found nothing at all upright (a refusal otherwise). Undefined when no MRZ is read there either.
 */
export async function readMrzTurned(frame: Frame, eng: OcrPool): Promise<MrzImageResult | undefined> {
  const texts: string[] = [];
  try {
    return await readMrzAnywhere(await turnQuarter(frame), eng, 2, texts);
  } catch (e) {
    if (!(e instanceof IdCardError)) throw e;
    return partialMrz(texts);
  }
}
