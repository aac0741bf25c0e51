import { computeDinCheckCharacter, verifyDinCheckCharacter } from './check-character';

describe('the ISBT 128 keyboard-entry check character (ISO/IEC 7064 MOD 37-2)', () => {
  it('is H for the published example G123498654321', () => {
    expect(computeDinCheckCharacter('G123498654321')).toBe('H');
  });

  it('is 3 for the published example A999921123456', () => {
    expect(computeDinCheckCharacter('A999921123456')).toBe('3');
  });

  it('reads lower-case DIN characters as upper-case', () => {
    expect(computeDinCheckCharacter('g123498654321')).toBe('H');
  });

  it('refuses to compute over anything but 13 DIN characters', () => {
    expect(() => computeDinCheckCharacter('G12349865432')).toThrow(
      expect.objectContaining({ code: 'ISBT.INVALID_DIN' }),
    );
    expect(() => computeDinCheckCharacter('G12349865432!')).toThrow(
      expect.objectContaining({ code: 'ISBT.INVALID_DIN' }),
    );
  });

  it('verifies the right check character, in either case', () => {
    expect(verifyDinCheckCharacter('G123498654321', 'H')).toBe(true);
    expect(verifyDinCheckCharacter('G123498654321', 'h')).toBe(true);
    expect(verifyDinCheckCharacter('A999921123456', '3')).toBe(true);
  });

  it('rejects a wrong check character and a DIN of the wrong length', () => {
    expect(verifyDinCheckCharacter('G123498654321', 'G')).toBe(false);
    expect(verifyDinCheckCharacter('G12349865432', 'H')).toBe(false);
  });

  it('catches a single mistyped character and two swapped characters', () => {
    expect(verifyDinCheckCharacter('G123498654331', 'H')).toBe(false);
    expect(verifyDinCheckCharacter('G123489654321', 'H')).toBe(false);
  });
});
