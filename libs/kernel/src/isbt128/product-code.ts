import { InvalidInput } from '../errors';
import { Din, parseDin } from './din';

/**
 * Sixth character of an ISBT 128 product code (type of donation or collection). Case matters:
 * lower-case letters are the paid counterparts of the volunteer codes.
 */
export const COLLECTION_TYPES = {
  '0': 'not specified',
  V: 'volunteer allogeneic',
  R: 'volunteer research',
  S: 'volunteer source',
  T: 'volunteer therapeutic',
  P: 'paid allogeneic',
  r: 'paid research',
  s: 'paid source',
  A: 'autologous, eligible for crossover',
  '1': 'for autologous use only',
  X: 'for autologous use only, biohazardous',
  D: 'volunteer directed, eligible for crossover',
  d: 'paid directed, eligible for crossover',
} as const;

export type CollectionType = keyof typeof COLLECTION_TYPES;

export const isCollectionType = (value: string): value is CollectionType =>
  Object.prototype.hasOwnProperty.call(COLLECTION_TYPES, value);

export interface ProductCode {
  /** The 8 characters, e.g. `E0398V00`. */
  value: string;
  /** Product description code: a letter and 4 digits, e.g. `E0398`. */
  descriptionCode: string;
  collectionType: CollectionType;
  /** `00` undivided; `A0`, `B0`, `Aa`... for divisions (case matters). */
  division: string;
}

export const UNDIVIDED = '00';

const DESCRIPTION_PATTERN = /^[A-Z]\d{4}$/;
const DIVISION_PATTERN = /^[A-Za-z0-9]{2}$/;

const invalid = (input: unknown, reason: string): InvalidInput =>
  new InvalidInput('ISBT.INVALID_PRODUCT_CODE', `Not a valid ISBT 128 product code: ${reason}`, { input });

export const formatProductCode = (parts: Omit<ProductCode, 'value'>): string => {
  const { descriptionCode, collectionType, division } = parts;
  if (!DESCRIPTION_PATTERN.test(descriptionCode)) {
    throw invalid(parts, `description code ${descriptionCode} must be a letter and 4 digits`);
  }
  if (!isCollectionType(collectionType)) {
    throw invalid(parts, `unknown collection type ${collectionType}`);
  }
  if (!DIVISION_PATTERN.test(division)) {
    throw invalid(parts, `division ${division} must be 2 letters or digits`);
  }
  return `${descriptionCode}${collectionType}${division}`;
};

/** Accepts the 8 characters, or barcode data prefixed `=<` (data structure 003); spaces ignored. */
export const parseProductCode = (input: string): ProductCode => {
  const compact = input.replace(/\s+/g, '');
  const text = compact.startsWith('=<') ? compact.slice(2) : compact;
  if (text.length !== 8) throw invalid(input, `${text.length} characters; expected 8 (e.g. E0398V00)`);
  const descriptionCode = text.slice(0, 5);
  const collectionType = text[5];
  const division = text.slice(6);
  if (!isCollectionType(collectionType)) throw invalid(input, `unknown collection type ${collectionType}`);
  const value = formatProductCode({ descriptionCode, collectionType, division });
  return { value, descriptionCode, collectionType, division };
};

export const withDivision = (code: string, division: string): string =>
  formatProductCode({ ...parseProductCode(code), division });

/** A unit is its DIN plus its product code (which carries the division): `G123498654321-E0398V00`. */
export const unitId = (din: Din | string, productCode: ProductCode | string): string => {
  const dinValue = typeof din === 'string' ? parseDin(din).value : din.value;
  const codeValue = typeof productCode === 'string' ? parseProductCode(productCode).value : productCode.value;
  return `${dinValue}-${codeValue}`;
};

export interface UnitId {
  value: string;
  din: Din;
  productCode: ProductCode;
}

export const parseUnitId = (input: string): UnitId => {
  const match = /^([^-]+)-([^-]+)$/.exec(input.trim());
  if (!match) {
    throw new InvalidInput(
      'ISBT.INVALID_UNIT_ID',
      'A unit id is DIN-PRODUCTCODE, e.g. G123498654321-E0398V00',
      {
        input,
      },
    );
  }
  const din = parseDin(match[1]);
  const productCode = parseProductCode(match[2]);
  return { value: `${din.value}-${productCode.value}`, din, productCode };
};
