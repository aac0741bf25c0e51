import type { InvestigationResults } from '../../read-models/investigations/investigation-results.model';
import type { InvestigationView } from '../../read-models/investigations/investigations.projection';
import type { DocumentControl } from './evidence-document';
import { EvidenceDocument } from './evidence-document';
import { utc } from './event-summary';

const TITLES: Record<InvestigationView['kind'], string> = {
  LOOKBACK: 'Lookback investigation report',
  TRACEBACK: 'Traceback investigation report',
  RECALL: 'Recall report',
};

const flat = (value: Record<string, unknown> | null): string =>
  value
    ? Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join('; ')
    : '(none)';

/** A lookback, traceback or recall as a filed document: trigger, scope, every consignee and recipient, closure. */
export const investigationReport = async (
  view: InvestigationView,
  results: InvestigationResults,
  now: string,
  control: Omit<DocumentControl, 'title'>,
): Promise<Buffer> => {
  const doc = await EvidenceDocument.create({ ...control, title: TITLES[view.kind] });
  doc.heading('Investigation');
  doc.keyValues([
    ['Investigation', view.id],
    ['Kind', view.kind],
    ['Status', view.status === 'Closed' ? `Closed ${view.closedAt ?? ''}` : 'Open'],
    ['Opened', view.openedAt],
    ['Donor', view.donorId ?? '(none)'],
    ['Patient', view.patientId ?? '(none)'],
    ['Trigger', flat(view.trigger)],
    ['Criteria', flat(view.criteria as unknown as Record<string, unknown> | null)],
    ['Decision', view.decision ? `${view.decision.reason} (by ${view.decision.decidedBy})` : '(none)'],
    ['Window', flat(view.window)],
  ]);
  doc.heading(`Donations in scope (${view.donations.length})`);
  doc.paragraph(view.donations.join(', ') || '(none)');
  reached(doc, results);
  doc.heading(`Units in scope when opened (${view.units.length})`);
  const quarantined = new Set(view.quarantineRequested);
  doc.table(
    [
      { title: 'Unit', width: 0.5 },
      { title: 'Quarantine requested', width: 0.5 },
    ],
    view.units.map((u) => [u, quarantined.has(u) ? 'yes' : 'no']),
  );
  doc.heading(`Consignees (${view.consignees.length}), overdue first`);
  const consignees = [...view.consignees].sort(
    (a, b) => Number(overdue(b, now)) - Number(overdue(a, now)) || a.dueBy.localeCompare(b.dueBy),
  );
  doc.table(
    [
      { title: 'Consignee', width: 0.14 },
      { title: 'Units', width: 0.3 },
      { title: 'Notify by (UTC)', width: 0.17 },
      { title: 'Notified', width: 0.2 },
      { title: 'Acknowledged', width: 0.19 },
    ],
    consignees.map((c) => [
      `${c.siteId}${overdue(c, now) ? '\nOVERDUE' : ''}`,
      c.unitIds.join(', '),
      utc(c.dueBy),
      c.notifiedAt ? `${utc(c.notifiedAt)} (${c.channel ?? ''})` : 'not yet',
      c.acknowledgedAt ? utc(c.acknowledgedAt) : 'not yet',
    ]),
  );
  doc.heading(`Recipient notifications (${view.recipientNotifications.length})`);
  doc.table(
    [
      { title: 'Consignee', width: 0.18 },
      { title: 'Unit', width: 0.37 },
      { title: 'Outcome', width: 0.2 },
      { title: 'Recorded', width: 0.25 },
    ],
    view.recipientNotifications.map((r) => [r.siteId, r.unitId, r.outcome, utc(r.recordedAt)]),
  );
  doc.heading('Closure');
  doc.paragraph(view.conclusion ?? 'Not closed.');
  return doc.finish();
};

/** What the investigation reaches now: donations, every derived unit and the recipients transfused. */
const reached = (doc: EvidenceDocument, results: InvestigationResults): void => {
  doc.heading(`Donations reached (${results.donations.length})`);
  doc.table(
    [
      { title: 'DIN', width: 0.3 },
      { title: 'Donor (ref)', width: 0.3 },
      { title: 'Collected (UTC)', width: 0.4 },
    ],
    results.donations.map((d) => [d.din, d.donorId ?? '', d.collectedAt ? utc(d.collectedAt) : '']),
  );
  doc.heading(`Units derived (${results.units.length}), state now`);
  doc.table(
    [
      { title: 'Unit', width: 0.3 },
      { title: 'From', width: 0.22 },
      { title: 'State', width: 0.14 },
      { title: 'Sent to', width: 0.34 },
    ],
    results.units.map((u) => [
      u.unitId,
      u.parentUnitIds.length ? `${u.method ?? ''} of ${u.parentUnitIds.join(', ')}` : (u.method ?? ''),
      u.lifecycle,
      u.consignees.map((c) => `${c.siteId} ${utc(c.dispatchedAt)}`).join('\n'),
    ]),
  );
  doc.heading(`Recipients transfused (${results.recipients.length})`);
  doc.table(
    [
      { title: 'Hospital', width: 0.16 },
      { title: 'Patient', width: 0.2 },
      { title: 'Unit', width: 0.3 },
      { title: 'Transfused (UTC)', width: 0.34 },
    ],
    results.recipients.map((r) => [
      r.hospitalSiteId ?? '',
      r.redacted ? '(another hospital)' : (r.patientId ?? ''),
      r.unitId,
      `${utc(r.startedAt)}${r.endedAt ? ` - ${utc(r.endedAt)}` : ''}`,
    ]),
  );
};

const overdue = (c: InvestigationView['consignees'][number], now: string): boolean =>
  c.notifiedAt === null && c.dueBy < now;
