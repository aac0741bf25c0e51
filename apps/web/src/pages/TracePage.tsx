import { useEffect, useMemo, useState } from 'react';
import type { Session } from '../api';
import { api, ApiError, download, explain, saveBlob } from '../api';
import { DataTable, toCsv } from '../components/DataTable';
import { LineageGraph } from '../components/LineageGraph';
import { Timeline } from '../components/Timeline';
import { sentence, unitStateAt, when } from '../describe';
import { Link } from '../router';
import type { EvidenceFinding, Investigation, LogVerdict, Trace, TraceEvent } from '../types';

type Kind = 'unit' | 'donation' | 'donor' | 'patient';

const EVENT_COLUMNS = [
  { title: 'Business time', text: (e: TraceEvent) => e.occurredAt },
  { title: 'Record time', text: (e: TraceEvent) => e.recordedAt },
  { title: 'Event', text: (e: TraceEvent) => e.type },
  { title: 'What happened', text: (e: TraceEvent) => sentence(e) },
  { title: 'Who', text: (e: TraceEvent) => `${e.who.userId} (${e.who.role})` },
  { title: 'Where', text: (e: TraceEvent) => e.where },
  { title: 'Stream', text: (e: TraceEvent) => `${e.streamId} v${e.streamVersion}` },
  { title: 'Caused by', text: (e: TraceEvent) => e.why.causationId ?? '' },
  { title: 'Data', text: (e: TraceEvent) => JSON.stringify(e.data) },
  { title: 'Hash', text: (e: TraceEvent) => e.hash },
];

const FINDING_COLUMNS = (events: readonly TraceEvent[]) => {
  const shown = new Set(events.map((e) => e.eventId));
  return [
    { title: 'Stream', text: (f: EvidenceFinding) => f.streamId ?? 'the whole log' },
    {
      title: 'Event',
      text: (f: EvidenceFinding) =>
        f.eventId ? `${f.eventId}${f.streamVersion ? ` (v${f.streamVersion})` : ''}` : '',
      render: (f: EvidenceFinding) =>
        f.eventId && shown.has(f.eventId) ? (
          <a href={`#event-${f.eventId}`}>
            {f.eventId}
            {f.streamVersion ? ` (v${f.streamVersion})` : ''}
          </a>
        ) : (
          `${f.eventId ?? ''}${f.streamVersion ? ` (v${f.streamVersion})` : ''}`
        ),
    },
    { title: 'Kind', text: (f: EvidenceFinding) => f.problem },
    { title: 'What is wrong', text: (f: EvidenceFinding) => f.message },
  ];
};

const abbreviate = (hash: string) => (hash.length > 12 ? `${hash.slice(0, 12)}…` : hash);

/** The latest signed checkpoint, as an auditor reads it: size, root, time and the key that signed it. */
const describeCheckpoint = (c: NonNullable<LogVerdict['checkpoint']>) =>
  `signed checkpoint of tree size ${c.treeSize}, root ${abbreviate(c.rootHash)}, signed ${when(c.time)} with key ${c.keyName} (id ${c.keyId})`;

/**
 * The whole log's verdict on demand (GET /integrity reads every event, so it is not run on each
 * page): every hash chain, the log against its Merkle tree, and both against the latest signed
 * checkpoint. Only quality auditors may ask; others are told so.
 */
const StoreIntegrity = ({ events }: { events: readonly TraceEvent[] }) => {
  const [verdict, setVerdict] = useState<LogVerdict | null>(null);
  const [state, setState] = useState<string | null>(null);
  return (
    <div className="no-print">
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setVerdict(null);
            setState('Verifying every hash chain, the log’s tree and its signed checkpoint…');
            api<LogVerdict>('/integrity')
              .then((v) => {
                setVerdict(v);
                setState(null);
              })
              .catch((e) =>
                setState(
                  e instanceof ApiError && e.status === 403
                    ? `The log’s verdict is for quality auditors: your role may not ask for it (${e.code}).`
                    : explain(e),
                ),
              );
          }}
        >
          Verify the whole store
        </button>{' '}
        <span role="status">
          {state ??
            (verdict &&
              (verdict.ok
                ? `Store verified: ${verdict.eventsChecked} events in ${verdict.streamsChecked} streams (${verdict.tookMs} ms).`
                : `Store NOT verified: ${verdict.findings.length} finding(s).`))}
        </span>
      </p>
      {verdict && (
        <>
          <p className={verdict.ok ? 'verdict ok' : 'verdict bad'} data-testid="checkpoint-verdict">
            {verdict.checkpoint
              ? verdict.ok
                ? `The log verifies against its latest ${describeCheckpoint(verdict.checkpoint)}; the tree now holds ${verdict.treeSize} events.`
                : `The log does NOT verify against its latest ${describeCheckpoint(verdict.checkpoint)}.`
              : verdict.ok
                ? `No signed checkpoint yet: every chain and the log’s tree (${verdict.treeSize} events) verify, with no signature to check them against.`
                : 'No valid signed checkpoint, and the log does NOT verify.'}
          </p>
          {verdict.findings.length > 0 && (
            <DataTable
              caption="What the log’s verification found"
              csvName="log-findings"
              rows={verdict.findings}
              rowClass={() => 'bad-row'}
              columns={FINDING_COLUMNS(events)}
            />
          )}
        </>
      )}
    </div>
  );
};

/** Damage is shown first: a stream of this view that the log's evidence says lost or changed an event. */
const Damage = ({ trace }: { trace: Trace }) => {
  const damage = trace.damage;
  if (!damage || damage.ok) return null;
  const streams = [...new Set(damage.findings.map((f) => f.streamId ?? 'the whole log'))];
  return (
    <div className="damage" data-testid="damage">
      <p className="verdict bad" role="alert">
        Damaged: the log’s evidence says {damage.findings.length} event(s) of {streams.join(', ')} were lost
        or changed. This view is not to be trusted as it stands.
      </p>
      <DataTable
        caption="Damage to this view’s streams"
        csvName={`damage-${trace.subject.id}`}
        rows={damage.findings}
        rowClass={() => 'bad-row'}
        columns={FINDING_COLUMNS(trace.events)}
      />
    </div>
  );
};

const Integrity = ({ trace }: { trace: Trace }) => {
  const { integrity } = trace;
  const rows = trace.streams.map((streamId) => ({
    streamId,
    events: trace.events.filter((e) => e.streamId === streamId).length,
    findings: integrity.findings.filter((f) => f.streamId === streamId),
    damage: (trace.damage?.findings ?? []).filter((f) => f.streamId === streamId),
  }));
  const damaged = trace.damage?.findings.length ?? 0;
  return (
    <section aria-labelledby="integrity">
      <h2 id="integrity">Integrity</h2>
      <Damage trace={trace} />
      <p className={integrity.ok ? 'verdict ok' : 'verdict bad'} data-testid="verdict">
        {integrity.ok
          ? `Verified: ${integrity.eventsChecked} events in ${integrity.streamsChecked} streams, every hash chain intact.`
          : `Not verified: ${integrity.findings.length + damaged} finding(s).`}
      </p>
      <StoreIntegrity events={trace.events} />
      <DataTable
        caption="Each stream"
        csvName={`streams-${trace.subject.id}`}
        rows={rows}
        rowClass={(r) => (r.findings.length || r.damage.length ? 'bad-row' : undefined)}
        columns={[
          { title: 'Stream', text: (r) => r.streamId },
          { title: 'Events', text: (r) => String(r.events) },
          {
            title: 'Chain',
            text: (r) => (r.findings.length ? r.findings.map((f) => f.problem).join(', ') : 'intact'),
          },
          {
            title: 'Log tree',
            text: (r) => (r.damage.length ? r.damage.map((f) => f.problem).join(', ') : 'consistent'),
          },
        ]}
      />
    </section>
  );
};

export const TracePage = ({ kind, id, session }: { kind: Kind; id: string; session: Session }) => {
  const [latest, setLatest] = useState<Trace | null>(null);
  const [view, setView] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState<number | null>(null);
  const [investigations, setInvestigations] = useState<Investigation[]>([]);
  const base = `/trace/${kind}s/${encodeURIComponent(id)}`;

  useEffect(() => {
    setLatest(null);
    setView(null);
    setIndex(null);
    setError(null);
    api<Trace>(base)
      .then((t) => {
        setLatest(t);
        setView(t);
      })
      .catch((e) => setError(explain(e)));
  }, [base]);

  const instants = useMemo(
    () => [...new Set((latest?.events ?? []).map((e) => e.recordedAt))].sort(),
    [latest],
  );

  useEffect(() => {
    if (!latest) return;
    const query = latest.lineage.donors.length
      ? latest.lineage.donors.slice(0, 5).map((d) => `donorId=${encodeURIComponent(d)}`)
      : latest.lineage.patients.slice(0, 5).map((p) => `patientId=${encodeURIComponent(p)}`);
    Promise.all(query.map((q) => api<Investigation[]>(`/investigations?${q}`).catch(() => [])))
      .then((lists) => setInvestigations(lists.flat()))
      .catch(() => setInvestigations([]));
  }, [latest]);

  /* A finding's proving event links here as #event-{id}: show it once the timeline is drawn. */
  useEffect(() => {
    if (latest && window.location.hash.startsWith('#event-'))
      document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [latest]);

  const replayTo = (i: number) => {
    setIndex(i);
    if (i >= instants.length - 1) {
      setView(latest);
      return;
    }
    api<Trace>(`${base}?asOf=${encodeURIComponent(instants[i])}`)
      .then(setView)
      .catch((e) => setError(explain(e)));
  };

  if (error) {
    return (
      <section>
        <h1>
          {kind} {id}
        </h1>
        <p role="alert" className="error">
          {error}
        </p>
      </section>
    );
  }
  if (!latest || !view) return <p>Loading the trace of {id}…</p>;
  const position = index ?? instants.length - 1;
  const asOf = view.asOf;
  const subjectId = latest.subject.id;
  return (
    <article>
      <div className="page-head">
        <h1>
          {kind === 'unit'
            ? 'Unit'
            : kind === 'donation'
              ? 'Donation'
              : kind === 'donor'
                ? 'Donor'
                : 'Patient'}{' '}
          {subjectId}
        </h1>
        <div className="actions no-print">
          {kind === 'unit' && (
            <>
              <button
                type="button"
                onClick={() =>
                  void download(
                    `/trace/units/${encodeURIComponent(subjectId)}/report.pdf${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
                    'trace-report.pdf',
                  ).catch((e) => setError(explain(e)))
                }
              >
                PDF report
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  void download(
                    `/trace/units/${encodeURIComponent(subjectId)}/export${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
                    'trace-export.json',
                  ).catch((e) => setError(explain(e)))
                }
              >
                Signed export
              </button>
            </>
          )}
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              saveBlob(
                new Blob([toCsv(EVENT_COLUMNS, view.events)], { type: 'text/csv' }),
                `events-${subjectId}.csv`,
              )
            }
          >
            Events CSV
          </button>
        </div>
      </div>

      <section className="replay no-print" aria-labelledby="replay">
        <h2 id="replay">Replay</h2>
        <label htmlFor="replay-slider">
          As known on <strong data-testid="as-of">{asOf ? when(asOf) : 'now (everything recorded)'}</strong>
        </label>
        <div className="replay-row">
          <button
            type="button"
            className="secondary"
            disabled={position <= 0}
            onClick={() => replayTo(position - 1)}
          >
            Previous step
          </button>
          <input
            id="replay-slider"
            type="range"
            min={0}
            max={Math.max(0, instants.length - 1)}
            value={position}
            onChange={(e) => replayTo(Number(e.target.value))}
          />
          <button
            type="button"
            className="secondary"
            disabled={position >= instants.length - 1}
            onClick={() => replayTo(position + 1)}
          >
            Next step
          </button>
        </div>
        <p>
          Step {position + 1} of {instants.length}: {view.events.length} of {latest.events.length} events
          known.
          {kind === 'unit' && (
            <>
              {' '}
              State then: <strong data-testid="unit-state">{unitStateAt(view.events, subjectId)}</strong>.
            </>
          )}
        </p>
      </section>
      <p className="print-only">As known on {asOf ? when(asOf) : 'the day it was printed'}.</p>

      <div className="two-col">
        <Integrity trace={view} />
        <section aria-labelledby="lineage">
          <h2 id="lineage">Lineage</h2>
          <LineageGraph nodes={view.lineage.nodes} edges={view.lineage.edges} focus={subjectId} />
        </section>
      </div>

      {session.role !== 'hospital' && (
        <section aria-labelledby="investigations">
          <h2 id="investigations">Investigations concerning this history</h2>
          {investigations.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul>
              {investigations.map((inv) => (
                <li key={inv.id}>
                  <Link to={`/investigations/${encodeURIComponent(inv.id)}`}>
                    {inv.kind.toLowerCase()} {inv.id}
                  </Link>{' '}
                  ({inv.status.toLowerCase()}, opened {when(inv.openedAt)})
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="timeline">
        <h2 id="timeline">Vein-to-vein timeline</h2>
        <Timeline events={view.events} />
      </section>
    </article>
  );
};
