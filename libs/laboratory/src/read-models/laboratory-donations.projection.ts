import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import { DONATION_TESTING_EVENT_TYPES } from '../domain/donation-testing/donation-testing.events';
import type { DonationTestingEvent } from '../domain/donation-testing/donation-testing.events';
import type { LabDonationDoc, ReagentUseDoc } from './collections';
import { LAB_DONATIONS, LAB_REAGENT_USES } from './collections';
import { awaitingSample, foldTestingView } from './laboratory-donation.view';

const reagentUse = (e: DonationTestingEvent): Omit<ReagentUseDoc, 'eventId' | 'din'> | null => {
  switch (e.type) {
    case 'MarkerResultRecorded':
    case 'ConfirmatoryResultRecorded':
      return {
        lot: e.data.reagent.lot,
        manufacturer: e.data.reagent.manufacturer,
        test: e.data.marker,
        method: e.data.method,
        usedAt: e.data.testedAt,
      };
    case 'BloodGroupDetermined':
      return {
        lot: e.data.reagentLot,
        manufacturer: null,
        test: 'ABO_RHD',
        method: e.data.method,
        usedAt: e.data.determinedAt,
      };
    case 'AntibodyScreenRecorded':
      return {
        lot: e.data.reagentLot,
        manufacturer: null,
        test: 'ANTIBODY_SCREEN',
        method: e.data.method,
        usedAt: e.data.testedAt,
      };
    case 'PhenotypeRecorded':
      return {
        lot: e.data.reagentLot,
        manufacturer: null,
        test: 'PHENOTYPE',
        method: e.data.method,
        usedAt: e.data.testedAt,
      };
    default:
      return null;
  }
};

/** The first laboratory fact of a donation is its sample, which names the donor and the collection time. */
const sampleFacts = (e: DonationTestingEvent): { donorId: string; collectedAt: string } =>
  e.type === 'SampleReceived'
    ? { donorId: e.data.donorId, collectedAt: e.data.collectedAt }
    : { donorId: '', collectedAt: '' };

const applyTesting = async (event: RecordedEvent, tx: DocumentWriter): Promise<void> => {
  const e = { type: event.type, data: event.data } as DonationTestingEvent;
  const din = (e.data as { din: string }).din;
  const doc = await tx.get<LabDonationDoc>(LAB_DONATIONS, din);
  const {
    din: _din,
    donorId,
    collectedAt,
    updatedAt: _at,
    ...view
  } = doc ?? { din, ...sampleFacts(e), updatedAt: event.occurredAt, ...awaitingSample };
  tx.put<LabDonationDoc>(LAB_DONATIONS, din, {
    din,
    donorId,
    collectedAt,
    ...foldTestingView(view, e),
    updatedAt: event.occurredAt,
  });
  const use = reagentUse(e);
  if (use) tx.put<ReagentUseDoc>(LAB_REAGENT_USES, event.eventId, { ...use, din, eventId: event.eventId });
};

/**
 * The laboratory's view of the donations it received a sample of and its reagent-lot uses, from its
 * own stored events only (collection's completed donations come over the bus, see
 * collected-donations.projection.ts). v2: view fields instead of the decider's folded state. v3:
 * collection's DonationCompleted and the donors' groups left it; the new name starts from an empty
 * checkpoint, so a server on an older store clears and rebuilds its documents.
 */
export const laboratoryDonationsProjection: Projection = {
  name: 'laboratory.donations.v3',
  collections: [LAB_DONATIONS, LAB_REAGENT_USES],
  indexes: {
    [LAB_DONATIONS]: [['status'], ['din']],
    [LAB_REAGENT_USES]: [['lot'], ['din']],
  },
  handles: DONATION_TESTING_EVENT_TYPES,
  apply: async (event, tx) => {
    if (event.streamId.startsWith('DonationTesting-')) return applyTesting(event, tx);
  },
};
