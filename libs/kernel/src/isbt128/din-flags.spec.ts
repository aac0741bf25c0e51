import { InvalidInput } from '../errors';
import { computeDinCheckCharacter } from './check-character';
import { parseDin } from './din';
import { interpretDinFlags } from './din-flags';

const DIN = 'G123498654321';

describe('ISBT 128 flag characters after a DIN', () => {
  it('reads ICCBBA-defined flags: 00 null, 01 container 1, 07 test tube, 15 container 5', () => {
    expect(interpretDinFlags(DIN, '00')).toMatchObject({
      type: 'ICCBBA',
      meaning: 'Flag not used; null value',
    });
    expect(interpretDinFlags(DIN, '01')).toMatchObject({ type: 'ICCBBA', meaning: 'Container 1 of a set' });
    expect(interpretDinFlags(DIN, '07').meaning).toBe('Test tube label');
    expect(interpretDinFlags(DIN, '15').meaning).toBe('Container 5 of a set');
  });

  it('keeps facility-defined flags 20-59 as local', () => {
    expect(interpretDinFlags(DIN, '42').type).toBe('LOCAL');
  });

  it('accepts a type 3 flag only when it is 60 plus the MOD 37-2 check value of the DIN', () => {
    /* G123498654321 has check character H = 17, so its type 3 flag is 77. */
    expect(computeDinCheckCharacter(DIN)).toBe('H');
    expect(interpretDinFlags(DIN, '77').type).toBe('CHECK');
    expect(() => interpretDinFlags(DIN, '78')).toThrow(InvalidInput);
  });

  it('refuses reserved flags with a stable code', () => {
    for (const code of ['14', '97', '99']) {
      try {
        interpretDinFlags(DIN, code);
        throw new Error(`accepted ${code}`);
      } catch (error) {
        expect((error as InvalidInput).code).toBe('ISBT.INVALID_DIN_FLAGS');
      }
    }
  });

  it('parses a 15-character entry as a DIN plus interpreted flags', () => {
    expect(parseDin(`${DIN}01`)).toMatchObject({
      value: DIN,
      flags: '01',
      flagType: { code: '01', type: 'ICCBBA', meaning: 'Container 1 of a set' },
    });
    expect(() => parseDin(`${DIN}98`)).toThrow(InvalidInput);
  });
});
