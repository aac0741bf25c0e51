import type { LineageNode } from './lineage.model';
import { joinNode, lifecycleOf } from './lineage.model';

const unit = (fields: Partial<LineageNode>): LineageNode => ({
  id: 'unit:A999926900001-E0398V00',
  kind: 'unit',
  key: 'A999926900001-E0398V00',
  streams: [],
  recordedAt: '2026-09-01T05:00:00.000Z',
  status: 'Released',
  custodianType: 'BLOOD_CENTER',
  ...fields,
});

describe("a unit's lifecycle read from the lineage", () => {
  it('is in stock when released at its blood center, and quarantined while on hold there', () => {
    expect(lifecycleOf(unit({}))).toBe('InStock');
    expect(lifecycleOf(unit({ status: 'Quarantined' }))).toBe('Quarantined');
  });

  it('is in transit from its shipping until its receipt, whatever hold it is under', () => {
    expect(lifecycleOf(unit({ inTransitShipmentId: 'S-1', status: 'Quarantined' }))).toBe('InTransit');
    expect(lifecycleOf(unit({ inTransitShipmentId: null, custodianType: 'HOSPITAL' }))).toBe('AtHospital');
  });

  it('is allocated at a hospital while a request holds it, and returned once back at its center', () => {
    expect(lifecycleOf(unit({ custodianType: 'HOSPITAL', allocatedToRequestId: 'REQ-1' }))).toBe('Allocated');
    expect(lifecycleOf(unit({ returned: true }))).toBe('Returned');
  });

  it.each(['Transfused', 'Wasted', 'Discarded', 'Expired', 'Consumed'])(
    'stays %s for good, wherever it was',
    (status) => {
      expect(lifecycleOf(unit({ status, inTransitShipmentId: 'S-1', custodianType: 'HOSPITAL' }))).toBe(
        status,
      );
    },
  );
});

describe("a lineage node as queries see it: the graph's facts joined with the stream index", () => {
  const facts = {
    id: 'unit:U-1',
    kind: 'unit' as const,
    key: 'U-1',
    recordedAt: '2026-03-10T00:05:00.000Z',
    status: 'Released',
  };
  const streams = { id: 'unit:U-1', streams: ['Unit-U-1'], recordedAt: '2026-03-10T00:03:00.000Z' };

  it('has the facts, the streams and the earlier recording time, in the fields order of one document', () => {
    const node = joinNode(facts, streams)!;
    expect(node).toEqual({ ...facts, streams: ['Unit-U-1'], recordedAt: '2026-03-10T00:03:00.000Z' });
    expect(Object.keys(node)).toEqual(['id', 'kind', 'key', 'streams', 'recordedAt', 'status']);
  });

  it('is known from its streams alone (no contract described it) or from its facts alone (no stream indexed yet)', () => {
    expect(joinNode(null, streams)).toEqual({
      id: 'unit:U-1',
      kind: 'unit',
      key: 'U-1',
      streams: ['Unit-U-1'],
      recordedAt: '2026-03-10T00:03:00.000Z',
    });
    expect(joinNode(facts, null)).toEqual({ ...facts, streams: [] });
    expect(joinNode(null, null)).toBeNull();
  });
});
