import {
  dinFromScan,
  parseIsbtDataStructure,
  parseIsbtScan,
  productCodeFromScan,
  unitIdFromScan,
  unitLabel,
} from './label';

describe('ISBT 128 label data structures', () => {
  const label = unitLabel({
    din: 'G123498654321',
    productCode: 'E0398V00',
    bloodGroup: { abo: 'O', rhd: 'POS' },
    expiresAt: '2026-02-10T14:30:00.000Z',
  });

  it('encodes DIN with flags (001), ABO/RhD (002), product code (003), expiry date (004) and date and time (005)', () => {
    expect(label.dataStructures.map((s) => [s.number, s.data])).toEqual([
      ['001', '=G12349865432100'],
      ['002', '=%5100'],
      ['003', '=<E0398V00'],
      ['004', '=>026041'],
      ['005', '&>0260411430'],
    ]);
  });

  it('prints the eye-readable DIN with its check character apart', () => {
    expect(label.eyeReadableDin).toBe('G1234 98 654321 H');
  });

  it('reads every structure back to the values it was made from', () => {
    const parsed = label.dataStructures.map((s) => parseIsbtDataStructure(s.data));
    expect(parsed).toEqual([
      { number: '001', din: expect.objectContaining({ value: 'G123498654321', flags: '00' }), flags: '00' },
      { number: '002', bloodGroup: { abo: 'O', rhd: 'POS' }, typeCode: '00' },
      { number: '003', productCode: expect.objectContaining({ value: 'E0398V00', division: '00' }) },
      { number: '004', expiresAt: '2026-02-10T23:59:00.000Z' },
      { number: '005', expiresAt: '2026-02-10T14:30:00.000Z' },
    ]);
  });

  it('counts the day of the year across a leap day', () => {
    const leap = unitLabel({
      din: 'G123498654321',
      productCode: 'E0398V00',
      expiresAt: '2028-12-31T00:00:00Z',
    });
    expect(leap.dataStructures.find((s) => s.number === '004')?.data).toBe('=>028366');
    expect(parseIsbtDataStructure('=>028366')).toEqual({
      number: '004',
      expiresAt: '2028-12-31T23:59:00.000Z',
    });
  });

  it('splits a concatenated scan and refuses an unknown data identifier', () => {
    expect(parseIsbtScan('=G12349865432100=<E0398V00').map((s) => s.number)).toEqual(['001', '003']);
    expect(() => parseIsbtScan('=G12349865432100#XYZ')).toThrow(/unknown data identifier/);
    expect(() => parseIsbtDataStructure('=>026400')).toThrow(/Not an ISBT 128 date/);
  });

  it('turns scanned input into what a person would type, and leaves typed input alone', () => {
    expect(dinFromScan('=G12349865432100')).toBe('G123498654321');
    expect(dinFromScan('G123498654321H')).toBe('G123498654321H');
    expect(productCodeFromScan('=<E0398V00')).toBe('E0398V00');
    expect(productCodeFromScan('E0398V00')).toBe('E0398V00');
    expect(unitIdFromScan('=G12349865432100 =<E0398V00')).toBe('G123498654321-E0398V00');
    expect(unitIdFromScan('G123498654321-E0398V00')).toBe('G123498654321-E0398V00');
  });
});
