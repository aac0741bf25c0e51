import {
  Antigen,
  ANTIGENS,
  antigenFromAntibody,
  formatPhenotype,
  isAntigen,
  parsePhenotype,
  phenotypeSatisfies,
} from './antigens';

describe('red-cell antigens', () => {
  it('lists the 17 antigens typed in extended phenotypes', () => {
    expect(ANTIGENS).toHaveLength(17);
    expect(ANTIGENS).toContain('Fya');
  });

  it('tells c from C', () => {
    expect(isAntigen('c')).toBe(true);
    expect(isAntigen('C')).toBe(true);
    expect(isAntigen('fya')).toBe(false);
    expect(isAntigen('D')).toBe(false);
  });
});

describe('parsing a phenotype', () => {
  it('reads comma-separated results', () => {
    expect(parsePhenotype('E-,Fya-,c+')).toEqual({ E: 'NEG', Fya: 'NEG', c: 'POS' });
  });

  it('reads spaces and Fy(a-) notation', () => {
    expect(parsePhenotype('K- Fy(a-) Jk(b+)')).toEqual({ K: 'NEG', Fya: 'NEG', Jkb: 'POS' });
  });

  it('reads an empty string as nothing typed', () => {
    expect(parsePhenotype('')).toEqual({});
  });

  it('refuses an unknown antigen or a missing result', () => {
    expect(() => parsePhenotype('X+')).toThrow(expect.objectContaining({ code: 'BLOOD.INVALID_PHENOTYPE' }));
    expect(() => parsePhenotype('E')).toThrow(expect.objectContaining({ code: 'BLOOD.INVALID_PHENOTYPE' }));
  });

  it('refuses an antigen typed both positive and negative', () => {
    expect(() => parsePhenotype('E+,E-')).toThrow(
      expect.objectContaining({ code: 'BLOOD.INVALID_PHENOTYPE' }),
    );
  });
});

describe('formatting a phenotype', () => {
  it('writes typed antigens in the standard order', () => {
    expect(formatPhenotype({ Fya: 'NEG', c: 'POS', E: 'NEG' })).toBe('c+,E-,Fya-');
  });

  it('writes nothing for an untyped phenotype', () => {
    expect(formatPhenotype({})).toBe('');
  });

  it('round-trips', () => {
    expect(formatPhenotype(parsePhenotype('K-,k+,Lea-,P1+'))).toBe('K-,k+,Lea-,P1+');
  });
});

describe('matching a unit phenotype to a patient with anti-E and anti-Fya', () => {
  const requiredNegative: Antigen[] = ['E', 'Fya'];

  it('is satisfied by a unit typed E- and Fya-', () => {
    expect(phenotypeSatisfies(parsePhenotype('E-,Fya-'), requiredNegative)).toBe(true);
  });

  it('is not satisfied by a unit typed E- with Fya untyped', () => {
    expect(phenotypeSatisfies(parsePhenotype('E-'), requiredNegative)).toBe(false);
  });

  it('is not satisfied by a unit typed Fya+', () => {
    expect(phenotypeSatisfies(parsePhenotype('E-,Fya+'), requiredNegative)).toBe(false);
  });

  it('is satisfied by any unit when nothing is required', () => {
    expect(phenotypeSatisfies({}, [])).toBe(true);
  });
});

describe('naming the antigen an antibody is directed against', () => {
  it.each([
    ['anti-E', 'E'],
    ['anti-Fya', 'Fya'],
    ['anti-K', 'K'],
    ['anti-Jka', 'Jka'],
    ['Anti-c', 'c'],
    ['anti-Fy(a)', 'Fya'],
    ['anti E', 'E'],
  ])('%s is against %s', (antibody, antigen) => {
    expect(antigenFromAntibody(antibody)).toBe(antigen);
  });

  it.each(['anti-X', 'E', 'anti-', 'anti-D'])('refuses %p', (antibody) => {
    expect(() => antigenFromAntibody(antibody)).toThrow(
      expect.objectContaining({ code: 'BLOOD.UNKNOWN_ANTIBODY' }),
    );
  });
});
