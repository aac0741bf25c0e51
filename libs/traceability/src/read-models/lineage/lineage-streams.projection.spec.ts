import { ProjectionSpecification } from '@hemotrace/event-sourcing/testing';
import { LineageStreamsProjection } from './lineage-streams.projection';
import type { NodeStreams, StreamHead } from './lineage.model';
import { LINEAGE } from './lineage.model';

const given = ProjectionSpecification.for(new LineageStreamsProjection());

const UNIT = 'A999926000001-E0398V00';

describe('the stream index of the log of record', () => {
  it('attaches a stream to the node its category names, else to the units and patient it mentions; never a personal-data stream', () =>
    given([
      { streamId: 'Donation-A999926000001', type: 'DonationCompleted', data: { din: 'A999926000001' } },
      { streamId: `Unit-${UNIT}`, type: 'UnitPrepared', data: { unitId: UNIT } },
      { streamId: `Unit-${UNIT}`, type: 'UnitReleased', data: { unitId: UNIT } },
      {
        streamId: 'TransfusionRequest-R-1',
        type: 'UnitTransfused',
        data: { unitId: UNIT, patientId: 'patient-9' },
      },
      { streamId: 'Shipment-S-1', type: 'ShipmentDispatched', data: { unitIds: [UNIT] } },
      { streamId: 'Pool-P-1', type: 'PoolAssembled', data: { unitIds: [UNIT, 7] } },
      { streamId: 'PatientIdentity-patient-9', type: 'PatientRegistered', data: { patientId: 'patient-9' } },
      { streamId: 'Investigation-LB-1', type: 'LookbackOpened', data: { unitIds: [UNIT] } },
    ]).then(async (documents) => {
      expect(await documents.get<NodeStreams>(LINEAGE.nodeStreams, `unit:${UNIT}`)).toMatchObject({
        streams: [`Unit-${UNIT}`, 'TransfusionRequest-R-1', 'Pool-P-1'],
      });
      expect(await documents.get<NodeStreams>(LINEAGE.nodeStreams, 'patient:patient-9')).toMatchObject({
        streams: ['TransfusionRequest-R-1'],
      });
      expect(await documents.get<NodeStreams>(LINEAGE.nodeStreams, 'shipment:S-1')).toMatchObject({
        streams: ['Shipment-S-1'],
      });
      expect(await documents.get<StreamHead>(LINEAGE.streams, `Unit-${UNIT}`)).toMatchObject({
        version: 2,
        nodes: [`unit:${UNIT}`],
      });
      expect(await documents.get(LINEAGE.streams, 'PatientIdentity-patient-9')).toBeNull();
      expect(await documents.get<StreamHead>(LINEAGE.streams, 'Investigation-LB-1')).toMatchObject({
        nodes: [],
      });
    }));
});
