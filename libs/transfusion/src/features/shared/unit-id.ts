import { parseDin, parseProductCode, unitId } from '@hemotrace/kernel';

/** The canonical unit id (DIN-PRODUCTCODE) from what was typed or scanned; malformed input is a 400. */
export const unitIdFrom = (din: string, productCode: string): string =>
  unitId(parseDin(din).value, parseProductCode(productCode).value);
