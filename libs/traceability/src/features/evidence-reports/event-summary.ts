/** `UnitReleased` -> `Unit released`: stored event names read as the fact they record. */
export const humanizeType = (type: string): string =>
  type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/ ([A-Z])(?=[a-z])/g, (m) => m.toLowerCase());

const scalar = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    if (Array.isArray(value))
      return (
        value
          .map((v) => scalar(v) ?? '')
          .filter(Boolean)
          .join(', ') || null
      );
    const o = value as Record<string, unknown>;
    if ('abo' in o && 'rhd' in o) return `${String(o.abo)} ${o.rhd === 'POS' ? 'RhD+' : 'RhD-'}`;
    return Object.entries(o)
      .map(([k, v]) => `${k} ${scalar(v) ?? ''}`.trim())
      .join(' ');
  }
  return String(value);
};

/** Every field of the event's data as `field: value`, so the report hides nothing that was recorded. */
export const summarizeData = (data: unknown, max = 400): string => {
  if (!data || typeof data !== 'object') return '';
  const text = Object.entries(data as Record<string, unknown>)
    .map(([key, value]) => {
      const shown = scalar(value);
      return shown === null || shown === '' ? null : `${key}: ${shown}`;
    })
    .filter((part): part is string => part !== null)
    .join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** UTC to the second: fits a narrow column and keeps what an auditor compares. */
export const utc = (iso: string): string => iso.replace('T', ' ').slice(0, 19);
