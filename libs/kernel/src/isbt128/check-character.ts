import { InvalidInput } from '../errors';

/** ISO/IEC 7064 character set for MOD 37-2: 0-9 = 0-9, A-Z = 10-35, `*` = 36. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const MODULUS = 37;

const valueOf = (char: string): number => ALPHABET.indexOf(char);

/**
 * ISBT 128 keyboard-entry check character: ISO/IEC 7064 MOD 37-2 over the 13 DIN characters
 * (flags excluded). Published examples: G123498654321 -> H, A999921123456 -> 3.
 */
export const computeDinCheckCharacter = (din13: string): string => {
  const din = din13.toUpperCase();
  if (din.length !== 13 || [...din].some((char) => valueOf(char) < 0 || char === '*')) {
    throw new InvalidInput(
      'ISBT.INVALID_DIN',
      'A check character is computed over exactly 13 DIN characters (0-9, A-Z)',
      {
        input: din13,
      },
    );
  }
  const sum = [...din].reduce((acc, char) => ((acc + valueOf(char)) * 2) % MODULUS, 0);
  return ALPHABET[(MODULUS + 1 - sum) % MODULUS];
};

/** False for a wrong check character and for input that is not a 13-character DIN. */
export const verifyDinCheckCharacter = (din13: string, check: string): boolean => {
  try {
    return computeDinCheckCharacter(din13) === check.toUpperCase();
  } catch {
    return false;
  }
};
