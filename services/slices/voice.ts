/** The voice slice: the kiosk's offline voice (espeak-ng) reads UI text aloud — never answers. Layer: node. */
import { kioskError } from '../../common/contract/kiosk-api.ts';
import { synthesize } from '../voice.ts';
import type { KioskCore, Slice } from './slice.ts';

export function voiceSlice(core: KioskCore): Slice<'voice.speak'> {
  return {
    handlers: {
      'voice.speak': async ({ text, lang }) => {
        if (!core.config().accessibility.voiceGuidance) throw kioskError('E_UNAVAILABLE');
        const wav = await synthesize(text, lang);
        return { mime: 'audio/wav' as const, base64: wav.toString('base64') };
      },
    },
  };
}
