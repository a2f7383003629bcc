import { describe, expect, it } from 'vitest';
import { parseHubFileConfig } from '../../../hub/config-file.ts';

const good = { kind: 'opencps', url: 'https://motcua.example.gov.vn', user: 'kiosk', password: 's3cret-pass', groupId: '35417', agencyCode: '000.00.12.H29' };

describe('hub.json province block', () => {
  it('accepts an OpenCPS link and the inbox-only mode', () => {
    expect(parseHubFileConfig(JSON.stringify({ province: good })).province).toEqual(good);
    expect(parseHubFileConfig(JSON.stringify({ province: null })).province).toBeNull();
    expect(parseHubFileConfig('{}').province).toBeUndefined();
  });

  it('refuses a wrong kind, a bad agency code, a missing password or an unknown key — naming the field, never the value', () => {
    for (const [bad, path] of [
      [{ ...good, kind: 'igate' }, 'province.kind'],
      [{ ...good, agencyCode: 'H29' }, 'province.agencyCode'],
      [{ ...good, password: undefined }, 'province.password'],
      [{ ...good, url: 'ftp://x' }, 'province.url'],
      [{ ...good, groupId: 'abc' }, 'province.groupId'],
      [{ ...good, extra: 1 }, 'province'],
    ] as const) {
      let msg = '';
      try {
        parseHubFileConfig(JSON.stringify({ province: bad }));
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg, JSON.stringify(bad)).toContain(path);
      expect(msg).not.toContain('s3cret-pass');
    }
  });
});
