import type { ReactNode } from 'react';
import { saveBlob } from '../api';

export interface ColumnDef<T> {
  title: string;
  /** The cell's text: what the CSV carries. */
  text: (row: T) => string;
  /** What the page shows, when richer than the text (a link, a badge). */
  render?: (row: T) => ReactNode;
}

const csvCell = (value: string): string =>
  /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export const toCsv = <T,>(columns: ColumnDef<T>[], rows: T[]): string =>
  [
    columns.map((c) => csvCell(c.title)).join(','),
    ...rows.map((r) => columns.map((c) => csvCell(c.text(r))).join(',')),
  ].join('\r\n');

/** Every table of the workbench downloads as CSV, with the same columns as on the page. */
export const DataTable = <T,>({
  caption,
  columns,
  rows,
  csvName,
  rowClass,
}: {
  caption: string;
  columns: ColumnDef<T>[];
  rows: T[];
  csvName: string;
  rowClass?: (row: T) => string | undefined;
}) => (
  <div className="table-block">
    <div className="table-head">
      <h3>{caption}</h3>
      <button
        type="button"
        className="secondary no-print"
        onClick={() => saveBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv' }), `${csvName}.csv`)}
      >
        CSV
      </button>
    </div>
    <table>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length}>None.</td>
          </tr>
        ) : (
          rows.map((row, i) => (
            <tr key={i} className={rowClass?.(row)}>
              {columns.map((c) => (
                <td key={c.title}>{c.render ? c.render(row) : c.text(row)}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  </div>
);
