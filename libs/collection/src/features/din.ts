import { parseDin } from '@hemotrace/kernel';

/** The 13-character DIN from what staff typed or scanned (check character verified, flags dropped). */
export const dinFrom = (input: string): string => parseDin(input).value;
