import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemActor } from '@hemotrace/kernel';
import type { EventStore } from '../event-store.port';
import type { SignedCheckpoint } from './checkpoint';
import { signCheckpoint } from './checkpoint';
import type { LogTree, StoredHead } from './log-tree';
import type { NoteSigner } from './signed-note';
import type { CheckpointSignedData } from './verify-log';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM } from './verify-log';

export interface CheckpointWriterOptions {
  origin: string;
  /** Where the latest checkpoint is also written, outside the database. */
  file?: string;
  /** Store time; checkpoints are records of the system, not business facts. */
  now: () => string;
  /** Another copy outside the database (Kafka). A failure is reported, the checkpoint stays signed. */
  publish?: (checkpoint: SignedCheckpoint) => Promise<void>;
}

/**
 * Signs the tree as it stands, keeps the checkpoint in the log's own system stream (so the next
 * checkpoint commits to it), in a file, and wherever `publish` sends it.
 */
export class CheckpointWriter {
  private last: SignedCheckpoint | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly tree: LogTree,
    private readonly signer: NoteSigner,
    private readonly options: CheckpointWriterOptions,
  ) {}

  get latest(): SignedCheckpoint | null {
    return this.last;
  }

  /** With `onlyIfGrown`, nothing is written when only the previous checkpoint was appended since. */
  async write(options: { onlyIfGrown?: boolean } = {}): Promise<SignedCheckpoint | null> {
    return (await this.writeWithHeads(options))?.checkpoint ?? null;
  }

  /** The checkpoint with the stream heads it commits to (an export proves its manifest from them). */
  async writeWithHeads(
    options: { onlyIfGrown?: boolean } = {},
  ): Promise<{ checkpoint: SignedCheckpoint; heads: StoredHead[] } | null> {
    const snapshot = await this.tree.snapshot();
    if (options.onlyIfGrown && this.last && snapshot.size <= this.last.treeSize + 1) return null;
    const signed = signCheckpoint(
      {
        origin: this.options.origin,
        treeSize: snapshot.size,
        rootHash: snapshot.root,
        streamCount: snapshot.streamCount,
        headsRoot: snapshot.headsRoot,
        time: this.options.now(),
      },
      this.signer,
    );
    const data: CheckpointSignedData = {
      note: signed.note,
      treeSize: signed.treeSize,
      rootHash: signed.rootHash.toString('base64'),
      keyName: signed.keyName,
      keyId: signed.keyId,
    };
    await this.store.append({
      streamId: CHECKPOINT_STREAM,
      events: [{ type: CHECKPOINT_SIGNED, data }],
      expectedVersion: 'any',
      metadata: {
        actor: systemActor(),
        correlationId: `checkpoint:${signed.treeSize}`,
        commandId: `checkpoint:${signed.treeSize}:${signed.rootHash.toString('hex')}`,
        occurredAt: signed.time,
      },
    });
    if (this.options.file) {
      mkdirSync(dirname(this.options.file), { recursive: true });
      const temporary = `${this.options.file}.tmp`;
      writeFileSync(temporary, signed.note);
      renameSync(temporary, this.options.file);
    }
    this.last = signed;
    await this.options.publish?.(signed);
    return { checkpoint: signed, heads: snapshot.heads };
  }
}
