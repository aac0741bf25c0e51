import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { TraceExport, TraceIntegrity } from '@hemotrace/traceability';
import { TRACE_EXPORT_FORMAT, verifyTraceStreams } from '@hemotrace/traceability';

export interface ExportVerification extends TraceIntegrity {
  file: string;
  subject: TraceExport['subject'] | null;
  /** False when the file says it verified differently from what it holds (an edited verdict). */
  recordedVerdictMatches: boolean;
}

const problem = (file: string, message: string): ExportVerification => ({
  file,
  subject: null,
  ok: false,
  eventsChecked: 0,
  streamsChecked: 0,
  recordedVerdictMatches: false,
  findings: [
    { problem: 'HASH_MISMATCH', streamId: '', streamVersion: 0, globalPosition: 0, eventId: '', message },
  ],
});

/**
 * Recomputes every hash chain of an exported trace from the file alone: no server, no database.
 * Any changed field, removed, inserted or reordered event, or truncated stream makes it fail.
 */
export const verifyExportFile = (file: string): ExportVerification => {
  let parsed: TraceExport;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as TraceExport;
  } catch (error) {
    return problem(file, `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed?.format !== TRACE_EXPORT_FORMAT || !Array.isArray(parsed.streams)) {
    return problem(file, `${file} is not a ${TRACE_EXPORT_FORMAT} file`);
  }
  const report = verifyTraceStreams(parsed.streams, parsed.asOf ?? null);
  return {
    ...report,
    file,
    subject: parsed.subject ?? null,
    recordedVerdictMatches: parsed.integrity?.ok === report.ok,
  };
};

export const registerVerifyExport = (program: Command): void => {
  program
    .command('verify-export')
    .description('Verify an exported trace offline: recompute every hash chain in the file')
    .argument('<file>', 'a file saved from GET /api/v1/trace/units/:unitId/export')
    .option('--json', 'print the full report as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const result = verifyExportFile(file);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const subject = result.subject ? `${result.subject.kind} ${result.subject.id}` : 'unknown subject';
        process.stdout.write(
          `${result.ok ? 'OK' : 'ALTERED'}: ${subject}, ${result.eventsChecked} events in ${result.streamsChecked} streams\n`,
        );
        for (const f of result.findings) {
          process.stdout.write(`  ${f.problem} ${f.streamId} v${f.streamVersion}: ${f.message}\n`);
        }
      }
      if (!result.ok) process.exitCode = 1;
    });
};
