import { useEffect, useState } from 'react';
import { api, explain } from '../api';
import { DataTable } from '../components/DataTable';
import { when } from '../describe';
import { Link } from '../router';
import type { Finding } from '../types';

interface Report {
  total: number;
  byRule: Record<string, number>;
  findings: Finding[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export const Findings = () => {
  const [from, setFrom] = useState(day(new Date(Date.now() - 3 * 365 * 86_400_000)));
  const [to, setTo] = useState(day(new Date(Date.now() + 86_400_000)));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    api<Report>(`/audit/findings?from=${from}T00:00:00Z&to=${to}T00:00:00Z`)
      .then(setReport)
      .catch((e) => setError(explain(e)));
  };
  useEffect(load, []);
  return (
    <section>
      <h1>Conformance findings</h1>
      <p>Each finding names the rule it breaks and the events that prove it.</p>
      <form
        className="inline-form no-print"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label htmlFor="from">From</label>
        <input id="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="to">To</label>
        <input id="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit">Show</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && (
        <>
          <DataTable
            caption={`Findings by rule (${report.total} in all)`}
            csvName="findings-by-rule"
            rows={Object.entries(report.byRule)}
            columns={[
              { title: 'Rule', text: ([rule]) => rule },
              { title: 'Findings', text: ([, n]) => String(n) },
            ]}
          />
          <DataTable
            caption="Findings"
            csvName="findings"
            rows={report.findings}
            columns={[
              { title: 'Rule', text: (f) => f.rule },
              { title: 'What', text: (f) => f.description },
              {
                title: 'Unit',
                text: (f) => f.unitId,
                render: (f) => <Link to={`/units/${encodeURIComponent(f.unitId)}`}>{f.unitId}</Link>,
              },
              { title: 'Site', text: (f) => f.siteId },
              { title: 'When', text: (f) => when(f.at) },
              {
                title: 'Proving events',
                text: (f) => f.eventIds.join(' '),
                render: (f) =>
                  f.eventIds.map((id) => (
                    <span key={id}>
                      <a href={`/ui/units/${encodeURIComponent(f.unitId)}#event-${id}`} className="mono">
                        {id.slice(0, 13)}…
                      </a>{' '}
                    </span>
                  )),
              },
            ]}
          />
        </>
      )}
    </section>
  );
};
