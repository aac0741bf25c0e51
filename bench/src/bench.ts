import { performance } from 'node:perf_hooks';

/** One figure of the report. `ratio` = value / the value of the `baseline` row, when one applies. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
  note?: string;
}

/** What run.ts loads: every module exports `run`, and may say why it cannot run here. */
export interface BenchModule {
  run(): Promise<BenchRow[]>;
  /** A reason to skip (a missing prerequisite such as DATABASE_URL), or null when it can run. */
  skipReason?(): string | null;
}

/** Thrown from run() when a prerequisite turns out to be missing only once the module has started. */
export class BenchSkipped extends Error {}

export const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number; got ${raw}`);
  return value;
};

export const elapsedMs = (since: number): number => performance.now() - since;

export const now = (): number => performance.now();

export const perSecond = (count: number, ms: number): number => (ms > 0 ? (count * 1000) / ms : 0);

export const rounded = (value: number, digits = 0): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export const progress = (message: string): void => {
  process.stderr.write(`  ${message}\n`);
};
