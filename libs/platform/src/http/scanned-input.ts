import { Transform } from 'class-transformer';
import { dinFromScan, productCodeFromScan, unitIdFromScan } from '@hemotrace/kernel';

/*
 * One parse step for scanned ISBT 128 input, run by the validation pipe's transform before the
 * field rules: a barcode reader's data (`=G12349865432100`, `=<E0398V00`) becomes what a person
 * would type, and typed input passes through unchanged for the usual checks.
 */
const whenString = (parse: (value: string) => string) =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? parse(value) : value));

const eachOrOne = (parse: (value: string) => string) =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((v: unknown) => (typeof v === 'string' ? parse(v) : v))
      : typeof value === 'string'
        ? parse(value)
        : value,
  );

/** A DIN field that also accepts the scanned 001 structure (`=` + DIN + flags). */
export const ScannedDin = () => whenString(dinFromScan);

/** A product code field that also accepts the scanned 003 structure (`=<` + code). */
export const ScannedProductCode = () => whenString(productCodeFromScan);

/** A product description code field (`E0398`) that also accepts a scanned product code. */
export const ScannedDescriptionCode = () =>
  whenString((value) => {
    const code = productCodeFromScan(value);
    return code !== value ? code.slice(0, 5) : value;
  });

/** A unit id field (or a list of them) that also accepts the DIN and product code barcodes read in one pass. */
export const ScannedUnitId = () => eachOrOne(unitIdFromScan);
