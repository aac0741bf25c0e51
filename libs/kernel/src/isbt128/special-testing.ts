import type { Antigen, AntigenResult, Phenotype } from '../blood/antigens';
import { parsePhenotype } from '../blood/antigens';
import { InvalidInput } from '../errors';

/**
 * ISBT 128 (ICCBBA ST-001) Data Structure 012, Special Testing: Red Blood Cell Antigens — General:
 * `=\` + `aaaaaaaaaaaaaaaaii`. Position 1 encodes the Rh phenotype C, c, E, e as one digit; positions
 * 2 to 16 each encode a pair of antigens (first, second) as one digit; `ii` names one further
 * antigen the cells lack, or another attribute (99 = no information).
 *
 * Hemotrace records 17 antigens, all in positions 1 to 10; positions 11 to 16 (Do, In, Co, Di,
 * VS/V, Js, CMV antibody) are written 9 = no information. Irradiation, leukoreduction and the like
 * are product attributes, carried by the product code (003), not special testing. Data Structure
 * 010 (Special Testing: General) takes its codes from ICCBBA's licensed Special Testing table, which
 * is not available here: it is not written.
 */
export const SPECIAL_TESTING_RED_CELL_ANTIGENS = '=\\';

type Call = 'NT' | AntigenResult;

/** Position 1: [C, c] and [E, e], each one of C+c-, C+c+, C-c+; 9 = no information. */
const RH_PAIRS: readonly (readonly [AntigenResult, AntigenResult])[] = [
  ['POS', 'NEG'],
  ['POS', 'POS'],
  ['NEG', 'POS'],
];

/** Positions 2 to 10 (ST-001 Table 9); `null` is an antigen Hemotrace does not record. */
const PAIRS: readonly (readonly [Antigen | null, Antigen | null])[] = [
  ['K', 'k'],
  [null, null] /* Cw, Mia */,
  ['M', 'N'],
  ['S', 's'],
  [null, 'P1'] /* U, P1 */,
  [null, null] /* Lua, Kpa */,
  ['Lea', 'Leb'],
  ['Fya', 'Fyb'],
  ['Jka', 'Jkb'],
];
const UNRECORDED_POSITIONS = 6;
const NO_INFORMATION = '9';
/** ST-001 Table 12: 99 = no information provided. */
const NO_FURTHER_ANTIGEN = '99';

/** Each digit 0 to 8 of a pair position: first and second antigen, not tested / negative / positive. */
const CALLS: readonly Call[] = ['NT', 'NEG', 'POS'];

const rhDigit = (p: Phenotype): string => {
  const cc = RH_PAIRS.findIndex(([big, small]) => p.C === big && p.c === small);
  const ee = RH_PAIRS.findIndex(([big, small]) => p.E === big && p.e === small);
  return cc < 0 || ee < 0 ? NO_INFORMATION : String(cc + 3 * ee);
};

const pairDigit = (p: Phenotype, [first, second]: readonly [Antigen | null, Antigen | null]): string => {
  if (first === null && second === null) return NO_INFORMATION;
  const call = (antigen: Antigen | null): number => CALLS.indexOf(antigen ? (p[antigen] ?? 'NT') : 'NT');
  return String(3 * call(first) + call(second));
};

/** The 18 characters of 012 for a phenotype; null when it holds no result at all. */
export const redCellAntigensContent = (phenotype: Phenotype | undefined): string | null => {
  if (!phenotype || Object.keys(phenotype).length === 0) return null;
  return [
    rhDigit(phenotype),
    ...PAIRS.map((pair) => pairDigit(phenotype, pair)),
    NO_INFORMATION.repeat(UNRECORDED_POSITIONS),
    NO_FURTHER_ANTIGEN,
  ].join('');
};

const unreadable = (input: string, reason: string): InvalidInput =>
  new InvalidInput('ISBT.UNREADABLE_SCAN', `Not ISBT 128 label data: ${reason}`, { input });

/** 012 as scanned (`=\` first) back to the antigen results it carries. */
export const parseRedCellAntigens = (input: string): { phenotype: Phenotype; furtherAntigen: string } => {
  const content = input.trim().slice(SPECIAL_TESTING_RED_CELL_ANTIGENS.length);
  if (!input.trim().startsWith(SPECIAL_TESTING_RED_CELL_ANTIGENS) || !/^\d{18}$/.test(content))
    throw unreadable(input, 'red cell antigens are =\\ + 18 digits');
  const phenotype: Phenotype = {};
  const rh = Number(content[0]);
  if (rh < 9) {
    [phenotype.C, phenotype.c] = RH_PAIRS[rh % 3];
    [phenotype.E, phenotype.e] = RH_PAIRS[Math.floor(rh / 3)];
  }
  PAIRS.forEach(([first, second], i) => {
    const digit = Number(content[i + 1]);
    if (digit === 9) return;
    const [a, b] = [CALLS[Math.floor(digit / 3)], CALLS[digit % 3]];
    if (first && a !== 'NT') phenotype[first] = a;
    if (second && b !== 'NT') phenotype[second] = b;
  });
  return { phenotype, furtherAntigen: content.slice(16) };
};

/** Antigen results typed (`E-,Fya-,c+`) or scanned from a label's 012 (`=\...`). */
export const phenotypeFromScan = (input: string): Phenotype =>
  input.trim().startsWith(SPECIAL_TESTING_RED_CELL_ANTIGENS)
    ? parseRedCellAntigens(input).phenotype
    : parsePhenotype(input);
