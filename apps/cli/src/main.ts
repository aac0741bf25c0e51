import { Command } from 'commander';
import { registerAuditConsistency } from './commands/audit-consistency.command';
import { registerCheckpoint } from './commands/checkpoint.command';
import { registerCopy } from './commands/copy.command';
import { registerDeadLetters } from './commands/dead-letters';
import { registerVerify } from './commands/verify.command';
import { registerDemo } from './commands/demo';
import { registerErase } from './commands/erase.command';
import { registerLabel } from './commands/label';
import { registerLookback } from './commands/lookback';
import { registerRebuild } from './commands/rebuild';
import { registerTrace } from './commands/trace';
import { registerVerifyExport } from './commands/verify-export';

/** The `hemotrace` command line; every command lives in its own file under commands/. */
export const buildProgram = (): Command => {
  const program = new Command('hemotrace')
    .description('Hemotrace: event-sourced vein-to-vein blood traceability')
    .showHelpAfterError();
  registerCopy(program);
  registerVerify(program);
  registerDemo(program);
  registerTrace(program);
  registerLookback(program);
  registerVerifyExport(program);
  registerRebuild(program);
  registerAuditConsistency(program);
  registerCheckpoint(program);
  registerDeadLetters(program);
  registerErase(program);
  registerLabel(program);
  return program;
};

export const runCli = (argv: string[]): Promise<void> =>
  buildProgram()
    .parseAsync(argv)
    .then(
      () => undefined,
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
      },
    );

if (require.main === module) void runCli(process.argv);
