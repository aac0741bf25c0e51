import { Inject, Injectable } from '@nestjs/common';
import { DONOR_PERSONAL_DATA_ERASED } from '@hemotrace/donors/contracts';
import { PATIENT_PERSONAL_DATA_ERASED } from '@hemotrace/transfusion/contracts';
import type { EventStore, ReadModelStore, RecordedEvent } from '@hemotrace/event-sourcing';
import { EVENT_STORE, getMany, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { InvalidInput, NotFoundError, parseDin, parseUnitId } from '@hemotrace/kernel';
import type { LateEntry } from '@hemotrace/kernel';
import type { Lineage } from '../lineage/lineage.graph';
import { LineageGraph } from '../lineage/lineage.graph';
import type { LineageNode, NodeKind, StreamHead } from '../lineage/lineage.model';
import { isPersonalDataStream, LINEAGE, nodeId } from '../lineage/lineage.model';
import { verifyTraceStreams } from './trace-integrity';
import type {
  ErasedIdentity,
  ExportedStream,
  Trace,
  TraceEvent,
  TraceExport,
  TraceSubject,
} from './trace.model';
import { TRACE_EXPORT_FORMAT } from './trace.model';

const ENTITY_ID = /^[A-Za-z0-9._:-]{1,150}$/;

export const parseAsOf = (asOf: string | undefined): string | null => {
  if (asOf === undefined || asOf === '') return null;
  if (Number.isNaN(Date.parse(asOf)))
    throw new InvalidInput('TRACE.INVALID_AS_OF', 'asOf must be an ISO 8601 instant', { asOf });
  return new Date(asOf).toISOString();
};

const entityId = (kind: string, value: string): string => {
  if (!ENTITY_ID.test(value))
    throw new InvalidInput('TRACE.INVALID_ID', `Not a valid ${kind} id`, { [kind]: value });
  return value;
};

const lateEntryOf = (data: unknown): LateEntry | undefined => {
  const late = (data as { lateEntry?: unknown } | null)?.lateEntry as Partial<LateEntry> | undefined;
  return late && typeof late.reason === 'string' && typeof late.delayMinutes === 'number'
    ? { reason: late.reason, delayMinutes: late.delayMinutes }
    : undefined;
};

const toTraceEvent = (e: RecordedEvent): TraceEvent => {
  const lateEntry = lateEntryOf(e.data);
  return {
    eventId: e.eventId,
    type: e.type,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    globalPosition: e.globalPosition,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    who: { userId: e.actor.userId, role: e.actor.role },
    where: e.actor.siteId,
    why: { causationId: e.causationId, correlationId: e.correlationId, commandId: e.commandId },
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
    ...(lateEntry ? { lateEntry } : {}),
  };
};

const erasedIdentitiesIn = (events: RecordedEvent[]): ErasedIdentity[] =>
  events.flatMap((e): ErasedIdentity[] => {
    const data = e.data as { donorId?: string; patientId?: string; erasedAt: string; legalBasis: string };
    if (e.type === DONOR_PERSONAL_DATA_ERASED && data.donorId)
      return [{ kind: 'donor', id: data.donorId, erasedAt: data.erasedAt, legalBasis: data.legalBasis }];
    if (e.type === PATIENT_PERSONAL_DATA_ERASED && data.patientId)
      return [{ kind: 'patient', id: data.patientId, erasedAt: data.erasedAt, legalBasis: data.legalBasis }];
    return [];
  });

const keysOf = (nodes: LineageNode[], kind: NodeKind): string[] =>
  nodes
    .filter((n) => n.kind === kind)
    .map((n) => n.key)
    .sort();

interface Gathered {
  subject: TraceSubject;
  asOf: string | null;
  lineage: Trace['lineage'];
  streams: ExportedStream[];
}

/**
 * Vein-to-vein traces: the lineage graph says which streams matter, then only those streams are
 * read (never the global log) and verified. `asOf` limits everything to what was recorded by then.
 */
@Injectable()
export class TraceQueries {
  private readonly graph: LineageGraph;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.graph = new LineageGraph(readModels);
  }

  get lineage(): LineageGraph {
    return this.graph;
  }

  async unit(unitIdInput: string, asOfInput?: string): Promise<Trace> {
    return this.toTrace(await this.gatherUnit(unitIdInput, parseAsOf(asOfInput)));
  }

  async donation(dinInput: string, asOfInput?: string): Promise<Trace> {
    const din = parseDin(dinInput).value;
    const asOf = parseAsOf(asOfInput);
    const start = await this.start('donation', din, asOf, 'TRACE.DONATION_NOT_FOUND');
    return this.toTrace(
      await this.gather({ kind: 'donation', id: din }, await this.graph.around(start, asOf), asOf),
    );
  }

  /** Forward from a donor: every donation, component, consignee and recipient. */
  async donor(donorIdInput: string, asOfInput?: string): Promise<Trace> {
    const donorId = entityId('donorId', donorIdInput);
    const asOf = parseAsOf(asOfInput);
    const start = await this.start('donor', donorId, asOf, 'TRACE.DONOR_NOT_FOUND');
    const lineage = await this.graph.walk([start], 'down', asOf);
    return this.toTrace(await this.gather({ kind: 'donor', id: donorId }, lineage, asOf));
  }

  /** Backward from a patient: every unit, donation and donor that reached them. */
  async patient(patientIdInput: string, asOfInput?: string): Promise<Trace> {
    const patientId = entityId('patientId', patientIdInput);
    const asOf = parseAsOf(asOfInput);
    const start = await this.start('patient', patientId, asOf, 'TRACE.PATIENT_NOT_FOUND');
    const lineage = await this.graph.walk([start], 'up', asOf);
    return this.toTrace(await this.gather({ kind: 'patient', id: patientId }, lineage, asOf));
  }

  async exportUnit(unitIdInput: string, exportedAt: string, asOfInput?: string): Promise<TraceExport> {
    const gathered = await this.gatherUnit(unitIdInput, parseAsOf(asOfInput));
    return {
      format: TRACE_EXPORT_FORMAT,
      formatVersion: 1,
      exportedAt,
      subject: gathered.subject,
      asOf: gathered.asOf,
      lineage: gathered.lineage,
      streams: gathered.streams,
      integrity: verifyTraceStreams(gathered.streams, gathered.asOf),
    };
  }

  private async gatherUnit(unitIdInput: string, asOf: string | null): Promise<Gathered> {
    const unitId = parseUnitId(unitIdInput).value;
    const start = await this.start('unit', unitId, asOf, 'TRACE.UNIT_NOT_FOUND');
    return this.gather({ kind: 'unit', id: unitId }, await this.graph.around(start, asOf), asOf);
  }

  private async start(kind: NodeKind, key: string, asOf: string | null, code: string): Promise<string> {
    const id = nodeId(kind, key);
    const node = await this.graph.node(id, asOf ?? undefined);
    if (!node || node.streams.length === 0) {
      throw new NotFoundError(code, `No ${kind} ${key} is known${asOf ? ` as of ${asOf}` : ''}`, {
        [kind]: key,
        asOf,
      });
    }
    return id;
  }

  private async gather(subject: TraceSubject, lineage: Lineage, asOf: string | null): Promise<Gathered> {
    const streamIds = [...new Set(lineage.nodes.flatMap((n) => n.streams))].filter(
      (s) => !isPersonalDataStream(s),
    );
    const recordedUpTo = asOf ?? undefined;
    /* The heads in one batch read; each stream from the log of record. */
    const [heads, logged] = await Promise.all([
      getMany<StreamHead>(this.readModels, LINEAGE.streams, streamIds),
      Promise.all(streamIds.map((streamId) => this.store.readStream(streamId, { recordedUpTo }))),
    ]);
    const streams = streamIds.map((streamId, i): ExportedStream => {
      const head = heads.get(streamId);
      return {
        streamId,
        head: head ? { version: head.version, hash: head.hash, recordedAt: head.recordedAt } : null,
        events: logged[i],
      };
    });
    const nodes = lineage.nodes;
    return {
      subject,
      asOf,
      lineage: {
        donors: keysOf(nodes, 'donor'),
        donations: keysOf(nodes, 'donation'),
        units: keysOf(nodes, 'unit'),
        shipments: keysOf(nodes, 'shipment'),
        consignees: keysOf(nodes, 'site'),
        patients: keysOf(nodes, 'patient'),
        nodes,
        edges: lineage.edges,
      },
      streams,
    };
  }

  private toTrace(gathered: Gathered): Trace {
    const recorded = gathered.streams
      .flatMap((s) => s.events)
      .sort((a, b) => a.globalPosition - b.globalPosition);
    const events = recorded.map(toTraceEvent);
    return {
      subject: gathered.subject,
      asOf: gathered.asOf,
      lineage: gathered.lineage,
      streams: gathered.streams.map((s) => s.streamId),
      events,
      integrity: verifyTraceStreams(gathered.streams, gathered.asOf),
      erasedIdentities: erasedIdentitiesIn(recorded),
    };
  }
}
