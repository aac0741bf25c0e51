import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { InfectiousMarkerRule, LaboratoryProfile } from './laboratory-profile';

/** 21 CFR 610.40: a licensed serological screening test plus nucleic acid testing for HIV, HBV and HCV. */
const serologyPlusNat: InfectiousMarkerRule = {
  kind: 'INFECTIOUS',
  strategies: [
    {
      name: 'SEROLOGY_PLUS_NAT',
      serologyKits: 1,
      serologyMethods: ['ELISA', 'CHLIA'],
      distinctManufacturers: false,
      nat: true,
    },
  ],
  confirmable: true,
};

export const US_FDA_LABORATORY: LaboratoryProfile = {
  id: 'US-FDA',
  source: '21 CFR 610.40 (infectious disease testing), 21 CFR 640.5 (ABO, Rh, unexpected antibodies)',
  mandatoryMarkers: ['HIV', 'HBV', 'HCV', 'SYPHILIS'],
  markers: {
    HIV: serologyPlusNat,
    HBV: serologyPlusNat,
    HCV: serologyPlusNat,
    SYPHILIS: {
      kind: 'INFECTIOUS',
      strategies: [
        {
          name: 'ONE_SEROLOGY',
          serologyKits: 1,
          serologyMethods: ['ELISA', 'CHLIA'],
          distinctManufacturers: false,
          nat: false,
        },
      ],
      confirmable: false,
    },
  },
  antibodyScreenRequired: true,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};
