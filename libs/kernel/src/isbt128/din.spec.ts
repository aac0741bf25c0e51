import { DomainError } from '../errors';
import { formatDinForEye, isValidDin, parseDin } from './din';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};

describe('parsing a donation identification number', () => {
  it('splits 13 characters into facility code, year and sequence', () => {
    expect(parseDin('G123498654321')).toEqual({
      value: 'G123498654321',
      facilityCode: 'G1234',
      year: '98',
      sequence: '654321',
    });
  });

  it('accepts a DIN keyed with its check character and drops the check character', () => {
    expect(parseDin('G123498654321H')).toEqual(parseDin('G123498654321'));
    expect(parseDin('A9999211234563').value).toBe('A999921123456');
  });

  it('refuses a DIN keyed with the wrong check character', () => {
    expect(code(() => parseDin('G123498654321G'))).toBe('ISBT.DIN_CHECK_CHARACTER_MISMATCH');
  });

  it('keeps two flag digits apart from the DIN', () => {
    const din = parseDin('G12349865432100');
    expect(din.value).toBe('G123498654321');
    expect(din.flags).toBe('00');
  });

  it('reads barcode data with the leading = and flags', () => {
    expect(parseDin('=G123498654321 07')).toEqual({
      value: 'G123498654321',
      facilityCode: 'G1234',
      year: '98',
      sequence: '654321',
      flags: '07',
      flagType: { code: '07', type: 'ICCBBA', meaning: 'Test tube label' },
    });
  });

  it('ignores spaces and upper-cases letters', () => {
    expect(parseDin(' g1234 98 654321 ').value).toBe('G123498654321');
    expect(parseDin('=g1234 98 654321 00').value).toBe('G123498654321');
  });

  it('accepts a facility code starting with a digit 1-9', () => {
    expect(parseDin('1234598654321').facilityCode).toBe('12345');
  });

  it('refuses a facility code starting with the letter O', () => {
    expect(code(() => parseDin('O123498654321'))).toBe('ISBT.INVALID_DIN');
  });

  it('refuses a facility code starting with the digit 0', () => {
    expect(code(() => parseDin('0123498654321'))).toBe('ISBT.INVALID_DIN');
  });

  it('refuses the wrong number of characters', () => {
    expect(code(() => parseDin('G12349865432'))).toBe('ISBT.INVALID_DIN');
    expect(code(() => parseDin('G1234986543210000'))).toBe('ISBT.INVALID_DIN');
    expect(code(() => parseDin(''))).toBe('ISBT.INVALID_DIN');
  });

  it('refuses a year or sequence that is not digits', () => {
    expect(code(() => parseDin('G1234A8654321'))).toBe('ISBT.INVALID_DIN');
    expect(code(() => parseDin('G12349865432X'))).toBe('ISBT.INVALID_DIN');
  });

  it('refuses flags that are not digits and barcode data of the wrong length', () => {
    expect(code(() => parseDin('G1234986543210A'))).toBe('ISBT.INVALID_DIN');
    expect(code(() => parseDin('=G123498654321'))).toBe('ISBT.INVALID_DIN');
  });

  it('names the input in the error details', () => {
    expect(() => parseDin('O123498654321')).toThrow(
      expect.objectContaining({ details: { input: 'O123498654321' } }),
    );
  });
});

describe('checking whether a string is a DIN', () => {
  it('says yes to every accepted form', () => {
    expect(isValidDin('G123498654321')).toBe(true);
    expect(isValidDin('G123498654321H')).toBe(true);
    expect(isValidDin('=G123498654321 00')).toBe(true);
  });

  it('says no instead of throwing', () => {
    expect(isValidDin('O123498654321')).toBe(false);
    expect(isValidDin('G123498654321G')).toBe(false);
    expect(isValidDin('hello')).toBe(false);
  });
});

describe('formatting a DIN for the eye', () => {
  it('groups facility code, year and sequence and shows the check character apart', () => {
    expect(formatDinForEye(parseDin('G123498654321'))).toBe('G1234 98 654321 H');
  });

  it('formats from a string, leaving flags off', () => {
    expect(formatDinForEye('=A999921123456 00')).toBe('A9999 21 123456 3');
  });

  it('gives text that parses back to the same DIN', () => {
    expect(parseDin(formatDinForEye('G123498654321')).value).toBe('G123498654321');
  });
});
