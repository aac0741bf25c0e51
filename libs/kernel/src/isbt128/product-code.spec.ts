import { DomainError } from '../errors';
import { parseDin } from './din';
import {
  COLLECTION_TYPES,
  formatProductCode,
  isCollectionType,
  parseProductCode,
  parseUnitId,
  unitId,
  withDivision,
} from './product-code';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
};

describe('parsing an ISBT 128 product code', () => {
  it('splits E0398V00 into description code, collection type and division', () => {
    expect(parseProductCode('E0398V00')).toEqual({
      descriptionCode: 'E0398',
      collectionType: 'V',
      division: '00',
      value: 'E0398V00',
    });
  });

  it('accepts the collection types V, D, A, T, R, S, P and X', () => {
    for (const type of ['V', 'D', 'A', 'T', 'R', 'S', 'P', 'X']) {
      expect(parseProductCode(`E0398${type}00`).collectionType).toBe(type);
    }
  });

  it('keeps the case of a division such as Aa', () => {
    expect(parseProductCode('E0398VAa').division).toBe('Aa');
  });

  it('reads barcode data prefixed =< and ignores spaces', () => {
    expect(parseProductCode('=<E0398 V 00').value).toBe('E0398V00');
  });

  it('refuses the wrong length', () => {
    expect(code(() => parseProductCode('E0398V0'))).toBe('ISBT.INVALID_PRODUCT_CODE');
  });

  it('refuses a description code that is not a letter and 4 digits', () => {
    expect(code(() => parseProductCode('00398V00'))).toBe('ISBT.INVALID_PRODUCT_CODE');
    expect(code(() => parseProductCode('E03A8V00'))).toBe('ISBT.INVALID_PRODUCT_CODE');
  });

  it('refuses an unknown collection type', () => {
    expect(code(() => parseProductCode('E0398Z00'))).toBe('ISBT.INVALID_PRODUCT_CODE');
  });

  it('refuses a division that is not two letters or digits', () => {
    expect(code(() => parseProductCode('E0398V0-'))).toBe('ISBT.INVALID_PRODUCT_CODE');
  });
});

describe('collection types', () => {
  it('gives each accepted type a meaning', () => {
    expect(COLLECTION_TYPES.V).toBe('volunteer allogeneic');
    expect(isCollectionType('A')).toBe(true);
    expect(isCollectionType('Z')).toBe(false);
    expect(isCollectionType('toString')).toBe(false);
  });
});

describe('formatting a product code', () => {
  it('joins the parts', () => {
    expect(formatProductCode({ descriptionCode: 'E0398', collectionType: 'V', division: 'A0' })).toBe(
      'E0398VA0',
    );
  });

  it('refuses invalid parts', () => {
    expect(
      code(() => formatProductCode({ descriptionCode: 'E398', collectionType: 'V', division: '00' })),
    ).toBe('ISBT.INVALID_PRODUCT_CODE');
  });
});

describe('dividing a product', () => {
  it('replaces the division and keeps the rest', () => {
    expect(withDivision('E0398V00', 'B0')).toBe('E0398VB0');
  });

  it('refuses an invalid division', () => {
    expect(code(() => withDivision('E0398V00', 'B'))).toBe('ISBT.INVALID_PRODUCT_CODE');
  });
});

describe('unit ids', () => {
  it('joins DIN and product code', () => {
    expect(unitId('G123498654321', 'E0398V00')).toBe('G123498654321-E0398V00');
  });

  it('drops flags and check characters from the DIN', () => {
    expect(unitId(parseDin('=G123498654321 00'), parseProductCode('E0398VA0'))).toBe(
      'G123498654321-E0398VA0',
    );
    expect(unitId('G123498654321H', 'E0398V00')).toBe('G123498654321-E0398V00');
  });

  it('parses back into DIN and product code', () => {
    const parsed = parseUnitId('G123498654321-E0398VA0');
    expect(parsed.value).toBe('G123498654321-E0398VA0');
    expect(parsed.din.value).toBe('G123498654321');
    expect(parsed.productCode.division).toBe('A0');
  });

  it('refuses a unit id without exactly one separator', () => {
    expect(code(() => parseUnitId('G123498654321E0398V00'))).toBe('ISBT.INVALID_UNIT_ID');
    expect(code(() => parseUnitId('G123498654321-E0398V00-1'))).toBe('ISBT.INVALID_UNIT_ID');
  });

  it('refuses a unit id whose parts are invalid', () => {
    expect(code(() => parseUnitId('O123498654321-E0398V00'))).toBe('ISBT.INVALID_DIN');
    expect(code(() => parseUnitId('G123498654321-E0398Z00'))).toBe('ISBT.INVALID_PRODUCT_CODE');
  });
});
