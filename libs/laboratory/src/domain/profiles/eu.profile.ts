import { DEFAULT_BUSINESS_TIME_POLICY } from '@hemotrace/kernel';
import type { InfectiousMarkerRule, LaboratoryProfile } from './laboratory-profile';

/** Directive 2004/33/EC Annex IV: HIV 1/2 antibody, HBsAg and HCV antibody on every donation. */
const oneSerology: InfectiousMarkerRule = {
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
  confirmable: true,
};

export const EU_LABORATORY: LaboratoryProfile = {
  id: 'EU',
  source: 'Directive 2004/33/EC Annex IV; syphilis and NAT are national additions',
  mandatoryMarkers: ['HIV', 'HBV', 'HCV'],
  markers: {
    HIV: oneSerology,
    HBV: oneSerology,
    HCV: oneSerology,
    SYPHILIS: { ...oneSerology, confirmable: false },
  },
  antibodyScreenRequired: true,
  businessTime: DEFAULT_BUSINESS_TIME_POLICY,
};
