import { parseIsbtDataStructure, parseIsbtScan, unitLabel } from './label';
import { parseRedCellAntigens, phenotypeFromScan, redCellAntigensContent } from './special-testing';

describe('ISBT 128 special testing: red blood cell antigens (Data Structure 012)', () => {
  it('writes R1R1 (C+c-E-e+), K-k+ and Fy(a-b+) in their positions, the rest as no information', () => {
    expect(
      redCellAntigensContent({
        C: 'POS',
        c: 'NEG',
        E: 'NEG',
        e: 'POS',
        K: 'NEG',
        k: 'POS',
        Fya: 'NEG',
        Fyb: 'POS',
      }),
      /* 6 = C+c-E-e+, 5 = K-k+, 9 Cw/Mia, 0 M/N, 0 S/s, 0 U/P1, 9 Lua/Kpa, 0 Le, 5 = Fy(a-b+), 0 Jk, 11-16 and ii: 9 */
    ).toBe('659000905099999999');
  });

  it('marks an antigen of a pair that was not typed as not tested', () => {
    /* Position 10 (Jka, Jkb): Jka- with Jkb not typed = 3; position 6 (U, P1): P1+ = 2. */
    const content = redCellAntigensContent({ Jka: 'NEG', P1: 'POS' })!;
    expect(content[0]).toBe('9');
    expect(content[5]).toBe('2');
    expect(content[9]).toBe('3');
  });

  it('writes nothing for a unit without antigen results', () => {
    expect(redCellAntigensContent(undefined)).toBeNull();
    expect(redCellAntigensContent({})).toBeNull();
  });

  it('reads a scanned 012 back to the antigen results it carries', () => {
    expect(parseRedCellAntigens('=\\659000905099999999')).toEqual({
      phenotype: { C: 'POS', c: 'NEG', E: 'NEG', e: 'POS', K: 'NEG', k: 'POS', Fya: 'NEG', Fyb: 'POS' },
      furtherAntigen: '99',
    });
  });

  it('takes antigen results typed or scanned alike', () => {
    expect(phenotypeFromScan('=\\659000905099999999')).toEqual(
      phenotypeFromScan('C+,c-,E-,e+,K-,k+,Fya-,Fyb+'),
    );
  });

  it('refuses a scan that is not 18 digits after the identifier', () => {
    expect(() => parseRedCellAntigens('=\\65900090509999')).toThrow(
      expect.objectContaining({ code: 'ISBT.UNREADABLE_SCAN' }),
    );
  });

  it('puts 012 on the label of a typed unit, and a concatenated scan reads every structure back', () => {
    const label = unitLabel({
      din: 'G123498654321',
      productCode: 'E0398V00',
      bloodGroup: { abo: 'O', rhd: 'NEG' },
      expiresAt: '2026-02-10T14:30:00.000Z',
      phenotype: { c: 'POS', C: 'NEG', E: 'NEG', e: 'POS', K: 'NEG' },
    });
    expect(label.dataStructures.map((s) => s.number)).toEqual(['001', '002', '003', '004', '005', '012']);
    expect(label.dataStructures[5].data).toBe('=\\839000900099999999');
    expect(label.phenotype).toEqual({ C: 'NEG', c: 'POS', E: 'NEG', e: 'POS', K: 'NEG' });
    const scanned = parseIsbtScan(label.dataStructures.map((s) => s.data).join(''));
    expect(scanned.map((s) => s.number)).toEqual(['001', '002', '003', '004', '005', '012']);
    expect(parseIsbtDataStructure(label.dataStructures[5].data)).toEqual({
      number: '012',
      phenotype: label.phenotype,
      furtherAntigen: '99',
    });
  });
});
