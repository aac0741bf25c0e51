import {
  InMemoryEventStore,
  InMemoryReadModelStore,
  LOG_START,
  ProjectionRunner,
} from '@hemotrace/event-sourcing';
import { ProjectionSpecification } from '@hemotrace/event-sourcing/testing';
import { systemActor } from '@hemotrace/kernel';
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
  RECEIVED_AT,
  sampleReceived,
} from '../domain/donation-testing/donation-testing.fixtures';
import type { LabDonationDoc, ReagentUseDoc } from './collections';
import { LAB_DONATIONS, LAB_REAGENT_USES } from './collections';
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
  it("reads no other context's stored events: collection's completed donation makes no document here", async () => {
    await given([completed]).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toBeNull();
    });
  });

  it('starts a donation from its sample, which names the donor and the collection time', async () => {
    await given(testing(sampleReceived())).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toMatchObject({
        din: DIN,
        donorId: DONOR,
        collectedAt: COLLECTED_AT,
        status: 'IN_TESTING',
        updatedAt: NOW,
      });
    });
  });

  it('qualifies a fully tested donation and keeps every reagent lot used', async () => {
    const qualified: DonationTestingEvent = {
      type: 'DonationQualified',
      data: { din: DIN, donorId: DONOR, bloodGroup: { abo: 'A', rhd: 'POS' }, qualifiedAt: NOW },
    };
    await given([
      ...testing(sampleReceived(), ...groupConfirmed('A', 'POS'), antibodyScreenNegative),
      ...testing(...allMarkersNonReactive(), qualified),
    ]).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toMatchObject({
        status: 'QUALIFIED',
        updatedAt: NOW,
      });
      const kitB = await documents.find<ReagentUseDoc>(LAB_REAGENT_USES, { lot: 'KitMakerB-LOT-1' });
      expect(kitB.map((u) => u.test).sort()).toEqual(['HBV', 'HCV', 'HIV']);
      expect(kitB.every((u) => u.din === DIN && u.usedAt === NOW)).toBe(true);
    });
  });

  it('stores the view fields the laboratory answers with, not the decider state', async () => {
    await given([
      ...testing(sampleReceived(), ...groupConfirmed('O', 'NEG'), antibodyScreenNegative),
      ...testing(
        markerRecorded('ALT', 'ENZYMATIC', 'ChemMaker', 'NON_REACTIVE', { resultId: 'alt-1', value: 20 }),
      ),
    ]).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toEqual({
        din: DIN,
        donorId: DONOR,
        collectedAt: COLLECTED_AT,
        status: 'IN_TESTING',
        samples: [
          {
            labSiteId: 'BC-1',
            labType: 'CENTRAL_LAB',
            transportMinutes: 90,
            condition: 'ACCEPTABLE',
            receivedAt: RECEIVED_AT,
          },
        ],
        bloodGroup: {
          determinations: [
            { abo: 'O', rhd: 'NEG' },
            { abo: 'O', rhd: 'NEG' },
          ],
          confirmed: { abo: 'O', rhd: 'NEG' },
          discrepancy: null,
        },
        antibodyScreen: {
          result: 'NEGATIVE',
          method: 'MICROPLATE',
          reagentLot: 'SCREEN-LOT-1',
          testedAt: NOW,
        },
        phenotype: {},
        results: [
          {
            resultId: 'alt-1',
            marker: 'ALT',
            method: 'ENZYMATIC',
            reagent: { manufacturer: 'ChemMaker', lot: 'ChemMaker-LOT-1' },
            interpretation: 'NON_REACTIVE',
            value: 20,
            testedAt: NOW,
          },
        ],
        confirmatory: [],
        confirmedPositive: [],
        conclusion: null,
        updatedAt: NOW,
      });
    });
  });

  it('rejects a donation whose sample came unacceptable until an acceptable one arrives', async () => {
    await given(testing(sampleReceived('HAEMOLYSED'))).then(async (documents) => {
      expect(await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN)).toMatchObject({
        status: 'SAMPLE_UNACCEPTABLE',
      });
    });
    await given(testing(sampleReceived('HAEMOLYSED'), sampleReceived())).then(async (documents) => {
      const doc = await documents.get<LabDonationDoc>(LAB_DONATIONS, DIN);
      expect(doc?.status).toBe('IN_TESTING');
      expect(doc?.samples.map((s) => s.condition)).toEqual(['HAEMOLYSED', 'ACCEPTABLE']);
    });
  });

  it('folds again from the log on a store its older versions left their documents in', async () => {
    const log = new InMemoryEventStore();
    const metadata = { actor: systemActor('BC-1'), correlationId: 'old-store', occurredAt: COLLECTED_AT };
    await log.append({ streamId: completed.streamId, events: [completed], expectedVersion: 'any', metadata });
    const [received] = testing(sampleReceived());
    await log.append({ streamId: received.streamId, events: [received], expectedVersion: 'any', metadata });
    const { checkpoint } = await log.readAll(LOG_START, 10);
    const readModels = new InMemoryReadModelStore();
    await readModels.commit('laboratory-donations', checkpoint, [
      {
        op: 'put',
        collection: LAB_DONATIONS,
        id: DIN,
        doc: { din: DIN, donorId: DONOR, status: 'AWAITING_SAMPLE', testing: { status: 'NotReceived' } },
      },
      { op: 'put', collection: LAB_DONATIONS, id: 'A999926999999', doc: { din: 'A999926999999' } },
    ]);
    const runner = new ProjectionRunner(log, readModels);
    runner.addProjection(laboratoryDonationsProjection);
    await runner.start();
    await runner.catchUp();
    expect(await readModels.get(LAB_DONATIONS, 'A999926999999')).toBeNull();
    const doc = await readModels.get<LabDonationDoc>(LAB_DONATIONS, DIN);
    expect(doc).not.toHaveProperty('testing');
    expect(doc).toMatchObject({ status: 'IN_TESTING', donorId: DONOR, collectedAt: COLLECTED_AT });
    expect(doc?.samples).toHaveLength(1);
    await runner.stop();
  });

  it('puts a donation on hold while its forward and reverse groups disagree', async () => {
    await given([
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
