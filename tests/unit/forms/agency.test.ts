import { describe, expect, it } from 'vitest';
import { decidingAgency, wardPlace } from '../../../common/forms/agency.ts';
import { receiptBlocks } from '../../../drivers/printer/receipt.ts';

const ward = { vi: 'UBND Phường Cửa Nam (demo)', en: "Cua Nam Ward People's Committee (demo)" };

describe('who decides a procedure, in words', () => {
  it('names the ward’s police for residence and the People’s Committee for civil status', () => {
    expect(wardPlace(ward)).toEqual({ vi: 'phường Cửa Nam (demo)', en: 'Cua Nam Ward (demo)' });
    expect(decidingAgency({ kind: 'cong-an', name: { vi: 'Công an xã, phường', en: 'Commune or ward police' } }, ward)).toEqual({ vi: 'Công an phường Cửa Nam (demo)', en: 'the police of Cua Nam Ward (demo)' });
    expect(decidingAgency({ kind: 'ubnd', name: { vi: 'Ủy ban nhân dân xã, phường', en: 'x' } }, ward).vi).toBe('Ủy ban nhân dân phường Cửa Nam (demo)');
    expect(decidingAgency(undefined, { vi: 'Ủy ban nhân dân Xã Tân Lập', en: 'Tan Lap Commune' }).vi).toBe('Ủy ban nhân dân xã Tân Lập');
  });

  it('prints the agency on the receipt under the procedure', () => {
    const blocks = receiptBlocks({
      ward: { name: ward.vi, address: 'x', hotline: '024' },
      serviceName: 'Đăng ký thường trú',
      applicantName: 'A',
      applicationCode: '000.00.12.H29-261206-1001',
      trackingQr: 'x',
      submittedAt: new Date(0),
      documentsToBring: [],
      fee: 0,
      expectedResultDate: null,
      nextSteps: [],
      agency: 'Công an phường Cửa Nam (demo)',
    });
    const i = blocks.findIndex((b) => b.kind === 'text' && b.text === 'Đăng ký thường trú');
    expect(blocks[i + 1]).toEqual({ kind: 'field', label: 'Cơ quan giải quyết', value: 'Công an phường Cửa Nam (demo)', style: 'body' });
  });
});
