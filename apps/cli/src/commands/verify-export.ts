import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ExportProof, NoteVerifier, ProvableExport } from '@hemotrace/event-sourcing';
import { noteVerifierOf, parseNote, verifyProvableExport } from '@hemotrace/event-sourcing';
import type { TraceExport, TraceIntegrity } from '@hemotrace/traceability';
import { TRACE_EXPORT_FORMAT, verifyTraceStreams } from '@hemotrace/traceability/tooling';

const INVESTIGATION_EXPORT_FORMAT = 'hemotrace.investigation-export';

export interface ExportVerification extends TraceIntegrity {
  file: string;
  subject: TraceExport['subject'] | null;
  /** False when the file says it verified differently from what it holds (an edited verdict). */
  recordedVerdictMatches: boolean;
  /** Origin, inclusion and completeness against the signed checkpoint, when the file carries evidence. */
  proof: ExportProof | null;
}

const problem = (file: string, message: string): ExportVerification => ({
  file,
  subject: null,
  ok: false,
  eventsChecked: 0,
  streamsChecked: 0,
  recordedVerdictMatches: false,
  proof: null,
  findings: [
    { problem: 'HASH_MISMATCH', streamId: '', streamVersion: 0, globalPosition: 0, eventId: '', message },
  ],
});

/** The public key under every key name that signed the checkpoint; the key id must still match. */
const verifiersOf = (publicKeyPem: string, checkpointNote: string): NoteVerifier[] => {
  const key = createPublicKey(publicKeyPem);
  const names = new Set(parseNote(checkpointNote).signatures.map((s) => s.name));
  return [...names].map((name) => noteVerifierOf(name, key));
};

/**
 * Recomputes every hash chain of an export from the file alone: no server, no database. With the
 * log's public key it also proves origin (signed checkpoint and statement), that every event is in
 * the signed log, and that every stream in scope is there up to its signed head.
 */
export const verifyExportFile = (
  file: string,
  options: { publicKeyPem?: string } = {},
): ExportVerification => {
  let parsed: TraceExport & Partial<ProvableExport>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as TraceExport & Partial<ProvableExport>;
  } catch (error) {
    return problem(file, `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const format = (parsed as { format?: string })?.format;
  if (
    (format !== TRACE_EXPORT_FORMAT && format !== INVESTIGATION_EXPORT_FORMAT) ||
    !Array.isArray(parsed.streams)
  ) {
    return problem(file, `${file} is not a ${TRACE_EXPORT_FORMAT} or ${INVESTIGATION_EXPORT_FORMAT} file`);
  }
  const report =
    format === TRACE_EXPORT_FORMAT
      ? verifyTraceStreams(parsed.streams, parsed.asOf ?? null)
      : { ok: true, eventsChecked: 0, streamsChecked: 0, findings: [] };
  let proof: ExportProof | null = null;
  if (options.publicKeyPem) {
    const evidence = parsed.evidence;
    proof = verifyProvableExport(
      parsed as unknown as ProvableExport,
      evidence?.checkpoint ? verifiersOf(options.publicKeyPem, evidence.checkpoint) : [],
    );
  }
  return {
    ...report,
    ok: report.ok && (proof?.ok ?? true),
    eventsChecked: Math.max(report.eventsChecked, proof?.eventsChecked ?? 0),
    streamsChecked: Math.max(report.streamsChecked, proof?.streamsChecked ?? 0),
    file,
    subject: parsed.subject ?? null,
    recordedVerdictMatches: format !== TRACE_EXPORT_FORMAT || parsed.integrity?.ok === report.ok,
    proof,
  };
};

export const registerVerifyExport = (program: Command): void => {
  program
    .command('verify-export')
    .description(
      'Verify an export offline: every hash chain, and with --key its origin, inclusion and completeness',
    )
    .argument(
      '<file>',
      'a file saved from GET /api/v1/trace/units/:unitId/export or /api/v1/exports/investigations/:id',
    )
    .option('--key <public.pem>', "the log's Ed25519 public key (data dir: log-public-key.pem)")
    .option(
      '--dir <dir>',
      'a data directory: its log-public-key.pem is the key when --key is not given (the file alone is read, no store)',
    )
    .option('--json', 'print the full report as JSON')
    .action((file: string, options: { json?: boolean; key?: string; dir?: string }) => {
      const keyFile =
        options.key ?? (options.dir ? join(resolve(options.dir), 'log-public-key.pem') : undefined);
      if (keyFile && !existsSync(keyFile)) throw new Error(`No public key at ${keyFile}`);
      const result = verifyExportFile(file, {
        publicKeyPem: keyFile ? readFileSync(keyFile, 'utf8') : undefined,
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const subject = result.subject ? `${result.subject.kind} ${result.subject.id}` : 'unknown subject';
        const proven = result.proof
          ? result.proof.ok
            ? `, proven against the checkpoint of ${result.proof.treeSize} events signed by key ${result.proof.keyId}${result.proof.completenessProven ? ', complete' : ', completeness not proven (asOf)'}`
            : ''
          : ' (no --key: origin and completeness not checked)';
        process.stdout.write(
          `${result.ok ? 'OK' : 'ALTERED'}: ${subject}, ${result.eventsChecked} events in ${result.streamsChecked} streams${proven}\n`,
        );
        for (const f of result.findings) {
          process.stdout.write(`  ${f.problem} ${f.streamId} v${f.streamVersion}: ${f.message}\n`);
        }
        for (const f of result.proof?.findings ?? []) {
          process.stdout.write(
            `  ${f.problem} ${f.streamId ?? 'export'}${f.streamVersion !== undefined ? ` v${f.streamVersion}` : ''}: ${f.message}\n`,
          );
        }
      }
      if (!result.ok) process.exitCode = 1;
    });
};
