import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresPool, openSqliteDatabase, resolvePostgresTarget } from '@hemotrace/event-sourcing';
import {
  InMemoryPersonalDataKeyStore,
  PostgresPersonalDataKeyStore,
  SqlitePersonalDataKeyStore,
} from './key-stores';
import { openPersonalData, sealPersonalData } from './personal-data-cipher';
import type { PersonalDataKeyStore } from './personal-data-key-store.port';
import { PersonalDataKeyDestroyed } from './personal-data-key-store.port';

interface Harness {
  keys: PersonalDataKeyStore;
  teardown(): Promise<void>;
}

const pgUrl = process.env.HEMOTRACE_TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const adapters: [string, () => Promise<Harness>][] = [
  ['memory', async () => ({ keys: new InMemoryPersonalDataKeyStore(), teardown: async () => undefined })],
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hemotrace-keys-'));
      const db = openSqliteDatabase(join(dir, 'hemotrace.db'));
      return {
        keys: new SqlitePersonalDataKeyStore(db),
        teardown: async () => {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];
if (pgUrl) {
  adapters.push([
    'PostgreSQL',
    async () => {
      const schema = `tmp_keys_${randomBytes(6).toString('hex')}`;
      const pool = createPostgresPool({ ...resolvePostgresTarget(pgUrl), schema }, 2);
      await pool.query(`CREATE SCHEMA ${schema}`);
      return {
        keys: await PostgresPersonalDataKeyStore.open(pool),
        teardown: async () => {
          await pool.query(`DROP SCHEMA ${schema} CASCADE`);
          await pool.end();
        },
      };
    },
  ]);
} else if (process.env.CI) {
  throw new Error('CI needs HEMOTRACE_TEST_DATABASE_URL for the PostgreSQL key store');
}

describe.each(adapters)('personal data keys on %s', (_name, open) => {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('gives one key per subject, the same on every call', async () => {
    const a = await h.keys.createKey('donor:1');
    const again = await h.keys.createKey('donor:1');
    const other = await h.keys.createKey('donor:2');
    expect(a.key).toHaveLength(32);
    expect(again).toEqual(a);
    expect(other.keyId).not.toBe(a.keyId);
    expect(await h.keys.get('donor:1')).toEqual({ status: 'Live', key: a });
    expect(await h.keys.get('donor:3')).toEqual({ status: 'Unknown' });
  });

  it('destroys a key for good: the ciphertext cannot be opened and no new key is made', async () => {
    const key = await h.keys.createKey('patient:9');
    const sealed = sealPersonalData({ name: 'Ada' }, key, 'patient:9');
    expect(openPersonalData(sealed, key, 'patient:9')).toEqual({ name: 'Ada' });
    await h.keys.destroy('patient:9', '2025-06-01T10:00:00.000Z');
    await h.keys.destroy('patient:9', '2025-07-01T10:00:00.000Z');
    expect(await h.keys.get('patient:9')).toEqual({
      status: 'Destroyed',
      keyId: key.keyId,
      destroyedAt: '2025-06-01T10:00:00.000Z',
    });
    await expect(h.keys.createKey('patient:9')).rejects.toBeInstanceOf(PersonalDataKeyDestroyed);
  });

  it('records the erasure of a subject that never had a key (a legacy plaintext identity)', async () => {
    await h.keys.destroy('donor:legacy', '2025-06-01T10:00:00.000Z');
    expect(await h.keys.get('donor:legacy')).toMatchObject({ status: 'Destroyed' });
  });
});

describe('sealing personal data', () => {
  const key = { keyId: 'k-1', key: randomBytes(32) };

  it('never carries the plaintext and differs on every seal', () => {
    const a = sealPersonalData({ name: 'Li Wei' }, key, 'donor:1');
    const b = sealPersonalData({ name: 'Li Wei' }, key, 'donor:1');
    expect(JSON.stringify(a)).not.toContain('Li Wei');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a).toMatchObject({ alg: 'AES-256-GCM', keyId: 'k-1' });
  });

  it('refuses a ciphertext moved onto another person or altered', () => {
    const sealed = sealPersonalData({ name: 'Li Wei' }, key, 'donor:1');
    expect(() => openPersonalData(sealed, key, 'donor:2')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() =>
      openPersonalData({ ...sealed, ciphertext: flipped.toString('base64') }, key, 'donor:1'),
    ).toThrow();
  });
});

describe('SQLite personal data keys survive a power cut', () => {
  /** The synchronous levels set on the connection, in order, while `act` runs. */
  const levelsSetBy = async (
    sharesTheEventsFile: boolean,
    act: (keys: SqlitePersonalDataKeyStore) => Promise<unknown>,
  ): Promise<string[]> => {
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-keys-'));
    const db = openSqliteDatabase(join(dir, 'hemotrace.db'));
    const keys = new SqlitePersonalDataKeyStore(db, { sharesTheEventsFile });
    const levels: string[] = [];
    const exec = db.exec.bind(db);
    jest.spyOn(db, 'exec').mockImplementation((source) => {
      if (/^PRAGMA synchronous\s*=/.test(source)) levels.push(source.replace(/^PRAGMA |\s+/g, ''));
      return exec(source);
    });
    try {
      await act(keys);
      return levels;
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('syncs an erasure before acknowledging it, wherever the keys are kept', async () => {
    for (const shared of [true, false]) {
      const levels = await levelsSetBy(shared, (keys) => keys.destroy('donor-1', '2026-03-01T00:00:00Z'));
      expect(levels).toEqual(['synchronous=2', 'synchronous=1']);
    }
  });

  it('syncs a new key in a file of its own, and leaves it to the event append in the events file', async () => {
    expect(await levelsSetBy(false, (keys) => keys.createKey('donor-1'))).toEqual([
      'synchronous=2',
      'synchronous=1',
    ]);
    expect(await levelsSetBy(true, (keys) => keys.createKey('donor-1'))).toEqual([]);
  });
});
