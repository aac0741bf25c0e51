import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { NodeKind, NodeStreams, StreamHead } from './lineage.model';
import { isPersonalDataStream, LINEAGE, nodeId } from './lineage.model';

/** Streams named after the entity they hold; other streams are attached by the unit or patient they mention. */
const STREAM_CATEGORIES: Record<string, NodeKind> = {
  Donor: 'donor',
  Donation: 'donation',
  DonationTesting: 'donation',
  Unit: 'unit',
  Shipment: 'shipment',
  Patient: 'patient',
};

/** Traceability's own streams are not part of the entities' histories. */
const NOT_ATTACHED = new Set(['Investigation']);

/** What an event of another stream family may mention: the units and patient it is about. */
interface EntitiesMentioned {
  unitId?: unknown;
  unitIds?: unknown;
  patientId?: unknown;
}

const referencedNodes = (event: RecordedEvent): string[] => {
  const dash = event.streamId.indexOf('-');
  const category = dash > 0 ? event.streamId.slice(0, dash) : event.streamId;
  const kind = STREAM_CATEGORIES[category];
  if (kind) return [nodeId(kind, event.streamId.slice(dash + 1))];
  if (NOT_ATTACHED.has(category)) return [];
  const data = (event.data ?? {}) as EntitiesMentioned;
  const ids: string[] = [];
  if (typeof data.unitId === 'string') ids.push(nodeId('unit', data.unitId));
  if (Array.isArray(data.unitIds))
    ids.push(...data.unitIds.filter((u) => typeof u === 'string').map((u) => nodeId('unit', u)));
  if (typeof data.patientId === 'string') ids.push(nodeId('patient', data.patientId));
  return ids;
};

export const LINEAGE_STREAMS_PROJECTION = 'traceability.lineage-streams.v3';

/**
 * Traceability's index of the log of record: the head of every non-personal stream (a trace that
 * reads fewer events has lost some) and, for each node, the streams that hold its history. Like the
 * Merkle tree it follows the log itself, because a trace reads and verifies the stored streams; it
 * knows streams by their category and the unit and patient ids an event mentions, never another
 * context's event types. The graph's facts come from contracts (LineageGraphProjection).
 */
export class LineageStreamsProjection implements Projection {
  readonly name = LINEAGE_STREAMS_PROJECTION;
  readonly collections = [LINEAGE.streams, LINEAGE.nodeStreams];

  async apply(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    if (isPersonalDataStream(event.streamId)) return;
    const head = await tx.get<StreamHead>(LINEAGE.streams, event.streamId);
    const known = head?.nodes ?? [];
    const added = referencedNodes(event).filter((id) => !known.includes(id));
    for (const id of added) {
      const node = (await tx.get<NodeStreams>(LINEAGE.nodeStreams, id)) ?? {
        id,
        streams: [],
        recordedAt: event.recordedAt,
      };
      if (!node.streams.includes(event.streamId)) {
        tx.put<NodeStreams>(LINEAGE.nodeStreams, id, { ...node, streams: [...node.streams, event.streamId] });
      }
    }
    tx.put<StreamHead>(LINEAGE.streams, event.streamId, {
      id: event.streamId,
      version: event.streamVersion,
      hash: event.hash,
      recordedAt: event.recordedAt,
      nodes: [...known, ...added],
    });
  }
}
