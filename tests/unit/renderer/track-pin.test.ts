/** The track screen's PIN field (issue 17): digits only, at most 8, whatever is typed or pasted. */
import { describe, expect, it } from 'vitest';
import { cleanPin, PIN_LENGTH } from '../../../renderer/src/screens/TrackPin.tsx';

describe('track screen: the tracking PIN as typed', () => {
  it('keeps digits only, at most 8 (spaces, full-width digits and letters dropped)', () => {
    expect(PIN_LENGTH).toBe(8);
    expect(cleanPin('0123 4567')).toBe('01234567');
    expect(cleanPin('０１２３４５６７')).toBe('01234567');
    expect(cleanPin('12a34-56')).toBe('123456');
    expect(cleanPin('1234567890')).toBe('12345678');
    expect(cleanPin('')).toBe('');
  });
});
