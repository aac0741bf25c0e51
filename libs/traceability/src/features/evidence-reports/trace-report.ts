import type { Trace } from '../../read-models/trace/trace.model';
import type { DocumentControl } from './evidence-document';
import { EvidenceDocument } from './evidence-document';
import { humanizeType, summarizeData, utc } from './event-summary';

const LATE_ENTRY_MS = 24 * 3_600_000;

/** A vein-to-vein trace as a filed document: scope, integrity verdict, lineage, then every event. */
export const traceReport = async (trace: Trace, control: Omit<DocumentControl, 'title'>): Promise<Buffer> => {
  const doc = await EvidenceDocument.create({ ...control, title: 'Vein-to-vein trace report' });
  const { lineage, integrity } = trace;
  doc.heading('Scope');
  doc.keyValues([
    ['Subject', `${trace.subject.kind} ${trace.subject.id}`],
    ['Donors', lineage.donors.join(', ') || '(none)'],
    ['Donations', lineage.donations.join(', ') || '(none)'],
    ['Units', lineage.units.join(', ') || '(none)'],
    ['Shipments', lineage.shipments.join(', ') || '(none)'],
    ['Consignees', lineage.consignees.join(', ') || '(none)'],
    ['Patients', lineage.patients.join(', ') || '(none)'],
  ]);
  doc.heading('Integrity');
  doc.paragraph(
    integrity.ok
      ? `Verified: ${integrity.eventsChecked} events in ${integrity.streamsChecked} streams, every hash chain intact.`
      : `NOT VERIFIED: ${integrity.findings.length} finding(s) in ${integrity.streamsChecked} streams.`,
    integrity.ok ? 'black' : '#b00020',
  );
  if (integrity.findings.length > 0) {
    doc.table(
      [
        { title: 'Stream', width: 0.35 },
        { title: 'Problem', width: 0.25 },
        { title: 'Detail', width: 0.4 },
      ],
      integrity.findings.map((f) => [f.streamId, f.problem, JSON.stringify(f)]),
    );
  }
  doc.heading('Lineage');
  doc.table(
    [
      { title: 'From', width: 0.32 },
      { title: 'Link', width: 0.14 },
      { title: 'To', width: 0.32 },
      { title: 'Business time', width: 0.22 },
    ],
    lineage.edges.map((e) => [e.from, e.kind, e.to, utc(e.at)]),
  );
  doc.heading(`Events (${trace.events.length}), in business-time order`);
  const late = trace.events.filter(
    (e) => Date.parse(e.recordedAt) - Date.parse(e.occurredAt) > LATE_ENTRY_MS,
  ).length;
  doc.paragraph(
    `Business time is when it happened; record time is when the system learnt it. Entries recorded more than 24 h after the fact are marked LATE (${late} here).`,
  );
  const events = [...trace.events].sort(
    (a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.globalPosition - b.globalPosition,
  );
  doc.table(
    [
      { title: 'Business / record time (UTC)', width: 0.17 },
      { title: 'Event', width: 0.15 },
      { title: 'Details', width: 0.38 },
      { title: 'Who, where', width: 0.14 },
      { title: 'Stream v. / hash', width: 0.16 },
    ],
    events.map((e) => {
      const isLate = Date.parse(e.recordedAt) - Date.parse(e.occurredAt) > LATE_ENTRY_MS;
      return [
        `${utc(e.occurredAt)}\n${utc(e.recordedAt)}${isLate ? '\nLATE' : ''}`,
        humanizeType(e.type),
        summarizeData(e.data),
        `${e.who.userId} (${e.who.role})\n${e.where}`,
        `${e.streamId} v${e.streamVersion}\n${e.hash.slice(0, 16)}`,
      ];
    }),
  );
  return doc.finish();
};
