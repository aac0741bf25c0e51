import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { reactionContext } from '../reaction-context';
import type { ContractMapping } from './contract-registry';
import { ContractRegistry } from './contract-registry';

const recorded = (streamId: string, type: string, data: unknown, schemaVersion = 1): RecordedEvent => ({
  eventId: '0190a1b2-0000-7000-8000-000000000001',
  type,
  schemaVersion,
  streamId,
  streamVersion: 3,
  globalPosition: 42,
  occurredAt: '2025-03-01T08:00:00.000Z',
  recordedAt: '2025-03-01T08:00:01.000Z',
  actor: { userId: 'u-lab', role: 'laboratory', siteId: 'BC-1' },
  correlationId: 'corr-1',
  causationId: 'cause-1',
  commandId: 'cmd-1',
  data,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

const qualified = { din: 'G123425000001', donorId: 'd-1', bloodGroup: { abo: 'O', rhd: 'POS' } };

/** An explicit mapper, as the contexts write them: the stored fields plus the recording site. */
const qualifiedV1: ContractMapping = {
  context: 'laboratory',
  storedType: 'DonationQualified',
  contractType: 'DonationQualified',
  version: 1,
  toContract: (r) => {
    const d = r.data as typeof qualified;
    return { din: d.din, donorId: d.donorId, bloodGroup: d.bloodGroup, recordedAtSite: r.actor.siteId };
  },
};

/** Relay-mechanics tests publish whatever is stored; an application never does. */
const raw = () => new ContractRegistry({ publishUnregistered: true });

describe('mapping stored events to integration events', () => {
  it('keeps a stored event without a registered contract inside its context', () => {
    expect(
      new ContractRegistry().route(recorded('DonationTesting-G123425000001', 'DonationQualified', qualified)),
    ).toEqual({ publish: false, reason: 'unregistered', category: 'DonationTesting' });
  });

  it('publishes through a registered contract only what its mapper says', () => {
    const registry = new ContractRegistry();
    registry.registerContract(qualifiedV1);
    const routing = registry.route(
      recorded('DonationTesting-G123425000001', 'DonationQualified', { ...qualified, internal: 'x' }),
    );
    expect(routing.publish && routing.event.data).toEqual({ ...qualified, recordedAtSite: 'BC-1' });
  });

  it('in relay-test mode, publishes an unmapped stored type as <context>.<StoredType>.v1 with the data as stored', () => {
    const routing = raw().route(recorded('DonationTesting-G123425000001', 'DonationQualified', qualified));
    expect(routing).toEqual({
      publish: true,
      context: 'laboratory',
      event: {
        id: '0190a1b2-0000-7000-8000-000000000001',
        type: 'laboratory.DonationQualified.v1',
        source: 'hemotrace/laboratory',
        subject: 'DonationTesting-G123425000001',
        time: '2025-03-01T08:00:00.000Z',
        recordedAt: '2025-03-01T08:00:01.000Z',
        streamVersion: 3,
        correlationId: 'corr-1',
        causationId: 'cause-1',
        data: qualified,
      },
    });
  });

  it('in relay-test mode, follows the stored schema version for an unmapped type', () => {
    const routing = raw().route(recorded('Unit-X', 'UnitReleased', {}, 2));
    expect(routing.publish && routing.event.type).toBe('components.UnitReleased.v2');
  });

  it('uses a registered contract: its name, its version and its data', () => {
    const registry = new ContractRegistry();
    registry.registerContract({
      context: 'laboratory',
      storedType: 'DonationQualified',
      contractType: 'DonationReleasedForProcessing',
      version: 2,
      toContract: (e) => ({ din: (e.data as typeof qualified).din }),
    });
    const routing = registry.route(recorded('DonationTesting-G1', 'DonationQualified', qualified));
    expect(routing.publish && routing.event.type).toBe('laboratory.DonationReleasedForProcessing.v2');
    expect(routing.publish && routing.event.data).toEqual({ din: 'G123425000001' });
    expect(registry.registeredTypes()).toEqual(['laboratory.DonationReleasedForProcessing.v2']);
  });

  it('keeps an event in the process when its contract maps it to null', () => {
    const registry = new ContractRegistry();
    registry.registerContract({
      context: 'laboratory',
      storedType: 'MarkerResultRecorded',
      contractType: 'MarkerResultRecorded',
      version: 1,
      toContract: () => null,
    });
    expect(registry.route(recorded('DonationTesting-G1', 'MarkerResultRecorded', {}))).toEqual({
      publish: false,
      reason: 'withheld',
      category: 'DonationTesting',
    });
  });

  it.each([
    'DonorIdentity-d-1',
    'PatientIdentity-p-1',
    'StaffIdentity-s-1',
    'DonorDocument-9f86d081884c7d65',
  ])('never publishes the identity stream %s, even with a contract registered', (streamId) => {
    const registry = new ContractRegistry();
    registry.registerContract({
      context: 'donors',
      storedType: 'DonorIdentityRecorded',
      contractType: 'DonorIdentityRecorded',
      version: 1,
      toContract: (e) => e.data,
    });
    const routing = registry.route(recorded(streamId, 'DonorIdentityRecorded', { name: 'Li Wei' }));
    expect(routing).toMatchObject({ publish: false, reason: 'personal-data' });
  });

  it.each([
    ['Donor-d-1', 'donors'],
    ['Donation-G123425000001', 'collection'],
    ['DonationTesting-G123425000001', 'laboratory'],
    ['Unit-G123425000001-E0398', 'components'],
    ['Equipment-BC-1.FRIDGE-2', 'components'],
    ['Shipment-s-1', 'distribution'],
    ['Patient-p-1', 'transfusion'],
    ['TransfusionRequest-r-1', 'transfusion'],
    ['Investigation-i-1', 'traceability'],
  ])('routes %s to the %s context', (streamId, context) => {
    expect(new ContractRegistry().contextOfStream(streamId)).toBe(context);
  });

  it('withholds a stream whose category no context claims, until a context registers it', () => {
    const registry = raw();
    expect(registry.route(recorded('ReagentLot-L1', 'ReagentLotRecalled', {}))).toEqual({
      publish: false,
      reason: 'unroutable',
      category: 'ReagentLot',
    });
    registry.registerStreamCategory('ReagentLot', 'laboratory');
    const routing = registry.route(recorded('ReagentLot-L1', 'ReagentLotRecalled', {}));
    expect(routing.publish && routing.event.type).toBe('laboratory.ReagentLotRecalled.v1');
  });

  it('refuses a category claimed by another context, a second contract for one stored type, and bad names', () => {
    const registry = new ContractRegistry();
    expect(() => registry.registerStreamCategory('Unit', 'distribution')).toThrow(/belongs to components/);
    const mapping = {
      context: 'laboratory' as const,
      storedType: 'DonationQualified',
      contractType: 'DonationQualified',
      version: 1,
      toContract: () => ({}),
    };
    registry.registerContract(mapping);
    expect(() => registry.registerContract(mapping)).toThrow(/already registered/);
    expect(() =>
      registry.registerContract({ ...mapping, storedType: 'X', contractType: 'bad name' }),
    ).toThrow(/PascalCase/);
    expect(() => registry.registerContract({ ...mapping, storedType: 'Y', version: 0 })).toThrow(/positive/);
  });

  it('hands subscribers a copy: mutating the integration event leaves the stored data alone', () => {
    const event = recorded('DonationTesting-G1', 'DonationQualified', structuredClone(qualified));
    const routing = raw().route(event);
    if (routing.publish) (routing.event.data as typeof qualified).din = 'changed';
    expect((event.data as typeof qualified).din).toBe('G123425000001');
  });

  it('copies nested objects and arrays too, and a parsed "__proto__" key stays a field', () => {
    const json = '{"din":"G1","bloodGroup":{"abo":"O"},"markers":[{"marker":"HIV"}],"__proto__":{"x":1}}';
    const stored = JSON.parse(json) as { bloodGroup: { abo: string }; markers: { marker: string }[] };
    const event = recorded('DonationTesting-G1', 'DonationQualified', stored);
    const routing = raw().route(event);
    if (!routing.publish) throw new Error('expected the event to be published');
    const data = routing.event.data as typeof stored;
    data.bloodGroup.abo = 'A';
    data.markers[0].marker = 'HCV';
    data.markers.push({ marker: 'HBV' });
    expect(JSON.stringify(stored)).toBe(json);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['din', 'bloodGroup', 'markers', '__proto__']);
  });

  it('copies a value that is not plain JSON as structuredClone does', () => {
    const at = new Date('2025-03-01T08:00:00.000Z');
    const event = recorded('DonationTesting-G1', 'DonationQualified', { din: 'G1', at });
    const routing = raw().route(event);
    if (!routing.publish) throw new Error('expected the event to be published');
    const copied = (routing.event.data as { at: Date }).at;
    /* structuredClone makes its Date in Node's realm, not in jest's: compare the tag, not the class. */
    expect(Object.prototype.toString.call(copied)).toBe('[object Date]');
    expect(copied).not.toBe(at);
    expect(copied.getTime()).toBe(at.getTime());
  });
});

describe('explicit contracts, with the recording site', () => {
  it('adds the site that recorded the fact, under a .v1 contract', () => {
    const registry = new ContractRegistry();
    registry.registerContract(qualifiedV1);
    const routing = registry.route(recorded('DonationTesting-G1', 'DonationQualified', qualified));
    expect(routing.publish && routing.event.type).toBe('laboratory.DonationQualified.v1');
    expect(routing.publish && routing.event.data).toEqual({ ...qualified, recordedAtSite: 'BC-1' });
  });

  it('never publishes a system stream such as a reaction failure', () => {
    expect(raw().route(recorded('ReactionFailure-x.y', 'ReactionFailed', {}))).toEqual({
      publish: false,
      reason: 'system',
      category: 'ReactionFailure',
    });
  });

  it('tells an in-process subscriber which stored types to read, registered contract or not', () => {
    const registry = new ContractRegistry();
    registry.registerContract({
      context: 'laboratory',
      storedType: 'DonationQualified',
      contractType: 'DonationReleasedForProcessing',
      version: 2,
      toContract: (e) => e.data,
    });
    expect(
      registry.storedTypesOf([
        'laboratory.DonationReleasedForProcessing.v2',
        'collection.DonationCompleted.v1',
      ]),
    ).toEqual(['DonationQualified', 'DonationCompleted']);
  });

  it('refuses a contract that contradicts what a subscriber was already told', () => {
    const registry = new ContractRegistry();
    registry.storedTypesOf(['laboratory.DonationCleared.v1']);
    expect(() =>
      registry.registerContract({
        context: 'laboratory',
        storedType: 'DonationQualified',
        contractType: 'DonationCleared',
        version: 1,
        toContract: (e) => e.data,
      }),
    ).toThrow(/register contracts first/);
  });

  it('derives a reaction context a redelivery cannot append twice', () => {
    const registry = new ContractRegistry();
    registry.registerContract(qualifiedV1);
    const routing = registry.route(recorded('DonationTesting-G1', 'DonationQualified', qualified));
    if (!routing.publish) throw new Error('expected a published event');
    expect(reactionContext('components.x', routing.event, '2025-03-02T00:00:00.000Z', 'step')).toEqual({
      actor: systemActor('BC-1'),
      correlationId: 'corr-1',
      causationId: routing.event.id,
      commandId: `components.x:${routing.event.id}:step`,
      now: '2025-03-02T00:00:00.000Z',
    });
  });
});
