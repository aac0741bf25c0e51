import { BloodGroup } from '../blood/blood-group';
import { aboRhdLabelCode, bloodGroupFromLabelCode } from './abo-rhd';

const LABEL_CODES: [string, BloodGroup][] = [
  ['95', { abo: 'O', rhd: 'NEG' }],
  ['51', { abo: 'O', rhd: 'POS' }],
  ['06', { abo: 'A', rhd: 'NEG' }],
  ['62', { abo: 'A', rhd: 'POS' }],
  ['17', { abo: 'B', rhd: 'NEG' }],
  ['73', { abo: 'B', rhd: 'POS' }],
  ['28', { abo: 'AB', rhd: 'NEG' }],
  ['84', { abo: 'AB', rhd: 'POS' }],
];

describe('ISBT 128 ABO/RhD label codes', () => {
  it.each(LABEL_CODES)('labels %s for %o', (labelCode, group) => {
    expect(aboRhdLabelCode(group)).toBe(labelCode);
  });

  it.each(LABEL_CODES)('reads %s as %o', (labelCode, group) => {
    expect(bloodGroupFromLabelCode(labelCode)).toEqual(group);
  });

  it('refuses an unknown label code', () => {
    expect(() => bloodGroupFromLabelCode('99')).toThrow(
      expect.objectContaining({ code: 'ISBT.INVALID_ABO_RHD_CODE' }),
    );
    expect(() => bloodGroupFromLabelCode('constructor')).toThrow(
      expect.objectContaining({ code: 'ISBT.INVALID_ABO_RHD_CODE' }),
    );
  });

  it('refuses to label something that is not a blood group', () => {
    expect(() => aboRhdLabelCode({ abo: 'C', rhd: 'POS' } as unknown as BloodGroup)).toThrow(
      expect.objectContaining({ code: 'BLOOD.INVALID_GROUP' }),
    );
  });
});
