import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type {
  EventStore,
  LogKeys,
  LogVerification,
  ReadModelStore,
  RecordedEvent,
  SignedCheckpoint,
  StreamDamage,
  StreamEvidence,
} from '@hemotrace/event-sourcing';
import {
  CheckpointWriter,
  damageAgainstTree,
  EVENT_STORE,
  loadLogKeys,
  logKeyFiles,
  LogExportProver,
  LogTree,
  READ_MODEL_STORE,
  verifyLog,
} from '@hemotrace/event-sourcing';
import { createKafka } from '@hemotrace/messaging';
import type { HemotraceConfig, Logger } from '@hemotrace/platform';
import { HEMOTRACE_CONFIG, LOGGER } from '@hemotrace/platform';

export const CHECKPOINT_TOPIC = 'hemotrace.log-checkpoints';

export interface EvidenceSettings {
  origin: string;
  intervalMs: number;
  checkpointFile: string;
  /** How long an integrity check waits for the log tree to be able to take in every acknowledged event. */
  coverWaitMs: number;
}

/** From the validated configuration schema (libs/platform/src/environment.schema.ts). */
export const evidenceSettings = ({ settings, dataDir }: HemotraceConfig): EvidenceSettings => ({
  origin: settings.HEMOTRACE_LOG_ORIGIN,
  intervalMs: settings.HEMOTRACE_CHECKPOINT_INTERVAL_MS,
  checkpointFile: settings.HEMOTRACE_CHECKPOINT_FILE ?? join(dataDir, 'checkpoint.txt'),
  coverWaitMs: settings.HEMOTRACE_INTEGRITY_WAIT_MS,
});

/**
 * The verifiable log of this server: a Merkle tree kept by a follower of the global log, signed
 * checkpoints (periodic and on demand) kept in the log, in a file and on Kafka, and verification.
 */
@Injectable()
export class LogEvidence implements OnApplicationBootstrap, OnModuleDestroy, StreamEvidence {
  readonly settings: EvidenceSettings;
  readonly keys: LogKeys;
  readonly tree: LogTree;
  readonly prover: LogExportProver;
  private readonly writer: CheckpointWriter;
  private timer: NodeJS.Timeout | null = null;
  private producer: Producer | null = null;
  private lastReport: LogVerification | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(HEMOTRACE_CONFIG) private readonly config: HemotraceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.settings = evidenceSettings(config);
    const files = logKeyFiles(config.env, config.dataDir);
    this.keys = loadLogKeys(files, {
      name: config.settings.HEMOTRACE_LOG_KEY_NAME ?? this.settings.origin,
      allowGenerate: !config.settings.HEMOTRACE_LOG_SIGNING_KEY_FILE,
    });
    if (this.keys.generated && config.settings.NODE_ENV !== 'test')
      process.stdout.write(
        `No log signing key configured: development Ed25519 key generated in ${files.signingKeyFile}\n  verifier key: ${this.keys.files.keyringFile} (public key ${files.publicKeyFile})\n`,
      );
    this.tree = new LogTree(store, readModels);
    this.writer = new CheckpointWriter(store, this.tree, this.keys.signer, {
      origin: this.settings.origin,
      file: this.settings.checkpointFile,
      now: () => new Date().toISOString(),
      publish: config.bus === 'kafka' ? (c) => this.publish(c) : undefined,
    });
    this.prover = new LogExportProver(store, this.tree, this.writer, this.keys.signer, this.settings.origin);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.tree.follow({
      onError: (error) => this.logger.error({ err: error }, 'Log tree follower failed'),
    });
    if (this.settings.intervalMs > 0) {
      this.timer = setInterval(() => {
        this.writer
          .write({ onlyIfGrown: true })
          .catch((error: unknown) => this.logger.error({ err: error }, 'Periodic checkpoint failed'));
      }, this.settings.intervalMs);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.tree.stop();
    await this.producer?.disconnect().catch(() => undefined);
  }

  checkpoint(): Promise<SignedCheckpoint> {
    return this.writer.write().then((c) => c!);
  }

  latestNote(): string | null {
    if (this.writer.latest) return this.writer.latest.note;
    return existsSync(this.settings.checkpointFile)
      ? readFileSync(this.settings.checkpointFile, 'utf8')
      : null;
  }

  /**
   * The tree must hold every event acknowledged before the check began: an event it never took in
   * can be deleted unseen. On PostgreSQL the log is read only below the server's oldest running
   * transaction, so first wait for this process's appends to become readable; when another
   * session's transaction holds them back too long, the report says so instead of ok.
   */
  async verify(): Promise<LogVerification> {
    const covered = (await this.store.ownWritesReadable?.(this.settings.coverWaitMs)) ?? true;
    await this.tree.catchUp();
    const external = existsSync(this.settings.checkpointFile)
      ? [{ note: readFileSync(this.settings.checkpointFile, 'utf8'), source: this.settings.checkpointFile }]
      : [];
    this.lastReport = await verifyLog(this.store, this.tree, {
      verifiers: this.keys.verifiers,
      origin: this.settings.origin,
      externalCheckpoints: external,
    });
    if (!covered)
      this.lastReport = {
        ...this.lastReport,
        ok: false,
        findings: [
          {
            problem: 'LOG_NOT_COVERED',
            message: `Events this server acknowledged are not yet readable in the log after ${this.settings.coverWaitMs} ms (an older database transaction is still open); the log tree does not cover them, so this check cannot vouch for them`,
          },
          ...this.lastReport.findings,
        ],
      };
    return this.lastReport;
  }

  /** Damage in these streams: against the log tree now, and as the last full verification found it. */
  async damageIn(
    streams: readonly { streamId: string; events: readonly RecordedEvent[] }[],
    asOf: string | null,
  ): Promise<StreamDamage> {
    const inScope = new Set(streams.map((s) => s.streamId));
    const found = await damageAgainstTree(this.tree, streams, asOf);
    const seen = new Set(found.map((f) => `${f.problem} ${f.eventId}`));
    for (const finding of this.lastReport?.findings ?? []) {
      if (
        finding.streamId &&
        inScope.has(finding.streamId) &&
        !seen.has(`${finding.problem} ${finding.eventId}`)
      )
        found.push(finding);
    }
    return { ok: found.length === 0, findings: found };
  }

  private async publish(checkpoint: SignedCheckpoint): Promise<void> {
    try {
      if (!this.producer) {
        this.producer = createKafka({
          brokers: this.config.kafkaBrokers,
          clientId: 'hemotrace-evidence',
        }).producer();
        await this.producer.connect();
      }
      await this.producer.send({
        topic: CHECKPOINT_TOPIC,
        messages: [
          {
            key: checkpoint.origin,
            value: checkpoint.note,
            headers: { 'tree-size': String(checkpoint.treeSize) },
          },
        ],
      });
    } catch (error) {
      this.logger.error({ err: error, treeSize: checkpoint.treeSize }, 'Checkpoint not published to Kafka');
    }
  }
}
