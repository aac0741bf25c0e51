import { InvalidInput } from '../errors';
import { computeDinCheckCharacter } from './check-character';

/**
 * ISBT 128 Standard Technical Specification (ST-001), data structure 001, flag characters `ff`:
 * type 1 (00-19) defined by ICCBBA, type 2 (20-59) defined by each facility, type 3 (60-96) the
 * ISO/IEC 7064 MOD 37-2 check value of the 13 DIN characters plus 60. 14 and 97-99 are reserved.
 */
export type DinFlagType = 'ICCBBA' | 'LOCAL' | 'CHECK';

export interface DinFlags {
  code: string;
  type: DinFlagType;
  meaning: string;
}

const ICCBBA_FLAGS: Readonly<Record<string, string>> = {
  '00': 'Flag not used; null value',
  '01': 'Container 1 of a set',
  '02': 'Container 2 of a set',
  '03': 'Container 3 of a set',
  '04': 'Container 4 of a set',
  '05': 'Second (or repeated) demand-printed label',
  '06': 'Pilot tube label',
  '07': 'Test tube label',
  '08': 'Donor record label',
  '09': 'Sample tube for NAT testing',
  '10': 'Samples for bacterial testing',
  '11': 'Match with unit label',
  '12': 'Affixed partial label',
  '13': 'Attached label (used with an affixed partial label)',
  '15': 'Container 5 of a set',
  '16': 'Container 6 of a set',
  '17': 'Container 7 of a set',
  '18': 'Container 8 of a set',
  '19': 'Container 9 of a set',
};

const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

const refused = (din13: string, code: string, reason: string): InvalidInput =>
  new InvalidInput('ISBT.INVALID_DIN_FLAGS', `Flag characters ${code} after DIN ${din13}: ${reason}`, {
    din: din13,
    flags: code,
  });

/** What two flag characters after a DIN mean, or a refusal naming why (reserved, or a wrong check value). */
export const interpretDinFlags = (din13: string, code: string): DinFlags => {
  if (!/^\d{2}$/.test(code)) throw refused(din13, code, 'flag characters are 2 digits');
  const iccbba = ICCBBA_FLAGS[code];
  if (iccbba !== undefined) return { code, type: 'ICCBBA', meaning: iccbba };
  const value = Number(code);
  if (value >= 20 && value <= 59) {
    return { code, type: 'LOCAL', meaning: 'Defined by the issuing facility (meaningful only at that FIN)' };
  }
  if (value >= 60 && value <= 96) {
    const expected = 60 + CHECK_ALPHABET.indexOf(computeDinCheckCharacter(din13));
    if (value !== expected) {
      throw refused(din13, code, `as a check value it should be ${expected}; re-scan the label`);
    }
    return { code, type: 'CHECK', meaning: 'ISO/IEC 7064 MOD 37-2 check value of the DIN (60 + checksum)' };
  }
  throw refused(din13, code, 'reserved by ICCBBA for future assignment');
};
