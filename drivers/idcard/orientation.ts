/**
 * A card lying sideways in the picture (a portrait photo whose EXIF orientation was stripped by a messaging app
 * or a scanner): found from the image, not by reading every turn.
 *
 * The card finder (image.ts `detectCard`) looks for a region of ID-1 proportions, its long side across
 * (85.6 × 54 mm, 1.585). A card whose long side runs down the picture is a region of the same shape turned a
 * quarter: the finder is run once more on the picture turned 90° — only when it found no card upright, so an
 * upright card costs nothing (≈ 40 ms on a picture where no card was found: the turn and a second search at
 * 320 px). Which quarter (90° or 270°) is not decided here: the card comes out either upright or upside down,
 * and the readers after it already read an upside-down card (the MRZ's flipped reading, the front page's 180°
 * reading). EXIF orientation, where a file still has it, is applied on load (`loadFrame`'s `rotate()`), so a
 * file that says how it was held is never turned twice.
 */
import sharp from 'sharp';
import { detectCard, type CardDetection, type Frame } from './image.ts';

/** A frame turned a quarter clockwise (RGBA in, RGBA out). */
export async function turnQuarter(frame: Frame): Promise<Frame> {
  const { data, info } = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
    .rotate(90)
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
  return det ? { frame: turned, det } : undefined;
}
