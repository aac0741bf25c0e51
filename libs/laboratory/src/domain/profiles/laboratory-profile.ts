import type { BusinessTimePolicy, Marker } from '@hemotrace/kernel';

export const SCREENING_METHODS = ['ELISA', 'CHLIA', 'NAT_SINGLE', 'NAT_POOLED', 'ENZYMATIC'] as const;
export type ScreeningMethod = (typeof SCREENING_METHODS)[number];

export type SerologyMethod = Extract<ScreeningMethod, 'ELISA' | 'CHLIA'>;

/** One accepted way to screen an infectious marker, e.g. two ELISA kits, or one ELISA plus NAT. */
export interface ScreeningStrategy {
  name: string;
  serologyKits: number;
  serologyMethods: readonly SerologyMethod[];
  /** The serology kits must come from different manufacturers. */
  distinctManufacturers: boolean;
  nat: boolean;
}

export interface InfectiousMarkerRule {
  kind: 'INFECTIOUS';
  /** Any one of these completes the screening. */
  strategies: readonly ScreeningStrategy[];
  /** A confirmatory positive for this marker is reported to donor deferral and the lookback. */
  confirmable: boolean;
}

export interface ChemistryMarkerRule {
  kind: 'CHEMISTRY';
  methods: readonly ScreeningMethod[];
  /** A value above this limit is reactive. */
  upperLimit: number;
  unit: string;
}

export type MarkerRule = InfectiousMarkerRule | ChemistryMarkerRule;

/** What a jurisdiction requires of donation testing: data, selected by profile id, never scattered constants. */
export interface LaboratoryProfile {
  id: string;
  source: string;
  mandatoryMarkers: readonly Marker[];
  markers: Readonly<Partial<Record<Marker, MarkerRule>>>;
  antibodyScreenRequired: boolean;
  /** Future tolerance and late-entry threshold for the times a user states. */
  businessTime: BusinessTimePolicy;
}
