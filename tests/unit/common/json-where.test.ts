/**
 * A broken configuration file is reported by line and column, never by quoting it (issue 17): the
 * hub's hub.json and the kiosk's config both go through jsonErrorWhere; V8's own message would
 * repeat the secret or the PIN hash next to the fault.
 */
import { describe, expect, it } from 'vitest';
import { jsonErrorWhere } from '../../../common/validate/json-where.ts';
import { parseHubFileConfig } from '../../../hub/config-file.ts';
import { parseConfigText } from '../../../services/config-store.ts';

const HASH = 'pinD6$scrypt$16384$8$1$c2FsdA$aGFzaA';

describe('JSON errors say where, not what', () => {
  it('line and column of the fault; nothing when it parses or V8 gives no position', () => {
    expect(jsonErrorWhere('{"a": 1}')).toBe('');
    expect(jsonErrorWhere('{\n  "a": 1\n  "b": 2\n}')).toBe(' (line 3, column 3)'); // a comma missing before "b"
    expect(jsonErrorWhere('{\n  "a": 1,\n  "b": x\n}')).toBe(''); // V8 quotes instead of giving a position: we say nothing
    expect(jsonErrorWhere('{"a": ')).toMatch(/^ \(line 1, column \d+\)$|^$/);
  });

  it('the kiosk config: a fault beside the PIN hash does not repeat it', () => {
    for (const text of [`{ "staff": { "pinHash": "${HASH}" x } }`, `${HASH}`, `{ "staff": { "pinHash": "${HASH}`]) {
      const r = parseConfigText(text, 'config.json');
      expect(r.ok).toBe(false);
      const problems = (r as { problems: string[] }).problems.join(' ');
      expect(problems).toMatch(/^config\.json: not valid JSON/);
      expect(problems).not.toContain('pinD6');
    }
  });

  it('hub.json: the same', () => {
    expect(() => parseHubFileConfig(`{"province": {"password": "${HASH}" x}}`)).toThrow(/^hub\.json: not valid JSON \(line 1, column \d+\)$/);
    expect(() => parseHubFileConfig(HASH)).toThrow(/^hub\.json: not valid JSON$/);
  });
});
