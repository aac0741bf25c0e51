import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { EventStore, LogVerification, ReadModelStore } from '@hemotrace/event-sourcing';
import { LogTree, logKeyFiles, readKeyring, verifyLog } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import type { HemotraceConfig } from '@hemotrace/platform';

export const DAMAGE_OVERRIDE_STREAM = 'EvidenceOverride-rebuild';
export const DAMAGED_REBUILD_ACCEPTED = 'DamagedRebuildAccepted';

export class DamagedLogRefused extends Error {
  readonly code = 'EVIDENCE.DAMAGED_LOG';
}

/**
 * Projections are not rebuilt from a damaged log: the read models would serve the damage as truth.
 * An admin may accept it with a reason; the acceptance is itself recorded in the log.
 */
export const guardRebuild = async (
  store: EventStore,
  readModels: ReadModelStore,
  config: HemotraceConfig,
  projections: readonly string[],
  override: { acceptDamage?: boolean; reason?: string },
): Promise<LogVerification> => {
  const { settings, dataDir } = config;
  const checkpointFile = settings.HEMOTRACE_CHECKPOINT_FILE ?? join(dataDir, 'checkpoint.txt');
  const report = await verifyLog(store, new LogTree(store, readModels), {
    verifiers: readKeyring(logKeyFiles(config.env, dataDir).keyringFile),
    origin: settings.HEMOTRACE_LOG_ORIGIN,
    externalCheckpoints: existsSync(checkpointFile)
      ? [{ note: readFileSync(checkpointFile, 'utf8'), source: checkpointFile }]
      : [],
  });
  if (report.ok) return report;
  const where = report.damagedStreams.length ? report.damagedStreams.join(', ') : 'the log as a whole';
  if (!override.acceptDamage)
    throw new DamagedLogRefused(
      `Refusing to rebuild from a damaged log: ${report.findings.length} findings in ${where} (see hemotrace verify). To rebuild anyway: --accept-damage --reason "<why>"`,
    );
  const reason = override.reason?.trim() ?? '';
  if (reason.length < 3)
    throw new DamagedLogRefused('--accept-damage needs --reason "<why>" (it is recorded)');
  const now = new Date().toISOString();
  await store.append({
    streamId: DAMAGE_OVERRIDE_STREAM,
    events: [
      {
        type: DAMAGED_REBUILD_ACCEPTED,
        data: {
          projections,
          reason,
          acceptedBy: userInfo().username,
          damagedStreams: report.damagedStreams,
          findings: report.findings.slice(0, 100).map((f) => ({
            problem: f.problem,
            streamId: f.streamId ?? null,
            streamVersion: f.streamVersion ?? null,
            eventId: f.eventId ?? null,
          })),
          findingCount: report.findings.length,
        },
      },
    ],
    expectedVersion: 'any',
    metadata: {
      actor: { ...systemActor(), userId: `cli:${userInfo().username}` },
      correlationId: `rebuild:${now}`,
      occurredAt: now,
    },
  });
  return report;
};
