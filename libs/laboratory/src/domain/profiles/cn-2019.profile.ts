import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { InfectiousMarkerRule, LaboratoryProfile } from './laboratory-profile';

/** Blood Station Technical Operation Procedures (2019), blood testing: two ELISA kits of different makers, or ELISA + NAT. */
const hivHbvHcv: InfectiousMarkerRule = {
  kind: 'INFECTIOUS',
  strategies: [
    {
      name: 'TWO_ELISA_DIFFERENT_MANUFACTURERS',
      serologyKits: 2,
      serologyMethods: ['ELISA'],
      distinctManufacturers: true,
      nat: false,
    },
    {
      name: 'ELISA_PLUS_NAT',
      serologyKits: 1,
      serologyMethods: ['ELISA'],
      distinctManufacturers: false,
      nat: true,
    },
  ],
  confirmable: true,
};

export const CN_2019_LABORATORY: LaboratoryProfile = {
  id: 'CN-2019',
  source:
    'Blood Station Technical Operation Procedures (2019), blood testing; GB 18467 donor health requirements',
  mandatoryMarkers: ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'],
  markers: {
    HIV: hivHbvHcv,
    HBV: hivHbvHcv,
    HCV: hivHbvHcv,
    SYPHILIS: {
      kind: 'INFECTIOUS',
      strategies: [
        {
          name: 'ONE_ELISA',
          serologyKits: 1,
          serologyMethods: ['ELISA'],
          distinctManufacturers: false,
          nat: false,
        },
      ],
      confirmable: false,
    },
    ALT: { kind: 'CHEMISTRY', methods: ['ENZYMATIC'], upperLimit: 50, unit: 'U/L' },
  },
  antibodyScreenRequired: true,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};
