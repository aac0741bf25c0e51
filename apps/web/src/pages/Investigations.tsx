import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../api';
import { api, download, explain, post } from '../api';
import { DataTable } from '../components/DataTable';
import { when } from '../describe';
import { Link } from '../router';
import type { Consignee, Investigation, InvestigationResults } from '../types';

const INVESTIGATORS = ['laboratory', 'distribution', 'admin'];
const CHANNELS = ['PHONE', 'EMAIL', 'LETTER', 'IN_PERSON', 'SYSTEM'];
const OUTCOMES = ['NOTIFIED', 'NOT_TRANSFUSED', 'DECEASED', 'UNREACHABLE'];

const isOverdue = (c: Consignee, now: string) => c.notifiedAt === null && c.dueBy < now;

const flat = (value: Record<string, unknown> | null): string =>
  value
    ? Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(' · ')
    : '—';

export const InvestigationList = ({ session }: { session: Session }) => {
  const [rows, setRows] = useState<Investigation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Investigation[]>('/investigations')
      .then(setRows)
      .catch((e) => setError(explain(e)));
  }, []);
  const now = new Date().toISOString();
  const sorted = [...(rows ?? [])].sort(
    (a, b) =>
      Number(b.status === 'Open' && (b.nextDueBy ?? '9') < now) -
        Number(a.status === 'Open' && (a.nextDueBy ?? '9') < now) || b.openedAt.localeCompare(a.openedAt),
  );
  return (
    <section>
      <h1>Investigations</h1>
      <p>
        Lookbacks, tracebacks and recalls
        {session.role === 'hospital' ? ` that name ${session.siteId} as a consignee` : ''}; overdue ones
        first.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows && (
        <DataTable
          caption={`${rows.length} investigation(s)`}
          csvName="investigations"
          rows={sorted}
          rowClass={(r) => (r.status === 'Open' && r.nextDueBy && r.nextDueBy < now ? 'bad-row' : undefined)}
          columns={[
            {
              title: 'Investigation',
              text: (r) => r.id,
              render: (r) => <Link to={`/investigations/${encodeURIComponent(r.id)}`}>{r.id}</Link>,
            },
            { title: 'Kind', text: (r) => r.kind },
            { title: 'Status', text: (r) => r.status },
            { title: 'Opened', text: (r) => when(r.openedAt) },
            { title: 'Subject', text: (r) => r.donorId ?? r.patientId ?? flat(r.criteria) },
            { title: 'Units', text: (r) => String(r.units.length) },
            { title: 'Next notification due', text: (r) => when(r.nextDueBy) },
          ]}
        />
      )}
    </section>
  );
};

export const InvestigationDetail = ({ id, session }: { id: string; session: Session }) => {
  const [view, setView] = useState<Investigation | null>(null);
  const [results, setResults] = useState<InvestigationResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [channel, setChannel] = useState('PHONE');
  const [conclusion, setConclusion] = useState('');
  const path = `/investigations/${encodeURIComponent(id)}`;

  const load = useCallback(
    () =>
      Promise.all([api<Investigation>(path), api<InvestigationResults>(`${path}/results`)])
        .then(([investigation, reached]) => {
          setView(investigation);
          setResults(reached);
        })
        .catch((e) => setError(explain(e))),
    [path],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (label: string, endpoint: string, body: unknown) => {
    setMessage(null);
    setError(null);
    try {
      await post(`${path}/${endpoint}`, body);
      setMessage(`${label} recorded.`);
      await load();
    } catch (e) {
      setError(explain(e));
    }
  };

  if (!view)
    return (
      <section>
        <h1>Investigation {id}</h1>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : (
          <p>Loading…</p>
        )}
      </section>
    );

  const now = new Date().toISOString();
  const investigator = INVESTIGATORS.includes(session.role);
  const hospital = session.role === 'hospital';
  /* A hospital sees and answers for its own site only. */
  const consignees = view.consignees
    .filter((c) => !hospital || c.siteId === session.siteId)
    .sort((a, b) => Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || a.dueBy.localeCompare(b.dueBy));
  const mayAcknowledge = (c: Consignee) => investigator || (hospital && c.siteId === session.siteId);
  const quarantined = new Set(view.quarantineRequested);
  const visibleUnits = hospital ? consignees.flatMap((c) => c.unitIds) : view.units;
  const recipients = view.recipientNotifications.filter((r) => !hospital || r.siteId === session.siteId);

  return (
    <article>
      <div className="page-head">
        <h1>
          {view.kind === 'LOOKBACK' ? 'Lookback' : view.kind === 'TRACEBACK' ? 'Traceback' : 'Recall'}{' '}
          {view.id}
        </h1>
        <div className="actions no-print">
          <button
            type="button"
            onClick={() =>
              void download(`${path}/report.pdf`, 'investigation-report.pdf').catch((e) =>
                setError(explain(e)),
              )
            }
          >
            PDF report
          </button>
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      {message && (
        <p role="status" className="ok-message">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-labelledby="scope">
        <h2 id="scope">Scope and window</h2>
        <dl className="fields wide">
          <div>
            <dt>Status</dt>
            <dd data-testid="status">
              {view.status === 'Closed' ? `Closed ${when(view.closedAt)}` : 'Open'}
            </dd>
          </div>
          <div>
            <dt>Opened</dt>
            <dd>{when(view.openedAt)}</dd>
          </div>
          {view.donorId && !hospital && (
            <div>
              <dt>Donor</dt>
              <dd>
                <Link to={`/donors/${encodeURIComponent(view.donorId)}`}>{view.donorId}</Link>
              </dd>
            </div>
          )}
          {view.patientId && (
            <div>
              <dt>Patient</dt>
              <dd>{view.patientId}</dd>
            </div>
          )}
          <div>
            <dt>Trigger</dt>
            <dd>{flat(view.trigger)}</dd>
          </div>
          <div>
            <dt>Criteria</dt>
            <dd>{flat(view.criteria)}</dd>
          </div>
          <div>
            <dt>Window</dt>
            <dd>{flat(view.window)}</dd>
          </div>
          {!hospital && (
            <div>
              <dt>Donations</dt>
              <dd>
                {view.donations.map((d) => (
                  <span key={d}>
                    <Link to={`/donations/${d}`}>{d}</Link>{' '}
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
      </section>

      {results && <Results results={results} hospital={hospital} />}

      <DataTable
        caption="Units in scope when opened"
        csvName={`units-${view.id}`}
        rows={visibleUnits}
        columns={[
          {
            title: 'Unit',
            text: (u) => u,
            render: (u) => (hospital ? u : <Link to={`/units/${encodeURIComponent(u)}`}>{u}</Link>),
          },
          { title: 'Quarantine requested', text: (u) => (quarantined.has(u) ? 'yes' : 'no') },
        ]}
      />

      <section aria-labelledby="consignees">
        <h2 id="consignees">Consignees, overdue first</h2>
        {investigator && (
          <p className="no-print">
            <label htmlFor="channel">Notification channel </label>
            <select id="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
              {CHANNELS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </p>
        )}
        <DataTable
          caption={`${consignees.length} consignee(s)`}
          csvName={`consignees-${view.id}`}
          rows={consignees}
          rowClass={(c) => (isOverdue(c, now) ? 'bad-row' : undefined)}
          columns={[
            { title: 'Consignee', text: (c) => c.siteId },
            { title: 'Units', text: (c) => c.unitIds.join(' ') },
            {
              title: 'Notify by',
              text: (c) => `${when(c.dueBy)}${isOverdue(c, now) ? ' OVERDUE' : ''}`,
            },
            {
              title: 'Notified',
              text: (c) => (c.notifiedAt ? `${when(c.notifiedAt)} (${c.channel})` : 'not yet'),
              render: (c) =>
                c.notifiedAt ? (
                  `${when(c.notifiedAt)} (${c.channel})`
                ) : investigator && view.status === 'Open' ? (
                  <button
                    type="button"
                    onClick={() =>
                      void act(`Notification of ${c.siteId}`, 'consignee-notifications', {
                        siteId: c.siteId,
                        channel,
                      })
                    }
                  >
                    Record notification of {c.siteId}
                  </button>
                ) : (
                  'not yet'
                ),
            },
            {
              title: 'Acknowledged',
              text: (c) => (c.acknowledgedAt ? when(c.acknowledgedAt) : 'not yet'),
              render: (c) =>
                c.acknowledgedAt ? (
                  when(c.acknowledgedAt)
                ) : c.notifiedAt && mayAcknowledge(c) && view.status === 'Open' ? (
                  <button
                    type="button"
                    onClick={() =>
                      void act(`Acknowledgement by ${c.siteId}`, 'consignee-acknowledgements', {
                        siteId: c.siteId,
                      })
                    }
                  >
                    Record acknowledgement by {c.siteId}
                  </button>
                ) : (
                  'not yet'
                ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="recipients">
        <h2 id="recipients">Recipients</h2>
        <DataTable
          caption="Recipient notifications"
          csvName={`recipients-${view.id}`}
          rows={recipients}
          columns={[
            { title: 'Consignee', text: (r) => r.siteId },
            { title: 'Unit', text: (r) => r.unitId },
            { title: 'Outcome', text: (r) => r.outcome },
            { title: 'Recorded', text: (r) => when(r.recordedAt) },
          ]}
        />
        {(investigator || hospital) && view.status === 'Open' && consignees.some((c) => c.acknowledgedAt) && (
          <RecipientForm
            consignees={consignees.filter((c) => c.acknowledgedAt)}
            onRecord={(body) => void act('Recipient notification', 'recipient-notifications', body)}
          />
        )}
      </section>

      <section aria-labelledby="closure">
        <h2 id="closure">Closure</h2>
        {view.status === 'Closed' ? (
          <p>{view.conclusion}</p>
        ) : session.role === 'laboratory' || session.role === 'admin' ? (
          <form
            className="no-print"
            onSubmit={(e) => {
              e.preventDefault();
              void act('Closure', 'closure', { conclusion });
            }}
          >
            <label htmlFor="conclusion">Conclusion</label>
            <textarea
              id="conclusion"
              value={conclusion}
              onChange={(e) => setConclusion(e.target.value)}
              rows={2}
            />
            <button type="submit">Close the investigation</button>
          </form>
        ) : (
          <p>Open. The laboratory closes it once every consignee has acknowledged.</p>
        )}
      </section>
    </article>
  );
};

/** Donations, every unit derived from them with its state now, where each went and who received it. */
const Results = ({ results, hospital }: { results: InvestigationResults; hospital: boolean }) => (
  <section aria-labelledby="results">
    <h2 id="results">Results now</h2>
    {!hospital && (
      <DataTable
        caption={`${results.donations.length} donation(s) reached`}
        csvName={`donations-${results.investigationId}`}
        rows={results.donations}
        columns={[
          {
            title: 'DIN',
            text: (d) => d.din,
            render: (d) => <Link to={`/donations/${d.din}`}>{d.din}</Link>,
          },
          { title: 'Donor (ref)', text: (d) => d.donorId ?? '' },
          { title: 'Collected', text: (d) => when(d.collectedAt) },
        ]}
      />
    )}
    <DataTable
      caption={`${results.units.length} unit(s) derived`}
      csvName={`derived-units-${results.investigationId}`}
      rows={results.units}
      columns={[
        {
          title: 'Unit',
          text: (u) => u.unitId,
          render: (u) =>
            hospital ? u.unitId : <Link to={`/units/${encodeURIComponent(u.unitId)}`}>{u.unitId}</Link>,
        },
        { title: 'Product', text: (u) => u.productType ?? '' },
        {
          title: 'From',
          text: (u) =>
            u.parentUnitIds.length ? `${u.method ?? ''} of ${u.parentUnitIds.join(' ')}` : (u.method ?? ''),
        },
        { title: 'State now', text: (u) => u.lifecycle },
        { title: 'Held by', text: (u) => u.custodianSiteId ?? '' },
        {
          title: 'Sent to',
          text: (u) => u.consignees.map((c) => `${c.siteId} ${when(c.dispatchedAt)}`).join('; '),
        },
      ]}
    />
    <DataTable
      caption={`${results.recipients.length} recipient(s) transfused`}
      csvName={`transfused-${results.investigationId}`}
      rows={results.recipients}
      columns={[
        { title: 'Hospital', text: (r) => r.hospitalSiteId ?? '' },
        { title: 'Patient', text: (r) => (r.redacted ? '(another hospital)' : (r.patientId ?? '')) },
        { title: 'Unit', text: (r) => r.unitId },
        { title: 'Started', text: (r) => when(r.startedAt) },
        { title: 'Ended', text: (r) => when(r.endedAt) },
      ]}
    />
  </section>
);

const RecipientForm = ({
  consignees,
  onRecord,
}: {
  consignees: Consignee[];
  onRecord: (body: { siteId: string; unitId: string; outcome: string }) => void;
}) => {
  const units = consignees.flatMap((c) => c.unitIds.map((u) => ({ siteId: c.siteId, unitId: u })));
  const [unit, setUnit] = useState(units[0]?.unitId ?? '');
  const [outcome, setOutcome] = useState('NOTIFIED');
  const siteId = units.find((u) => u.unitId === unit)?.siteId ?? '';
  return (
    <form
      className="inline-form no-print"
      onSubmit={(e) => {
        e.preventDefault();
        onRecord({ siteId, unitId: unit, outcome });
      }}
    >
      <label htmlFor="recipient-unit">Unit</label>
      <select id="recipient-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
        {units.map((u) => (
          <option key={u.unitId} value={u.unitId}>
            {u.unitId} ({u.siteId})
          </option>
        ))}
      </select>
      <label htmlFor="recipient-outcome">Outcome</label>
      <select id="recipient-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        {OUTCOMES.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <button type="submit">Record recipient outcome</button>
    </form>
  );
};
