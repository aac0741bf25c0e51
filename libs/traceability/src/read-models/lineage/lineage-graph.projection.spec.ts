import type { DocumentWriter, RecordedEvent } from '@hemotrace/event-sourcing';
import { collectionIntegrationContracts } from '@hemotrace/collection/contracts';
import { componentsIntegrationContracts } from '@hemotrace/components/contracts';
import { distributionIntegrationContracts } from '@hemotrace/distribution/contracts';
import { laboratoryIntegrationContracts } from '@hemotrace/laboratory/contracts';
import type { IntegrationEvent } from '@hemotrace/messaging';
import { ContractRegistry } from '@hemotrace/messaging';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import { transfusionIntegrationContracts } from '@hemotrace/transfusion/contracts';
import { LineageGraphProjection } from './lineage-graph.projection';
import type { AttributeUse, GraphNode, LineageEdge } from './lineage.model';
import { LINEAGE } from './lineage.model';

const CONTRACTS = [
  ...collectionIntegrationContracts,
  ...laboratoryIntegrationContracts,
  ...componentsIntegrationContracts,
  ...distributionIntegrationContracts,
  ...transfusionIntegrationContracts,
];

const DIN = 'A999926000001';
const UNIT = `${DIN}-E0398V00`;
const CHILD = `${DIN}-E0398VA0`;
const cause = { type: 'DonationQualified', eventId: 'ev-qualified' };

/** One donation, vein to vein, as its owners store it: [stream, type, occurredAt, data], in log order. */
const JOURNEY: [string, string, string, object][] = [
  [
    `Donation-${DIN}`,
    'DonationCompleted',
    '2026-03-02T09:12:00.000Z',
    {
      din: DIN,
      donorId: 'donor-7',
      procedure: 'WHOLE_BLOOD',
      volumeMl: 450,
      startedAt: '2026-03-02T09:00:00.000Z',
      endedAt: '2026-03-02T09:12:00.000Z',
      siteId: 'BC-1',
      siteType: 'FIXED',
      bagLot: 'BAG-L1',
    },
  ],
  [
    `DonationTesting-${DIN}`,
    'MarkerResultRecorded',
    '2026-03-03T07:30:00.000Z',
    {
      din: DIN,
      resultId: 'r-1',
      marker: 'HIV',
      method: 'CLIA',
      reagent: { manufacturer: 'ACME', lot: 'RG-42' },
      instrument: 'ANALYSER-3',
      interpretation: 'NON_REACTIVE',
      testRole: 'INITIAL',
      testedAt: '2026-03-03T07:30:00.000Z',
    },
  ],
  [
    `DonationTesting-${DIN}`,
    'DonationQualified',
    '2026-03-03T10:00:00.000Z',
    {
      din: DIN,
      donorId: 'donor-7',
      bloodGroup: { abo: 'O', rhd: 'POS' },
      qualifiedAt: '2026-03-03T10:00:00.000Z',
      testedAt: '2026-03-03T07:30:00.000Z',
    },
  ],
  [
    `Unit-${UNIT}`,
    'UnitPrepared',
    '2026-03-02T14:00:00.000Z',
    {
      unitId: UNIT,
      din: DIN,
      donorId: 'donor-7',
      productCode: 'E0398V00',
      descriptionCode: 'E0398',
      productType: 'SUSPENDED_RED_CELLS',
      volumeMl: 280,
      preparedAt: '2026-03-02T14:00:00.000Z',
      expiresAt: '2026-04-06T14:00:00.000Z',
      siteId: 'BC-1',
      parentUnitIds: [],
      sourceDins: [DIN],
      method: 'CENTRIFUGATION',
      equipmentId: 'CENTRIFUGE-1',
      status: 'Quarantined',
    },
  ],
  [
    `Unit-${UNIT}`,
    'UnitReleased',
    '2026-03-03T10:00:00.000Z',
    { unitId: UNIT, releasedAt: '2026-03-03T10:00:00.000Z', cause },
  ],
  [
    `Unit-${CHILD}`,
    'UnitPrepared',
    '2026-03-04T08:00:00.000Z',
    {
      unitId: CHILD,
      din: DIN,
      donorId: 'donor-7',
      productCode: 'E0398VA0',
      descriptionCode: 'E0398',
      productType: 'SUSPENDED_RED_CELLS',
      volumeMl: 140,
      preparedAt: '2026-03-04T08:00:00.000Z',
      expiresAt: '2026-04-06T14:00:00.000Z',
      siteId: 'BC-1',
      parentUnitIds: [UNIT],
      sourceDins: [DIN],
      method: 'DIVISION',
      equipmentId: 'SCD-2',
      status: 'Released',
    },
  ],
  [
    'Shipment-S-1',
    'ShipmentDispatched',
    '2026-03-05T06:00:00.000Z',
    {
      shipmentId: 'S-1',
      type: 'HOSPITAL_ISSUE',
      fromSiteId: 'BC-1',
      toSiteId: 'H-1',
      carrier: 'VAN-1',
      coolerId: 'C-1',
      temperatureC: 4,
      unitIds: [UNIT],
      dispatchedAt: '2026-03-05T06:00:00.000Z',
    },
  ],
  [
    `Unit-${UNIT}`,
    'UnitShipped',
    '2026-03-05T06:00:00.000Z',
    { unitId: UNIT, shipmentId: 'S-1', fromSiteId: 'BC-1', toSiteId: 'H-1', at: '2026-03-05T06:00:00.000Z' },
  ],
  [
    'Shipment-S-1',
    'ShipmentReceived',
    '2026-03-05T08:00:00.000Z',
    {
      shipmentId: 'S-1',
      type: 'HOSPITAL_ISSUE',
      fromSiteId: 'BC-1',
      toSiteId: 'H-1',
      condition: 'ACCEPTABLE',
      temperatureC: 5,
      units: [{ unitId: UNIT, accepted: true }],
      receivedAt: '2026-03-05T08:00:00.000Z',
    },
  ],
  [
    `Unit-${UNIT}`,
    'UnitCustodyTransferred',
    '2026-03-05T08:00:00.000Z',
    {
      unitId: UNIT,
      shipmentId: 'S-1',
      fromSiteId: 'BC-1',
      toSiteId: 'H-1',
      custodianType: 'HOSPITAL',
      via: 'RECEIVED',
      at: '2026-03-05T08:00:00.000Z',
    },
  ],
  [
    'TransfusionRequest-R-1',
    'UnitTransfused',
    '2026-03-06T12:30:00.000Z',
    {
      requestId: 'R-1',
      patientId: 'patient-9',
      hospitalSiteId: 'H-1',
      unitId: UNIT,
      din: DIN,
      productCode: 'E0398V00',
      startedAt: '2026-03-06T11:00:00.000Z',
      endedAt: '2026-03-06T12:30:00.000Z',
      volumeMl: 280,
    },
  ],
  [
    `Unit-${UNIT}`,
    'UnitTransfusionRecorded',
    '2026-03-06T12:30:00.000Z',
    {
      unitId: UNIT,
      requestId: 'R-1',
      hospitalSiteId: 'H-1',
      transfusedAt: '2026-03-06T12:30:00.000Z',
      cause: { type: 'UnitTransfused', eventId: 'ev-10' },
    },
  ],
  [
    `DonationTesting-${DIN}`,
    'DonorConfirmedPositive',
    '2026-03-20T09:00:00.000Z',
    { din: DIN, donorId: 'donor-7', marker: 'HBV', confirmedAt: '2026-03-20T09:00:00.000Z' },
  ],
];

const versions = new Map<string, number>();
/* Recorded a day after it happened, in log order: fixed ids and times, so two deliveries compare. */
const RECORDED: RecordedEvent[] = JOURNEY.map(([streamId, type, occurredAt, data], i) => {
  const streamVersion = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, streamVersion);
  return {
    eventId: `ev-${String(i + 1).padStart(2, '0')}`,
    type,
    schemaVersion: 1,
    streamId,
    streamVersion,
    globalPosition: i + 1,
    occurredAt,
    recordedAt: new Date(Date.parse('2026-03-10T00:00:00.000Z') + i * 60_000).toISOString(),
    actor: {
      userId: 'u-1',
      role: 'admin',
      siteId: streamId.startsWith('TransfusionRequest') ? 'H-1' : 'BC-1',
    },
    correlationId: 'corr-1',
    causationId: null,
    commandId: `cmd-${i}`,
    data,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
});

const registry = new ContractRegistry();
for (const contract of CONTRACTS) registry.registerContract(contract);

/** What the consumer group receives: the owners' contracts, nothing else (a test double of the store's unit of work). */
const contracts = (events: RecordedEvent[]): IntegrationEvent[] =>
  events.flatMap((recorded) => {
    const routing = registry.route(recorded);
    return routing.publish ? [routing.event] : [];
  });

class Documents implements DocumentWriter {
  readonly docs = new Map<string, Map<string, object>>();
  async get<T>(collection: string, id: string): Promise<T | null> {
    return (this.docs.get(collection)?.get(id) as T | undefined) ?? null;
  }
  put<T extends object>(collection: string, id: string, doc: T): void {
    const docs = this.docs.get(collection) ?? new Map<string, object>();
    docs.set(id, structuredClone(doc));
    this.docs.set(collection, docs);
  }
  delete(collection: string, id: string): void {
    this.docs.get(collection)?.delete(id);
  }
  async find<T>(): Promise<T[]> {
    throw new Error('the lineage graph fold reads documents by id only');
  }
  async count(): Promise<number> {
    throw new Error('the lineage graph fold reads documents by id only');
  }
  sorted(collection: string): object[] {
    return [...(this.docs.get(collection)?.entries() ?? [])]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, d]) => d);
  }
}

const fold = async (delivered: IntegrationEvent[]): Promise<Documents> => {
  const projection = new LineageGraphProjection();
  const documents = new Documents();
  for (const event of delivered) await projection.handle(event, documents);
  return documents;
};

const everything = (documents: Documents) =>
  Object.fromEntries([LINEAGE.nodes, LINEAGE.edges, LINEAGE.attributes].map((c) => [c, documents.sorted(c)]));

const given = ContractProjectionSpecification.for(new LineageGraphProjection(), CONTRACTS);
const stored = (...indexes: number[]) =>
  indexes.map((i) => {
    const [streamId, type, occurredAt, data] = JOURNEY[i]!;
    return { streamId, type, occurredAt, data };
  });

describe("the lineage graph, fed by the owners' published contracts", () => {
  it("describes a donation from collection's and the laboratory's contracts, at business time", () =>
    given(stored(0, 1, 2, 12)).then(async (documents) => {
      expect(await documents.get<GraphNode>(LINEAGE.nodes, `donation:${DIN}`)).toMatchObject({
        donorId: 'donor-7',
        siteId: 'BC-1',
        at: '2026-03-02T09:12:00.000Z',
        bagLot: 'BAG-L1',
        groupDonation: false,
        outcome: 'QUALIFIED',
        concludedAt: '2026-03-03T10:00:00.000Z',
        testedAt: '2026-03-03T07:30:00.000Z',
        confirmedPositive: [{ marker: 'HBV', at: '2026-03-20T09:00:00.000Z', eventId: expect.any(String) }],
      });
      expect(await documents.get<LineageEdge>(LINEAGE.edges, `donor:donor-7>donation:${DIN}`)).toMatchObject({
        kind: 'DONATED',
        at: '2026-03-02T09:12:00.000Z',
      });
      const uses = await documents.find<AttributeUse>(LINEAGE.attributes);
      expect(uses.map((u) => [u.attr, u.value, u.nodeId, u.at, u.siteId]).sort()).toEqual([
        ['BAG_LOT', 'BAG-L1', `donation:${DIN}`, '2026-03-02T09:12:00.000Z', 'BC-1'],
        ['EQUIPMENT', 'ANALYSER-3', `donation:${DIN}`, '2026-03-03T07:30:00.000Z', 'BC-1'],
        ['REAGENT_LOT', 'RG-42', `donation:${DIN}`, '2026-03-03T07:30:00.000Z', 'BC-1'],
      ]);
    }));

  it("follows a unit's state from components alone, and the hospital's transfusion as an edge to the patient", () =>
    given(stored(0, 3, 4, 6, 7, 8, 9, 10, 11)).then(async (documents) => {
      expect(await documents.get<GraphNode>(LINEAGE.nodes, `unit:${UNIT}`)).toMatchObject({
        status: 'Transfused',
        custodianSiteId: 'H-1',
        custodianType: 'HOSPITAL',
        inTransitShipmentId: null,
        allocatedToRequestId: null,
        returned: false,
        at: '2026-03-02T14:00:00.000Z',
      });
      expect(await documents.get<GraphNode>(LINEAGE.nodes, 'shipment:S-1')).toMatchObject({
        shipmentType: 'HOSPITAL_ISSUE',
        siteId: 'BC-1',
        at: '2026-03-05T06:00:00.000Z',
      });
      const edges = await documents.find<LineageEdge>(LINEAGE.edges);
      expect(edges.map((e) => [e.id, e.kind, e.at]).sort()).toEqual([
        [`donation:${DIN}>unit:${UNIT}`, 'PREPARED', '2026-03-02T14:00:00.000Z'],
        [`donor:donor-7>donation:${DIN}`, 'DONATED', '2026-03-02T09:12:00.000Z'],
        ['shipment:S-1>site:H-1', 'CONSIGNED', '2026-03-05T06:00:00.000Z'],
        [`unit:${UNIT}>patient:patient-9`, 'TRANSFUSED', '2026-03-06T12:30:00.000Z'],
        [`unit:${UNIT}>shipment:S-1`, 'SHIPPED', '2026-03-05T06:00:00.000Z'],
      ]);
      expect(edges.find((e) => e.kind === 'TRANSFUSED')).toMatchObject({
        hospitalSiteId: 'H-1',
        startedAt: '2026-03-06T11:00:00.000Z',
        endedAt: '2026-03-06T12:30:00.000Z',
      });
    }));

  it('folds the same documents whichever context it hears from first (topics are not ordered between them)', async () => {
    const inLogOrder = contracts(RECORDED);
    const contextOrder = ['transfusion', 'distribution', 'components', 'laboratory', 'collection'];
    /* Each topic in its own order, the topics one after the other, the last context first. */
    const topicByTopic = contextOrder.flatMap((context) =>
      inLogOrder.filter((e) => e.source === `hemotrace/${context}`),
    );
    expect(topicByTopic.map((e) => e.id)).not.toEqual(inLogOrder.map((e) => e.id));
    expect(topicByTopic).toHaveLength(JOURNEY.length);

    const first = await fold(inLogOrder);
    const second = await fold(topicByTopic);
    expect(everything(second)).toEqual(everything(first));
    /* The unit was first heard of from the hospital, and still dates from its preparation's record. */
    expect(await second.get<GraphNode>(LINEAGE.nodes, `unit:${UNIT}`)).toMatchObject({
      recordedAt: RECORDED[3]!.recordedAt,
      status: 'Transfused',
    });
    expect(await second.get<LineageEdge>(LINEAGE.edges, `unit:${UNIT}>unit:${CHILD}`)).toMatchObject({
      kind: 'DIVISION',
    });
  });

  it('adds nothing when a contract comes again (a delivery retried before its offset was committed)', async () => {
    const once = await fold(contracts(RECORDED));
    const twice = await fold(contracts(RECORDED).flatMap((event) => [event, event]));
    expect(everything(twice)).toEqual(everything(once));
    expect((await twice.get<GraphNode>(LINEAGE.nodes, `donation:${DIN}`))?.confirmedPositive).toHaveLength(1);
  });
});
