import type { Marker } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { MarkerResultRecorded } from '../domain/donation-testing/donation-testing.events';

export const MARKER_TESTED_V1 = 'laboratory.MarkerTested.v1';

/**
 * A donation's sample was screened for a marker with this reagent lot, on this instrument: what a
 * recall by reagent lot or equipment starts from (traceability's lineage). The result itself stays
 * in the laboratory; its conclusion is DonationQualified or DonationRejected.
 */
export interface MarkerTestedV1 {
  din: string;
  marker: Marker;
  reagent: { manufacturer: string; lot: string };
  instrument?: string;
  /** Business time of the test. */
  testedAt: string;
  /** The site that recorded the result. */
  recordedAtSite: string;
}

export const markerTestedV1: ContractMapping<MarkerTestedV1> = {
  context: 'laboratory',
  storedType: 'MarkerResultRecorded',
  contractType: 'MarkerTested',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as MarkerResultRecorded;
    return {
      din: d.din,
      marker: d.marker,
      reagent: { manufacturer: d.reagent.manufacturer, lot: d.reagent.lot },
      ...(d.instrument !== undefined ? { instrument: d.instrument } : {}),
      testedAt: d.testedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
