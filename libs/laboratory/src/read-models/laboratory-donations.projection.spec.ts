import { ProjectionSpecification } from '@hemotrace/event-sourcing/testing';
import type { DonationTestingEvent } from '../domain/donation-testing/donation-testing.events';
import {
  allMarkersNonReactive,
  antibodyScreenNegative,
  COLLECTED_AT,
  DIN,
  DONOR,
  groupConfirmed,
  markerRecorded,
  NOW,
  sampleReceived,
} from '../domain/donation-testing/donation-testing.fixtures';
import type { DonorGroupDoc, LabDonationDoc, ReagentUseDoc } from './collections';
import { LAB_DONATIONS, LAB_DONOR_GROUPS, LAB_REAGENT_USES } from './collections';
import { laboratoryDonationsProjection } from './laboratory-donations.projection';

const given = ProjectionSpecification.for(laboratoryDonationsProjection);

const completed = {
  streamId: `Donation-${DIN}`,
  type: 'DonationCompleted',
  data: { din: DIN, donorId: DONOR, endedAt: COLLECTED_AT, siteId: 'BC-1-BUS-2' },
  occurredAt: COLLECTED_AT,
};

const testing = (...events: DonationTestingEvent[]) =>
  events.map((e) => ({ streamId: `DonationTesting-${DIN}`, type: e.type, data: e.data, occurredAt: NOW }));

describe('the laboratory donations read model', () => {
  it('lists a collected donation as awaiting its sample, from collection', async () => {
    await given([completed]).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toMatchObject({
        din: DIN,
        donorId: DONOR,
        collectedAt: COLLECTED_AT,
        collectionSiteId: 'BC-1-BUS-2',
        status: 'AWAITING_SAMPLE',
        updatedAt: COLLECTED_AT,
      });
    });
  });

  it("qualifies a fully tested donation, keeps the donor's group and every reagent lot used", async () => {
    const qualified: DonationTestingEvent = {
      type: 'DonationQualified',
      data: { din: DIN, donorId: DONOR, bloodGroup: { abo: 'A', rhd: 'POS' }, qualifiedAt: NOW },
    };
    await given([
      completed,
      ...testing(sampleReceived(), ...groupConfirmed('A', 'POS'), antibodyScreenNegative),
      ...testing(...allMarkersNonReactive(), qualified),
    ]).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toMatchObject({
        status: 'QUALIFIED',
        updatedAt: NOW,
      });
      expect(await documents.get<DonorGroupDoc>(LAB_DONOR_GROUPS, DONOR)).toEqual({
        donorId: DONOR,
        bloodGroup: { abo: 'A', rhd: 'POS' },
        din: DIN,
        qualifiedAt: NOW,
      });
      const kitB = await documents.find<ReagentUseDoc>(LAB_REAGENT_USES, { lot: 'KitMakerB-LOT-1' });
      expect(kitB.map((u) => u.test).sort()).toEqual(['HBV', 'HCV', 'HIV']);
      expect(kitB.every((u) => u.din === DIN && u.usedAt === NOW)).toBe(true);
    });
  });

  it('puts a donation on hold while its forward and reverse groups disagree', async () => {
    await given([
      completed,
      ...testing(sampleReceived(), {
        type: 'BloodGroupDiscrepancyFound',
        data: { din: DIN, kind: 'FORWARD_REVERSE', forward: 'A', reverse: 'B', rhd: 'POS', foundAt: NOW },
      }),
      ...testing(markerRecorded('HIV', 'ELISA', 'KitMakerA', 'NON_REACTIVE')),
    ]).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toMatchObject({ status: 'ON_HOLD' });
    });
  });
});
