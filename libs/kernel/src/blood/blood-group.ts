import { InvalidInput } from '../errors';

export const ABO_GROUPS = ['O', 'A', 'B', 'AB'] as const;
export type Abo = (typeof ABO_GROUPS)[number];

export const RHD_TYPES = ['POS', 'NEG'] as const;
export type RhD = (typeof RHD_TYPES)[number];

export interface BloodGroup {
  abo: Abo;
  rhd: RhD;
}

export const isAbo = (value: unknown): value is Abo => (ABO_GROUPS as readonly unknown[]).includes(value);

export const isRhd = (value: unknown): value is RhD => (RHD_TYPES as readonly unknown[]).includes(value);

export const isBloodGroup = (value: unknown): value is BloodGroup =>
  typeof value === 'object' &&
  value !== null &&
  isAbo((value as BloodGroup).abo) &&
  isRhd((value as BloodGroup).rhd);

const GROUP_PATTERN = /^(AB|A|B|O)\s*(?:RH\s*D?\s*)?(\+|-|POS|POSITIVE|NEG|NEGATIVE)$/;

const invalidGroup = (input: unknown): InvalidInput =>
  new InvalidInput(
    'BLOOD.INVALID_GROUP',
    `Not a blood group: ${String(input)} (expected e.g. AB+, O-, A POS)`,
    {
      input,
    },
  );

/** Accepts `AB+`, `O-`, `A POS`, `B NEG`, `O RhD negative`, in any case. */
export const parseBloodGroup = (input: string): BloodGroup => {
  const match = GROUP_PATTERN.exec(input.trim().toUpperCase());
  if (!match) throw invalidGroup(input);
  return { abo: match[1] as Abo, rhd: match[2] === '+' || match[2].startsWith('POS') ? 'POS' : 'NEG' };
};

export const formatBloodGroup = (group: BloodGroup): string => {
  if (!isBloodGroup(group)) throw invalidGroup(JSON.stringify(group));
  return `${group.abo}${group.rhd === 'POS' ? '+' : '-'}`;
};

/** Donor red cells must carry no A or B antigen the recipient's plasma has antibodies against. */
export const redCellsAreAboCompatible = (donor: Abo, recipient: Abo): boolean =>
  donor === 'O' || donor === recipient || recipient === 'AB';

/** Donor plasma must carry no anti-A or anti-B against the recipient's red cells: the red-cell rule reversed. */
export const plasmaIsAboCompatible = (donor: Abo, recipient: Abo): boolean =>
  redCellsAreAboCompatible(recipient, donor);

/** RhD-positive red cells go only to RhD-positive recipients, to avoid anti-D immunisation. */
export const redCellsAreRhdCompatible = (donorRhd: RhD, recipientRhd: RhD): boolean =>
  donorRhd === 'NEG' || recipientRhd === 'POS';

export const redCellsAreCompatible = (donor: BloodGroup, recipient: BloodGroup): boolean =>
  redCellsAreAboCompatible(donor.abo, recipient.abo) && redCellsAreRhdCompatible(donor.rhd, recipient.rhd);

/** Every donor group whose red cells a recipient of this group may receive (ABO and RhD), O- first. */
export const redCellDonorGroupsFor = (recipient: BloodGroup): BloodGroup[] =>
  (['NEG', 'POS'] as const)
    .flatMap((rhd) => ABO_GROUPS.map((abo) => ({ abo, rhd })))
    .filter((donor) => redCellsAreCompatible(donor, recipient));
