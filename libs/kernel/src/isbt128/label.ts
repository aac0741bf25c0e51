import type { Phenotype } from '../blood/antigens';
import type { BloodGroup } from '../blood/blood-group';
import { InvalidInput } from '../errors';
import { aboRhdLabelCode, bloodGroupFromLabelCode } from './abo-rhd';
import type { Din } from './din';
import { formatDinForEye, parseDin } from './din';
import type { ProductCode } from './product-code';
import { parseProductCode } from './product-code';
import {
  parseRedCellAntigens,
  redCellAntigensContent,
  SPECIAL_TESTING_RED_CELL_ANTIGENS,
} from './special-testing';

/**
 * ISBT 128 data structures of a blood component label (ICCBBA ST-001 Technical Specification):
 * 001 DIN `=αppppyynnnnnnff`, 002 blood groups `=%ggre`, 003 product code `=<αooootds`,
 * 004 expiration date `=>cyyjjj`, 005 expiration date and time `&>cyyjjjhhmm`
 * (cyy = the last three digits of the year, jjj = day of the year, hhmm on a 24-hour clock),
 * and where the unit has antigen results, 012 special testing: red blood cell antigens `=\aaaaaaaaaaaaaaaaii`.
 */
export type DataStructureNumber = '001' | '002' | '003' | '004' | '005' | '012';

export interface LabelDataStructure {
  number: DataStructureNumber;
  name: string;
  /** The data identifier characters that open the structure in a barcode. */
  dataIdentifier: string;
  /** What a scanner reads: data identifier + data content. */
  data: string;
}

export interface UnitLabel {
  /** The eye-readable DIN: facility, year and sequence apart, the keyboard check character last. */
  eyeReadableDin: string;
  din: string;
  flags: string;
  productCode: string;
  bloodGroup?: BloodGroup;
  /** The instant encoded in 005, in UTC to the minute. */
  expiresAt: string;
  /** The antigen results 012 encodes, when the unit has any. */
  phenotype?: Phenotype;
  dataStructures: LabelDataStructure[];
}

export interface UnitLabelInput {
  din: string;
  productCode: string;
  bloodGroup?: BloodGroup;
  expiresAt: string;
  /** Red cell antigen results of the donation (extended phenotype), written as 012. */
  phenotype?: Phenotype;
  /** Flag characters after the DIN; `00` when no flags are used. */
  flags?: string;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const dayOfYear = (date: Date): number =>
  Math.floor(
    (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) -
      Date.UTC(date.getUTCFullYear(), 0, 1)) /
      86_400_000,
  ) + 1;

/** `cyyjjj` of an instant, in UTC. */
export const isbtJulianDate = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInput('ISBT.INVALID_DATE', `Not an instant: ${iso}`, { input: iso });
  }
  return `${pad(date.getUTCFullYear() % 1000, 3)}${pad(dayOfYear(date), 3)}`;
};

const fromJulian = (cyyjjj: string, hhmm = '2359'): string => {
  const year = 2000 + Number(cyyjjj.slice(0, 3)) - (Number(cyyjjj.slice(0, 3)) >= 900 ? 1000 : 0);
  const day = Number(cyyjjj.slice(3));
  const hours = Number(hhmm.slice(0, 2));
  const minutes = Number(hhmm.slice(2));
  const daysInYear = Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1) === 366 * 86_400_000 ? 366 : 365;
  if (day < 1 || day > daysInYear || hours > 23 || minutes > 59) {
    throw new InvalidInput('ISBT.INVALID_DATE', `Not an ISBT 128 date: ${cyyjjj}${hhmm}`, {
      input: `${cyyjjj}${hhmm}`,
    });
  }
  return new Date(Date.UTC(year, 0, day, hours, minutes)).toISOString();
};

const structure = (number: DataStructureNumber, name: string, dataIdentifier: string, content: string) => ({
  number,
  name,
  dataIdentifier,
  data: `${dataIdentifier}${content}`,
});

/** Every label data structure Hemotrace knows for a unit, in label order. */
export const unitLabel = (input: UnitLabelInput): UnitLabel => {
  const din = parseDin(input.din);
  const code = parseProductCode(input.productCode);
  const flags = input.flags ?? '00';
  if (!/^\d{2}$/.test(flags)) {
    throw new InvalidInput('ISBT.INVALID_DIN', 'flag characters after the DIN must be 2 digits', {
      input: flags,
    });
  }
  const expiry = new Date(input.expiresAt);
  const hhmm = `${pad(expiry.getUTCHours(), 2)}${pad(expiry.getUTCMinutes(), 2)}`;
  const julian = isbtJulianDate(input.expiresAt);
  const structures: LabelDataStructure[] = [
    structure('001', 'Donation Identification Number', '=', `${din.value}${flags}`),
  ];
  if (input.bloodGroup) {
    /* r = 0 (no Rh/Kell/Mia phenotype encoded), e = 0 (reserved). */
    structures.push(
      structure('002', 'Blood Groups [ABO and RhD]', '=%', `${aboRhdLabelCode(input.bloodGroup)}00`),
    );
  }
  structures.push(
    structure('003', 'Product Code', '=<', code.value),
    structure('004', 'Expiration Date', '=>', julian),
    structure('005', 'Expiration Date and Time', '&>', `${julian}${hhmm}`),
  );
  const antigens = redCellAntigensContent(input.phenotype);
  if (antigens) {
    structures.push(
      structure(
        '012',
        'Special Testing: Red Blood Cell Antigens — General',
        SPECIAL_TESTING_RED_CELL_ANTIGENS,
        antigens,
      ),
    );
  }
  return {
    eyeReadableDin: formatDinForEye(din),
    din: din.value,
    flags,
    productCode: code.value,
    ...(input.bloodGroup ? { bloodGroup: { ...input.bloodGroup } } : {}),
    expiresAt: fromJulian(julian, hhmm),
    ...(antigens
      ? { phenotype: parseRedCellAntigens(`${SPECIAL_TESTING_RED_CELL_ANTIGENS}${antigens}`).phenotype }
      : {}),
    dataStructures: structures,
  };
};

export type ScannedData =
  | { number: '001'; din: Din; flags: string }
  | { number: '002'; bloodGroup: BloodGroup; typeCode: string }
  | { number: '003'; productCode: ProductCode }
  | { number: '004'; expiresAt: string }
  | { number: '005'; expiresAt: string }
  | { number: '012'; phenotype: Phenotype; furtherAntigen: string };

const unreadable = (input: string, reason: string): InvalidInput =>
  new InvalidInput('ISBT.UNREADABLE_SCAN', `Not ISBT 128 label data: ${reason}`, { input });

/** One data structure as a scanner reads it (data identifier first). */
export const parseIsbtDataStructure = (input: string): ScannedData => {
  const text = input.trim();
  if (text.startsWith('=%')) {
    const content = text.slice(2);
    if (!/^[0-9A-Z]{2}[0-9A-Z]{2}$/.test(content))
      throw unreadable(input, 'blood groups are =% + 4 characters');
    return {
      number: '002',
      bloodGroup: bloodGroupFromLabelCode(content.slice(0, 2)),
      typeCode: content.slice(2),
    };
  }
  if (text.startsWith('=<')) return { number: '003', productCode: parseProductCode(text) };
  if (text.startsWith(SPECIAL_TESTING_RED_CELL_ANTIGENS))
    return { number: '012', ...parseRedCellAntigens(text) };
  if (text.startsWith('=>')) {
    if (!/^\d{6}$/.test(text.slice(2))) throw unreadable(input, 'an expiration date is => + cyyjjj');
    return { number: '004', expiresAt: fromJulian(text.slice(2)) };
  }
  if (text.startsWith('&>')) {
    if (!/^\d{10}$/.test(text.slice(2)))
      throw unreadable(input, 'an expiration date and time is &> + cyyjjjhhmm');
    return { number: '005', expiresAt: fromJulian(text.slice(2, 8), text.slice(8)) };
  }
  if (text.startsWith('=') && /^=[A-NP-Z1-9]/.test(text)) {
    const din = parseDin(text);
    return { number: '001', din, flags: din.flags ?? '00' };
  }
  throw unreadable(input, 'unknown data identifier');
};

const LENGTHS: [string, number][] = [
  ['=%', 6],
  ['=<', 10],
  ['=>', 8],
  ['&>', 12],
  [SPECIAL_TESTING_RED_CELL_ANTIGENS, 20],
  ['=', 16],
];

/** A concatenated scan (several structures read in one pass) split into its data structures. */
export const parseIsbtScan = (input: string): ScannedData[] => {
  const text = input.replace(/\s+/g, '');
  const found: ScannedData[] = [];
  let at = 0;
  while (at < text.length) {
    const match = LENGTHS.find(([identifier]) => text.startsWith(identifier, at));
    if (!match) throw unreadable(input, `unknown data identifier at character ${at + 1}`);
    found.push(parseIsbtDataStructure(text.slice(at, at + match[1])));
    at += match[1];
  }
  return found;
};

/** A DIN typed or scanned: barcode data `=DIN ff` becomes the 13 characters; anything else is left as typed. */
export const dinFromScan = (input: string): string => {
  const text = input.trim();
  return /^=[A-NP-Z1-9][0-9A-Z]{14}$/i.test(text.replace(/\s+/g, '')) ? parseDin(text).value : input;
};

/** A product code typed or scanned: `=<E0398V00` becomes `E0398V00`; anything else is left as typed. */
export const productCodeFromScan = (input: string): string => {
  const text = input.replace(/\s+/g, '');
  return text.startsWith('=<') ? text.slice(2) : input;
};

/** A unit scanned as its DIN and product code barcodes in one pass becomes its unit id `DIN-PRODUCTCODE`. */
export const unitIdFromScan = (input: string): string => {
  const text = input.replace(/\s+/g, '');
  if (!/^=[A-NP-Z1-9]/i.test(text) || !text.includes('=<')) return input;
  const scanned = parseIsbtScan(text);
  const din = scanned.find((s) => s.number === '001');
  const code = scanned.find((s) => s.number === '003');
  return din && code ? `${din.din.value}-${code.productCode.value}` : input;
};
