import { Abo, ABO_GROUPS, BloodGroup, isBloodGroup, RhD, RHD_TYPES } from '../blood/blood-group';
import { InvalidInput } from '../errors';

/** ISBT 128 ABO/RhD label codes (data structure 002, first two characters). */
const LABEL_CODES: Record<Abo, Record<RhD, string>> = {
  O: { NEG: '95', POS: '51' },
  A: { NEG: '06', POS: '62' },
  B: { NEG: '17', POS: '73' },
  AB: { NEG: '28', POS: '84' },
};

const GROUPS_BY_CODE = new Map<string, BloodGroup>(
  ABO_GROUPS.flatMap((abo) => RHD_TYPES.map((rhd) => [LABEL_CODES[abo][rhd], { abo, rhd }] as const)),
);

export const aboRhdLabelCode = (group: BloodGroup): string => {
  if (!isBloodGroup(group)) {
    throw new InvalidInput('BLOOD.INVALID_GROUP', `Not a blood group: ${JSON.stringify(group)}`, {
      input: group,
    });
  }
  return LABEL_CODES[group.abo][group.rhd];
};

export const bloodGroupFromLabelCode = (code: string): BloodGroup => {
  const group = GROUPS_BY_CODE.get(code.trim());
  if (group === undefined) {
    throw new InvalidInput(
      'ISBT.INVALID_ABO_RHD_CODE',
      `Unknown ABO/RhD label code ${code}; expected one of ${[...GROUPS_BY_CODE.keys()].join(', ')}`,
      { input: code },
    );
  }
  return { ...group };
};
