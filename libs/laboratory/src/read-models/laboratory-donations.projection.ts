import type { DonationCompletedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED } from '@hemotrace/collection/contracts';
import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import { DONATION_TESTING_EVENT_TYPES } from '../domain/donation-testing/donation-testing.events';
import type { DonationTestingEvent } from '../domain/donation-testing/donation-testing.events';
import type { DonorGroupDoc, LabDonationDoc, ReagentUseDoc } from './collections';
import { LAB_DONATIONS, LAB_DONOR_GROUPS, LAB_REAGENT_USES } from './collections';
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

const applyCompleted = async (event: RecordedEvent, tx: DocumentWriter): Promise<void> => {
  const data = event.data as DonationCompletedContract;
  if (await tx.get<LabDonationDoc>(LAB_DONATIONS, data.din)) return;
  tx.put<LabDonationDoc>(LAB_DONATIONS, data.din, {
    din: data.din,
    donorId: data.donorId,
    collectedAt: data.endedAt,
    collectionSiteId: data.siteId ?? null,
    ...awaitingSample,
    updatedAt: event.occurredAt,
  });
};

/** A donation the laboratory heard of from its sample before collection's fact: the sample names it. */
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
    collectionSiteId,
    updatedAt: _at,
    ...view
  } = doc ?? {
    din,
    ...sampleFacts(e),
    collectionSiteId: null,
    updatedAt: event.occurredAt,
    ...awaitingSample,
  };
  tx.put<LabDonationDoc>(LAB_DONATIONS, din, {
    din,
    donorId,
    collectedAt,
    collectionSiteId,
    ...foldTestingView(view, e),
    updatedAt: event.occurredAt,
  });
  if (e.type === 'DonationQualified') {
    tx.put<DonorGroupDoc>(LAB_DONOR_GROUPS, e.data.donorId, {
      donorId: e.data.donorId,
      bloodGroup: e.data.bloodGroup,
      din,
      qualifiedAt: e.data.qualifiedAt,
    });
  }
  const use = reagentUse(e);
  if (use) tx.put<ReagentUseDoc>(LAB_REAGENT_USES, event.eventId, { ...use, din, eventId: event.eventId });
};

/**
 * The laboratory's view of every collected donation, the donors' historical groups and reagent-lot
 * uses. v2: the donation documents hold view fields instead of the decider's folded state; the new
 * name starts from an empty checkpoint, so a server on an older store clears and rebuilds them.
 */
export const laboratoryDonationsProjection: Projection = {
  name: 'laboratory.donations.v2',
  collections: [LAB_DONATIONS, LAB_DONOR_GROUPS, LAB_REAGENT_USES],
  indexes: {
    [LAB_DONATIONS]: [['status'], ['donorId']],
    [LAB_REAGENT_USES]: [['lot'], ['din']],
  },
  handles: [DONATION_COMPLETED, ...DONATION_TESTING_EVENT_TYPES],
  apply: async (event, tx) => {
    if (event.type === DONATION_COMPLETED) return applyCompleted(event, tx);
    if (event.streamId.startsWith('DonationTesting-')) return applyTesting(event, tx);
  },
};
