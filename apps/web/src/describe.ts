import type { TraceEvent } from './types';

type Data = Record<string, unknown>;

const s = (value: unknown): string => (value === undefined || value === null ? '?' : String(value));

export const group = (value: unknown): string => {
  if (!value || typeof value !== 'object') return s(value);
  const g = value as { abo?: string; rhd?: string };
  return `${s(g.abo)} RhD ${g.rhd === 'POS' ? 'positive' : g.rhd === 'NEG' ? 'negative' : s(g.rhd)}`;
};

const reagent = (value: unknown): string => {
  if (!value || typeof value !== 'object') return '';
  const r = value as { manufacturer?: string; lot?: string };
  return ` with ${s(r.manufacturer)} reagent lot ${s(r.lot)}`;
};

export const humanize = (type: string): string =>
  type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/** One sentence per fact, in the words of the people who recorded it. */
export const sentence = (event: TraceEvent): string => {
  const d: Data = event.data ?? {};
  switch (event.type) {
    case 'DonorRegistered':
      return `Donor ${s(d.donorId)} registered at ${s(d.siteId)}.`;
    case 'DonorFoundEligible':
      return `Donor ${s(d.donorId)} found eligible for ${s(d.procedure).toLowerCase().replace('_', ' ')} donation.`;
    case 'DonorDeferred':
      return `Donor ${s(d.donorId)} deferred${d.reason ? `: ${s(d.reason)}` : ''}.`;
    case 'DonationStarted':
      return `Donation ${s(d.din)} started at ${s(d.siteId)} (${s(d.siteType)}), bag lot ${s(d.bagLot)}, by ${s(d.operatorId)}.`;
    case 'DonationCompleted':
      return `Donation ${s(d.din)} completed: ${s(d.volumeMl)} mL collected.`;
    case 'SampleReceived':
      return `Samples of ${s(d.din)} received by the laboratory.`;
    case 'BloodGroupDetermined':
      return `Blood group of ${s(d.din)} determined: ${group(d.bloodGroup ?? d)}.`;
    case 'MarkerResultRecorded':
      return `${s(d.marker)} tested by ${s(d.method)}${reagent(d.reagent)} on ${s(d.instrument)}: ${s(d.interpretation).toLowerCase().replace('_', '-')}.`;
    case 'ConfirmatoryResultRecorded':
      return `Confirmatory ${s(d.marker)} result for ${s(d.din)}: ${s(d.interpretation ?? d.result)}.`;
    case 'DonationQualified':
      return `Donation ${s(d.din)} qualified: every mandatory test non-reactive, group ${group(d.bloodGroup)}.`;
    case 'DonationRejected':
      return `Donation ${s(d.din)} rejected${Array.isArray(d.reactive) ? `: reactive ${d.reactive.join(', ')}` : ''}.`;
    case 'DonorConfirmedPositive':
      return `Donor ${s(d.donorId)} confirmed positive for ${s(d.marker)}.`;
    case 'UnitPrepared':
      return `Unit ${s(d.unitId)} prepared (${s(d.productType).toLowerCase().replace(/_/g, ' ')}, ${s(d.volumeMl)} mL, group ${group(d.bloodGroup)}), expires ${s(d.expiresAt)}.`;
    case 'UnitStored':
      return `Unit ${s(d.unitId)} stored in ${s(d.equipmentId)} at ${s(d.siteId)}.`;
    case 'UnitQualified':
      return `Unit ${s(d.unitId)} qualified (group ${group(d.bloodGroup)}).`;
    case 'UnitReleased':
      return `Unit ${s(d.unitId)} released for use.`;
    case 'UnitQuarantined':
      return `Unit ${s(d.unitId)} quarantined${d.reason ? `: ${s(d.reason)}` : ''}.`;
    case 'UnitDiscarded':
      return `Unit ${s(d.unitId)} discarded: ${s(d.reason)}.`;
    case 'UnitExpired':
      return `Unit ${s(d.unitId)} expired.`;
    case 'ShipmentCreated':
      return `Shipment ${s(d.shipmentId)} created from ${s(d.fromSiteId)} to ${s(d.toSiteId)} (${s(d.type).toLowerCase().replace(/_/g, ' ')}).`;
    case 'UnitPacked':
      return `Unit ${s(d.unitId)} packed into shipment ${s(d.shipmentId)}.`;
    case 'ShipmentDispatched':
      return `Shipment ${s(d.shipmentId)} dispatched by ${s(d.carrier)} in ${s(d.coolerId)} at ${s(d.temperatureC)} °C.`;
    case 'UnitShipped':
      return `Unit ${s(d.unitId)} left ${s(d.fromSiteId)} for ${s(d.toSiteId)}.`;
    case 'ShipmentReceived':
      return `Shipment ${s(d.shipmentId)} received at ${s(d.toSiteId)}: ${s(d.condition).toLowerCase()}, ${s(d.temperatureC)} °C.`;
    case 'UnitCustodyTransferred':
      return `Custody of ${s(d.unitId)} passed from ${s(d.fromSiteId)} to ${s(d.toSiteId)}.`;
    case 'CrossmatchPerformed':
      return `Crossmatch (${s(d.method).toLowerCase()}) of ${s(d.unitId)} for patient ${s(d.patientId)}: ${s(d.result).toLowerCase()}.`;
    case 'UnitIssuedToWard':
      return `Unit ${s(d.unitId)} issued to ${s(d.ward)} for patient ${s(d.patientId)}.`;
    case 'BedsideCheckPassed':
      return `Bedside check passed: patient ${s(d.patientId)} matches unit ${s(d.unitId)}.`;
    case 'UnitTransfused':
      return `Unit ${s(d.unitId)} transfused to patient ${s(d.patientId)} (${s(d.volumeMl)} mL).`;
    default:
      return `${humanize(event.type)}.`;
  }
};

const LATE_MS = 24 * 3_600_000;

/** Recorded more than a day after it happened: the auditor asks why. */
export const isLate = (event: TraceEvent): boolean =>
  Date.parse(event.recordedAt) - Date.parse(event.occurredAt) > LATE_MS;

/** A correction is a new event that supersedes an earlier record; the earlier record stays. */
export const isCorrection = (event: TraceEvent): boolean =>
  /Correct|Amend|Revok|Revers|Withdr/.test(event.type);

const UNIT_STATE: Record<string, string> = {
  UnitPrepared: 'Prepared, in quarantine until testing clears',
  UnitQualified: 'Qualified',
  UnitReleased: 'Released',
  UnitQuarantined: 'Quarantined',
  UnitPacked: 'Packed for shipment',
  UnitShipped: 'In transit',
  UnitCustodyTransferred: 'Received by consignee',
  CrossmatchPerformed: 'Crossmatched',
  UnitIssuedToWard: 'Issued to ward',
  UnitTransfused: 'Transfused',
  UnitDiscarded: 'Discarded',
  UnitExpired: 'Expired',
  UnitReturned: 'Returned',
};

/** The unit's state as the events known at that instant tell it. */
export const unitStateAt = (events: TraceEvent[], unitId: string): string => {
  let state = 'Not yet known';
  for (const e of [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) {
    if (e.data?.unitId !== unitId && !(Array.isArray(e.data?.unitIds) && e.data.unitIds.includes(unitId)))
      continue;
    state = UNIT_STATE[e.type] ?? state;
  }
  return state;
};

export const when = (iso: string | null | undefined): string =>
  iso
    ? iso
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, ' UTC')
        .replace(/Z$/, ' UTC')
    : '';
