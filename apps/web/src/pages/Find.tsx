import { computeDinCheckCharacter, parseDin, parseUnitId } from '@hemotrace/kernel';
import { useState } from 'react';
import type { Session } from '../api';
import { api, explain } from '../api';
import { DataTable } from '../components/DataTable';
import { navigate, Link } from '../router';

type Kind = 'auto' | 'din' | 'unit' | 'donor' | 'patient' | 'REAGENT_LOT' | 'BAG_LOT' | 'EQUIPMENT';

interface RecallImpact {
  units: {
    unitId: string;
    din?: string;
    productType?: string;
    status?: string;
    custodianSiteId?: string;
    expiresAt?: string;
  }[];
  consignees: { siteId: string; unitIds: string[] }[];
}

const KINDS: [Kind, string][] = [
  ['auto', 'Recognise it'],
  ['din', 'DIN (typed or scanned)'],
  ['unit', 'Unit id'],
  ['donor', 'Donor id'],
  ['patient', 'Patient id'],
  ['REAGENT_LOT', 'Reagent lot'],
  ['BAG_LOT', 'Bag lot'],
  ['EQUIPMENT', 'Equipment'],
];

/** ISBT 128 rules of the kernel: a typed DIN's check character is verified, a scanned `=` string loses its flags. */
const recognise = (input: string, kind: Kind): { path: string; note: string } | { lot: Kind } => {
  const text = input.trim();
  const asDin = () => {
    const din = parseDin(text);
    return {
      path: `/donations/${din.value}`,
      note: `DIN ${din.value} (check character ${computeDinCheckCharacter(din.value)}${din.flags ? `, flags ${din.flags}` : ''})`,
    };
  };
  /* A DIN is 13 characters, then its keyboard check character (0-9, A-Z or *) or two flag digits. */
  switch (kind) {
    case 'din':
      return asDin();
    case 'unit':
      return { path: `/units/${encodeURIComponent(parseUnitId(text).value)}`, note: 'unit' };
    case 'donor':
      return { path: `/donors/${encodeURIComponent(text)}`, note: 'donor' };
    case 'patient':
      return { path: `/patients/${encodeURIComponent(text)}`, note: 'patient' };
    case 'auto':
      if (text.startsWith('=') || /^[A-Z0-9]{13}([A-Z0-9*]|[0-9]{2})?$/i.test(text.replace(/\s+/g, '')))
        return asDin();
      if (/^[A-Z0-9]+-[A-Z0-9]{8}$/i.test(text))
        return { path: `/units/${encodeURIComponent(parseUnitId(text).value)}`, note: 'unit' };
      if (/^donor-/i.test(text)) return { path: `/donors/${encodeURIComponent(text)}`, note: 'donor' };
      if (/^PAT-/i.test(text)) return { path: `/patients/${encodeURIComponent(text)}`, note: 'patient' };
      throw new Error('Not recognised: choose what it is (reagent lot, bag lot, equipment...).');
    default:
      return { lot: kind };
  }
};

export const Find = ({ session }: { session: Session }) => {
  const [input, setInput] = useState('');
  const [kind, setKind] = useState<Kind>('auto');
  const [error, setError] = useState<string | null>(null);
  const [impact, setImpact] = useState<{ title: string; data: RecallImpact } | null>(null);

  const submit = async () => {
    setError(null);
    setImpact(null);
    try {
      const found = recognise(input, kind);
      if ('path' in found) return navigate(found.path);
      const data = await api<RecallImpact>(
        `/recalls/preview?attribute=${found.lot}&value=${encodeURIComponent(input.trim())}`,
      );
      setImpact({ title: `${KINDS.find(([k]) => k === found.lot)?.[1]} ${input.trim()}`, data });
    } catch (e) {
      setError(explain(e));
    }
  };

  return (
    <section>
      <h1>Find a subject</h1>
      <p>
        Signed in as <strong>{session.role}</strong> at {session.siteId}. Type or scan a DIN (with its check
        character, or the <code>=</code> barcode string), a unit id, a donor or patient id, or a reagent lot,
        bag lot or equipment.
      </p>
      <form
        className="find"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="q">Identifier</label>
        <input
          id="q"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder="=G123425000001 00"
        />
        <label htmlFor="kind">It is a</label>
        <select id="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit">Find</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {impact && (
        <>
          <DataTable
            caption={`Units touched by ${impact.title}`}
            csvName="units-touched"
            rows={impact.data.units}
            columns={[
              {
                title: 'Unit',
                text: (u) => u.unitId,
                render: (u) => <Link to={`/units/${encodeURIComponent(u.unitId)}`}>{u.unitId}</Link>,
              },
              { title: 'Product', text: (u) => u.productType ?? '' },
              { title: 'Status', text: (u) => u.status ?? '' },
              { title: 'Custodian', text: (u) => u.custodianSiteId ?? '' },
              { title: 'Expires', text: (u) => u.expiresAt ?? '' },
            ]}
          />
          <DataTable
            caption="Consignees"
            csvName="consignees"
            rows={impact.data.consignees}
            columns={[
              { title: 'Consignee', text: (c) => c.siteId },
              { title: 'Units', text: (c) => c.unitIds.join(' ') },
            ]}
          />
        </>
      )}
    </section>
  );
};
