import { useEffect, useState } from 'react';
import { api, explain } from '../api';
import { BarChart } from '../components/BarChart';
import { DataTable } from '../components/DataTable';
import type { QualityIndicators } from '../types';

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

export const Quality = () => {
  const thisYear = new Date().getUTCFullYear();
  const [years] = useState([thisYear - 2, thisYear - 1, thisYear]);
  const [population, setPopulation] = useState(25_000);
  const [data, setData] = useState<{ year: number; q: QualityIndicators }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all(
      years.map((year) =>
        api<QualityIndicators>(
          `/quality/indicators?from=${year}-01-01T00:00:00Z&to=${year + 1}-01-01T00:00:00Z`,
        ).then((q) => ({ year, q })),
      ),
    )
      .then(setData)
      .catch((e) => setError(explain(e)));
  }, [years]);
  if (error)
    return (
      <section>
        <h1>Quality indicators</h1>
        <p role="alert" className="error">
          {error}
        </p>
      </section>
    );
  if (!data) return <p>Loading the indicators…</p>;
  const latest = [...data].reverse().find((d) => d.q.donations.count > 0) ?? data[data.length - 1];
  return (
    <section>
      <h1>Quality indicators</h1>
      <p className="no-print">
        <label htmlFor="population">Population served </label>
        <input
          id="population"
          type="number"
          min={1}
          value={population}
          onChange={(e) => setPopulation(Math.max(1, Number(e.target.value) || 1))}
        />
      </p>
      <div className="charts">
        <BarChart
          title="Donations, year on year"
          bars={data.map((d) => ({ label: String(d.year), value: d.q.donations.count }))}
        />
        <BarChart
          title={`Donations per 1,000 population (${population.toLocaleString('en')})`}
          bars={data.map((d) => ({
            label: String(d.year),
            value: (d.q.donations.count / population) * 1000,
          }))}
          format={(v) => `${v.toFixed(2)} ‰`}
        />
        <BarChart
          title="Discard rate, year on year"
          bars={data.map((d) => ({ label: String(d.year), value: d.q.discards.rate }))}
          format={pct}
        />
        <BarChart
          title={`Reactive rate by marker, ${latest.year}`}
          bars={Object.entries(latest.q.reactiveRateByMarker).map(([marker, rate]) => ({
            label: marker,
            value: rate,
          }))}
          format={pct}
        />
        <BarChart
          title="Collection to release, average hours"
          bars={data.map((d) => ({
            label: String(d.year),
            value: d.q.collectionToReleaseHours.average ?? 0,
          }))}
          format={(v) => `${v.toFixed(1)} h`}
        />
        <BarChart
          title={`Transfers per alliance partner, ${latest.year} (units)`}
          bars={latest.q.transfers.map((t) => ({ label: t.partner, value: t.in.units, second: t.out.units }))}
          legend={['in', 'out']}
        />
      </div>
      <DataTable
        caption="Indicators per year"
        csvName="quality-indicators"
        rows={data}
        columns={[
          { title: 'Year', text: (d) => String(d.year) },
          { title: 'Donations', text: (d) => String(d.q.donations.count) },
          { title: 'Growth', text: (d) => (d.q.donations.growth === null ? '' : pct(d.q.donations.growth)) },
          { title: 'Volume (mL)', text: (d) => String(d.q.volumeMl.total) },
          { title: 'Per 1,000', text: (d) => ((d.q.donations.count / population) * 1000).toFixed(2) },
          { title: 'Group donations', text: (d) => pct(d.q.groupDonationShare) },
          { title: 'Platelet doses', text: (d) => String(d.q.plateletDosesCollected) },
          { title: 'Red cells supplied', text: (d) => String(d.q.redCellUnitsSupplied) },
          { title: 'Discard rate', text: (d) => pct(d.q.discards.rate) },
          { title: 'Expiry wastage', text: (d) => pct(d.q.expiryWastage.rate) },
          {
            title: 'Collection to release (h)',
            text: (d) => String(d.q.collectionToReleaseHours.average ?? ''),
          },
        ]}
      />
      <DataTable
        caption={`Transfers per partner, ${latest.year}`}
        csvName="transfers"
        rows={latest.q.transfers}
        columns={[
          { title: 'Partner', text: (t) => t.partner },
          { title: 'In (units)', text: (t) => String(t.in.units) },
          { title: 'In (red cell units)', text: (t) => String(t.in.redCellUnits) },
          { title: 'In (platelet doses)', text: (t) => String(t.in.plateletDoses) },
          { title: 'Out (units)', text: (t) => String(t.out.units) },
          { title: 'Out (red cell units)', text: (t) => String(t.out.redCellUnits) },
          { title: 'Out (platelet doses)', text: (t) => String(t.out.plateletDoses) },
          { title: 'In transit (units)', text: (t) => String(t.inTransit.units) },
          { title: 'In transit (red cell units)', text: (t) => String(t.inTransit.redCellUnits) },
        ]}
      />
    </section>
  );
};
