import { createHash } from 'node:crypto';

/** Upper-case, no spaces or dashes: `1101 0119-9005 011234x` and `11010119900501 1234X` are one document. */
export const normaliseDocumentNumber = (number: string): string =>
  number.replace(/[\s-]+/g, '').toUpperCase();

/** What the duplicate check stores instead of the number itself. */
export const documentHash = (type: string, number: string): string =>
  createHash('sha256')
    .update(`${type}:${normaliseDocumentNumber(number)}`)
    .digest('hex');
