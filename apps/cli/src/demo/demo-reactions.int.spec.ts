import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DemoDataGenerator } from './demo-data.generator';
import { loadDemo } from './demo-loader';

/** The unit reactions the generator decides for the raw bench writer. */
const PLANNED_REACTIONS = new Set([
  'UnitQualified',
  'UnitReleased',
  'UnitDiscarded',
  'UnitShipped',
  'UnitCustodyTransferred',
  'UnitAllocatedToPatient',
  'UnitTransfusionRecorded',
  'UnitExpired',
]);
const options = { donations: 30, seed: 5, perDay: 3 };
const key = (e: { streamId: string; type: string; commandId?: string | null; occurredAt: string }) =>
  `${e.occurredAt} ${e.streamId} ${e.type} ${e.commandId}`;

describe("the demo's planned reactions", () => {
  const dir = mkdtempSync(join(tmpdir(), 'hemotrace-demo-reactions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are what the live reactors and the expiry sweep record on the same facts (same instants, streams, types and command ids)', async () => {
    await loadDemo({ dir }, new DemoDataGenerator(options).events());
    const db = new Database(join(dir, 'hemotrace.db'), { readonly: true });
    const live = db
      .prepare<[], { stream_id: string; type: string; command_id: string | null; occurred_at: string }>(
        "SELECT stream_id, type, command_id, occurred_at FROM events WHERE stream_id LIKE 'Unit-%' AND command_id IS NOT NULL ORDER BY global_position",
      )
      .all()
      .filter((e) => PLANNED_REACTIONS.has(e.type))
      .map((e) =>
        key({ streamId: e.stream_id, type: e.type, commandId: e.command_id, occurredAt: e.occurred_at }),
      );
    /* The loader's hourly sweep runs up to the last recorded fact; the plan also expires what is due later. */
    const lastFact = db
      .prepare<[], { at: string }>('SELECT max(occurred_at) AS at FROM events WHERE command_id IS NULL')
      .get()!.at;
    db.close();
    const planned = [...new DemoDataGenerator({ ...options, planReactions: true }).events()]
      .filter((e) => e.commandId !== undefined && e.occurredAt <= lastFact)
      .map(key);
    expect(planned.length).toBeGreaterThan(100);
    expect([...live].sort()).toEqual([...planned].sort());
  }, 120_000);
});
