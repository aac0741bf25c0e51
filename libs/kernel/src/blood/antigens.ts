import { InvalidInput } from '../errors';

/** Red-cell antigens beyond ABO and D typed in extended phenotypes. Case matters: C and c differ. */
export const ANTIGENS = [
  'C',
  'c',
  'E',
  'e',
  'K',
  'k',
  'Fya',
  'Fyb',
  'Jka',
  'Jkb',
  'M',
  'N',
  'S',
  's',
  'Lea',
  'Leb',
  'P1',
] as const;
export type Antigen = (typeof ANTIGENS)[number];

export type AntigenResult = 'POS' | 'NEG';

/** Only typed antigens are present; an absent antigen is untyped, not negative. */
export type Phenotype = Partial<Record<Antigen, AntigenResult>>;

export const isAntigen = (value: unknown): value is Antigen =>
  (ANTIGENS as readonly unknown[]).includes(value);

/** `Fy(a-)`, `Jk(b)`, `Le(a+)` serological notation -> `Fya-`, `Jkb`, `Lea+`. */
const fromParenthesisNotation = (text: string): string =>
  text.replace(/^(Fy|Jk|Le)\((a|b)([+-]?)\)$/, '$1$2$3');

const invalidPhenotype = (input: string, reason: string): InvalidInput =>
  new InvalidInput('BLOOD.INVALID_PHENOTYPE', `Not a phenotype: ${reason} (expected e.g. E-,Fya-,c+)`, {
    input,
  });

/** Accepts `E-,Fya-,c+` (comma or space separated); `Fy(a-)` notation is also read. */
export const parsePhenotype = (input: string): Phenotype => {
  const tokens = input
    .split(/[,;\s]+/)
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
  const phenotype: Phenotype = {};
  for (const token of tokens) {
    const match = /^(.+)([+-])$/.exec(fromParenthesisNotation(token));
    if (!match || !isAntigen(match[1])) throw invalidPhenotype(input, `unknown antigen result ${token}`);
    const result: AntigenResult = match[2] === '+' ? 'POS' : 'NEG';
    if (phenotype[match[1]] !== undefined && phenotype[match[1]] !== result) {
      throw invalidPhenotype(input, `${match[1]} typed both positive and negative`);
    }
    phenotype[match[1]] = result;
  }
  return phenotype;
};

export const formatPhenotype = (phenotype: Phenotype): string =>
  ANTIGENS.filter((antigen) => phenotype[antigen] !== undefined)
    .map((antigen) => `${antigen}${phenotype[antigen] === 'POS' ? '+' : '-'}`)
    .join(',');

/**
 * A unit for a patient with clinically significant antibodies must be typed negative for each
 * corresponding antigen; an untyped antigen does not count as negative.
 */
export const phenotypeSatisfies = (phenotype: Phenotype, requiredNegative: readonly Antigen[]): boolean =>
  requiredNegative.every((antigen) => phenotype[antigen] === 'NEG');

/** `anti-E` -> `E`, `anti-Fya` / `anti-Fy(a)` -> `Fya`. The antigen part is case-sensitive (anti-c is not anti-C). */
export const antigenFromAntibody = (antibody: string): Antigen => {
  const match = /^anti[-\s]?(.+)$/i.exec(antibody.trim());
  const antigen = match ? match[1].trim().replace(/^(Fy|Jk|Le)\((a|b)\)$/, '$1$2') : undefined;
  if (antigen === undefined || !isAntigen(antigen)) {
    throw new InvalidInput(
      'BLOOD.UNKNOWN_ANTIBODY',
      `Unknown antibody ${antibody}; expected anti- followed by one of ${ANTIGENS.join(', ')} (anti-D is matched through RhD)`,
      { input: antibody },
    );
  }
  return antigen;
};
