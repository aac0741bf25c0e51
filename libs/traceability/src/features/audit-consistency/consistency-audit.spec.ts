import type { AuditedEvent, ConsistencyRule } from './consistency-audit';
import { auditConsistency } from './consistency-audit';

const UNIT = 'G123425000001-E0398V00';

/** A history in log order; each event gets its position and an id from it. */
const history = (
  ...events: [streamId: string, type: string, data: Record<string, unknown>][]
): AuditedEvent[] =>
  events.map(([streamId, type, data], i) => ({
    eventId: `e${i + 1}`,
    globalPosition: i + 1,
    streamId,
    type,
    data: { unitId: UNIT, ...data },
  }));

const unit = (type: string, data: Record<string, unknown> = {}) =>
  [`Unit-${UNIT}`, type, data] as [string, string, Record<string, unknown>];
const hospital = (type: string, data: Record<string, unknown> = {}) =>
  ['TransfusionRequest-REQ-1', type, { requestId: 'REQ-1', hospitalSiteId: 'HOSP-1', ...data }] as [
    string,
    string,
    Record<string, unknown>,
  ];

const prepared = unit('UnitPrepared', { siteId: 'BC-1' });
const shipped = (shipmentId = 'S-1', fromSiteId = 'BC-1', toSiteId = 'HOSP-1') =>
  unit('UnitShipped', { shipmentId, fromSiteId, toSiteId });
const received = (shipmentId = 'S-1', fromSiteId = 'BC-1', toSiteId = 'HOSP-1') =>
  unit('UnitCustodyTransferred', { shipmentId, fromSiteId, toSiteId, via: 'RECEIVED' });
const transfused = hospital('UnitTransfused');
const transfusionRecorded = unit('UnitTransfusionRecorded', { requestId: 'REQ-1', hospitalSiteId: 'HOSP-1' });

const rules = (events: AuditedEvent[]): ConsistencyRule[] => auditConsistency(events).map((f) => f.rule);

describe('the consistency audit', () => {
  it('finds nothing in a true history: issued, received, transfused, recorded on the unit once', () => {
    expect(
      auditConsistency(
        history(
          prepared,
          unit('UnitStored', { siteId: 'BC-1' }),
          shipped(),
          received(),
          transfused,
          transfusionRecorded,
        ),
      ),
    ).toEqual([]);
  });

  it('finds a custody reaction replayed with another command id (two UnitShipped, two receipts)', () => {
    const findings = auditConsistency(history(prepared, shipped(), received(), shipped(), received()));
    expect(findings.filter((f) => f.rule === 'DUPLICATED_FACT').map((f) => f.eventIds)).toEqual([
      ['e2', 'e4'],
      ['e3', 'e5'],
    ]);
  });

  it('finds a unit expired twice', () => {
    expect(rules(history(prepared, unit('UnitExpired'), unit('UnitExpired')))).toContain('DUPLICATED_FACT');
  });

  it('finds a transfused unit later expired, and names both events', () => {
    const findings = auditConsistency(
      history(prepared, shipped(), received(), transfused, unit('UnitExpired')),
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'CHANGE_AFTER_TERMINAL', unitId: UNIT, eventIds: ['e4', 'e5'] }),
    ]);
  });

  it('finds a discarded unit released or shipped again', () => {
    expect(rules(history(prepared, unit('UnitDiscarded'), unit('UnitReleased')))).toEqual([
      'CHANGE_AFTER_TERMINAL',
    ]);
    expect(rules(history(prepared, unit('UnitDiscarded'), shipped()))).toEqual(['CHANGE_AFTER_TERMINAL']);
  });

  it('lets an expired unit on the road arrive (custody completes)', () => {
    expect(rules(history(prepared, shipped(), unit('UnitExpired'), received()))).toEqual([]);
  });

  it('finds a unit shipped again while still on the road', () => {
    const findings = auditConsistency(history(prepared, shipped('S-1'), shipped('S-2')));
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'TWO_PLACES_AT_ONCE', eventIds: ['e2', 'e3'] }),
    ]);
  });

  it('finds a unit shipped by a site that does not hold it, or received from a shipment it was not in', () => {
    expect(rules(history(prepared, shipped('S-1', 'BC-2')))).toEqual(['TWO_PLACES_AT_ONCE']);
    expect(rules(history(prepared, received('S-9')))).toEqual(['TWO_PLACES_AT_ONCE']);
  });

  it('finds a unit transfused at a hospital that never received it', () => {
    expect(
      rules(
        history(prepared, shipped('S-1', 'BC-1', 'HOSP-2'), received('S-1', 'BC-1', 'HOSP-2'), transfused),
      ),
    ).toEqual(['TWO_PLACES_AT_ONCE']);
  });

  it('counts a receipt distribution recorded before the unit stream caught up', () => {
    const events = history(prepared, shipped());
    events.push({
      eventId: 'r',
      globalPosition: 3,
      streamId: 'Shipment-S-1',
      type: 'ShipmentReceived',
      data: { shipmentId: 'S-1', toSiteId: 'HOSP-1', units: [{ unitId: UNIT, accepted: true }] },
    });
    events.push({ ...history(transfused)[0], eventId: 't', globalPosition: 4 });
    expect(rules(events)).toEqual([]);
  });
});
