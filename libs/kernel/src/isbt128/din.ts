import { InvalidInput } from '../errors';
import { computeDinCheckCharacter } from './check-character';
import type { DinFlags } from './din-flags';
import { interpretDinFlags } from './din-flags';

/** ISBT 128 Donation Identification Number (data structure 001), flags kept apart from the DIN. */
export interface Din {
  /** The 13 characters that identify the donation: facility code + year + sequence. */
  value: string;
  facilityCode: string;
  year: string;
  sequence: string;
  /** Two-digit flag characters read from a barcode; never part of the identity. */
  flags?: string;
  /** What the flags mean (ISBT 128 flag types); present with `flags`. */
  flagType?: DinFlags;
}

/** ISBT 128 facility identification number: one alphanumeric character then four digits. */
const DIN_PATTERN = /^([A-NP-Z1-9]\d{4})(\d{2})(\d{6})$/;
const FLAGS_PATTERN = /^\d{2}$/;

const invalid = (input: string, reason: string): InvalidInput =>
  new InvalidInput('ISBT.INVALID_DIN', `Not a valid ISBT 128 DIN: ${reason}`, { input });

const splitDin = (input: string, din13: string, flags?: string): Din => {
  const match = DIN_PATTERN.exec(din13);
  if (!match) {
    throw invalid(
      input,
      'expected a 5-character facility code (first character A-N, P-Z or 1-9, then four digits), a 2-digit year and a 6-digit sequence',
    );
  }
  if (flags !== undefined && !FLAGS_PATTERN.test(flags)) {
    throw invalid(input, 'flag characters after the DIN must be 2 digits');
  }
  const din: Din = { value: din13, facilityCode: match[1], year: match[2], sequence: match[3] };
  return flags === undefined ? din : { ...din, flags, flagType: interpretDinFlags(din13, flags) };
};

/**
 * Accepts the forms a DIN arrives in: 13 characters; 14 = DIN + keyboard-entry check character
 * (verified); 15 = DIN + 2-digit flags; 16 starting with `=` = barcode data (`=G123498654321 00`).
 * Spaces are ignored and letters upper-cased.
 */
export const parseDin = (input: string): Din => {
  const text = input.replace(/\s+/g, '').toUpperCase();
  if (text.startsWith('=')) {
    if (text.length !== 16) throw invalid(input, 'barcode data is "=" + 13 DIN characters + 2 flag digits');
    return splitDin(input, text.slice(1, 14), text.slice(14));
  }
  switch (text.length) {
    case 13:
      return splitDin(input, text);
    case 14: {
      const din = splitDin(input, text.slice(0, 13));
      const expected = computeDinCheckCharacter(din.value);
      if (text[13] !== expected) {
        throw new InvalidInput(
          'ISBT.DIN_CHECK_CHARACTER_MISMATCH',
          `Check character ${text[13]} does not match DIN ${din.value} (expected ${expected}); re-key the number`,
          { input },
        );
      }
      return din;
    }
    case 15:
      return splitDin(input, text.slice(0, 13), text.slice(13));
    default:
      throw invalid(
        input,
        `${text.length} characters; expected 13, 14 (with check character), 15 (with flags) or barcode "=" form`,
      );
  }
};

export const isValidDin = (input: string): boolean => {
  try {
    parseDin(input);
    return true;
  } catch {
    return false;
  }
};

/** Eye-readable form, e.g. `G1234 98 654321 H`: the check character follows, apart from the DIN. */
export const formatDinForEye = (din: Din | string): string => {
  const { facilityCode, year, sequence, value } = typeof din === 'string' ? parseDin(din) : din;
  return `${facilityCode} ${year} ${sequence} ${computeDinCheckCharacter(value)}`;
};
