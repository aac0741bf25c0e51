import {
  Abo,
  ABO_GROUPS,
  formatBloodGroup,
  isAbo,
  isBloodGroup,
  isRhd,
  parseBloodGroup,
  plasmaIsAboCompatible,
  redCellDonorGroupsFor,
  redCellsAreAboCompatible,
  redCellsAreCompatible,
  redCellsAreRhdCompatible,
} from './blood-group';

describe('parsing a blood group', () => {
  it.each([
    ['AB+', { abo: 'AB', rhd: 'POS' }],
    ['O-', { abo: 'O', rhd: 'NEG' }],
    ['A POS', { abo: 'A', rhd: 'POS' }],
    ['b neg', { abo: 'B', rhd: 'NEG' }],
    ['O RhD negative', { abo: 'O', rhd: 'NEG' }],
    ['AB Rh+', { abo: 'AB', rhd: 'POS' }],
    [' A+ ', { abo: 'A', rhd: 'POS' }],
  ])('reads %p', (input, group) => {
    expect(parseBloodGroup(input)).toEqual(group);
  });

  it.each(['', 'C+', 'A', 'AB?', 'A++', 'BA+'])('refuses %p', (input) => {
    expect(() => parseBloodGroup(input)).toThrow(expect.objectContaining({ code: 'BLOOD.INVALID_GROUP' }));
  });
});

describe('formatting a blood group', () => {
  it('writes ABO then + or -', () => {
    expect(formatBloodGroup({ abo: 'AB', rhd: 'POS' })).toBe('AB+');
    expect(formatBloodGroup({ abo: 'O', rhd: 'NEG' })).toBe('O-');
  });

  it('round-trips every group', () => {
    for (const abo of ABO_GROUPS) {
      for (const rhd of ['POS', 'NEG'] as const) {
        expect(parseBloodGroup(formatBloodGroup({ abo, rhd }))).toEqual({ abo, rhd });
      }
    }
  });
});

describe('recognising ABO, RhD and blood groups', () => {
  it('knows the four ABO groups', () => {
    expect(ABO_GROUPS).toEqual(['O', 'A', 'B', 'AB']);
    expect(isAbo('AB')).toBe(true);
    expect(isAbo('C')).toBe(false);
  });

  it('knows the two RhD types', () => {
    expect(isRhd('NEG')).toBe(true);
    expect(isRhd('+')).toBe(false);
  });

  it('knows a blood group object', () => {
    expect(isBloodGroup({ abo: 'A', rhd: 'POS' })).toBe(true);
    expect(isBloodGroup({ abo: 'A' })).toBe(false);
    expect(isBloodGroup(null)).toBe(false);
  });
});

const pairs = (table: Record<Abo, Abo[]>): [Abo, Abo, boolean][] =>
  ABO_GROUPS.flatMap((donor) =>
    ABO_GROUPS.map((recipient): [Abo, Abo, boolean] => [donor, recipient, table[donor].includes(recipient)]),
  );

describe('ABO compatibility of red cells', () => {
  const redCellRecipients: Record<Abo, Abo[]> = {
    O: ['O', 'A', 'B', 'AB'],
    A: ['A', 'AB'],
    B: ['B', 'AB'],
    AB: ['AB'],
  };

  it.each(pairs(redCellRecipients))('%s red cells to a %s recipient: %p', (donor, recipient, compatible) => {
    expect(redCellsAreAboCompatible(donor, recipient)).toBe(compatible);
  });
});

describe('ABO compatibility of plasma', () => {
  const plasmaRecipients: Record<Abo, Abo[]> = {
    AB: ['O', 'A', 'B', 'AB'],
    A: ['A', 'O'],
    B: ['B', 'O'],
    O: ['O'],
  };

  it.each(pairs(plasmaRecipients))('%s plasma to a %s recipient: %p', (donor, recipient, compatible) => {
    expect(plasmaIsAboCompatible(donor, recipient)).toBe(compatible);
  });
});

describe('RhD compatibility of red cells', () => {
  it('gives RhD-negative red cells to anyone', () => {
    expect(redCellsAreRhdCompatible('NEG', 'NEG')).toBe(true);
    expect(redCellsAreRhdCompatible('NEG', 'POS')).toBe(true);
  });

  it('gives RhD-positive red cells only to RhD-positive recipients', () => {
    expect(redCellsAreRhdCompatible('POS', 'POS')).toBe(true);
    expect(redCellsAreRhdCompatible('POS', 'NEG')).toBe(false);
  });
});

describe('red-cell compatibility of whole blood groups', () => {
  it('needs both ABO and RhD to be compatible', () => {
    expect(redCellsAreCompatible(parseBloodGroup('O-'), parseBloodGroup('AB+'))).toBe(true);
    expect(redCellsAreCompatible(parseBloodGroup('O+'), parseBloodGroup('AB-'))).toBe(false);
    expect(redCellsAreCompatible(parseBloodGroup('A-'), parseBloodGroup('O+'))).toBe(false);
  });
});

describe('the donor groups a red-cell recipient may receive', () => {
  it('gives an AB+ recipient every group, an O- recipient only O-, an A- recipient O- and A-', () => {
    expect(redCellDonorGroupsFor({ abo: 'AB', rhd: 'POS' }).map(formatBloodGroup)).toEqual([
      'O-',
      'A-',
      'B-',
      'AB-',
      'O+',
      'A+',
      'B+',
      'AB+',
    ]);
    expect(redCellDonorGroupsFor({ abo: 'O', rhd: 'NEG' }).map(formatBloodGroup)).toEqual(['O-']);
    expect(redCellDonorGroupsFor({ abo: 'A', rhd: 'NEG' }).map(formatBloodGroup)).toEqual(['O-', 'A-']);
  });
});
