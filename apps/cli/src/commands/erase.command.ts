import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import type { CommandContext } from '@hemotrace/auth';
import type { ErasureLegalBasis } from '@hemotrace/donors/tooling';
import { DonorsModule } from '@hemotrace/donors';
import { EraseDonorPersonalDataCommand, ERASURE_LEGAL_BASES } from '@hemotrace/donors/tooling';
import { MessagingModule } from '@hemotrace/messaging';
import { newId } from '@hemotrace/kernel';
import type { HemotraceConfig } from '@hemotrace/platform';
import { PlatformModule } from '@hemotrace/platform';
import type { PatientErasureLegalBasis } from '@hemotrace/transfusion/tooling';
import { TransfusionModule } from '@hemotrace/transfusion';
import { ErasePatientPersonalDataCommand, PATIENT_ERASURE_LEGAL_BASES } from '@hemotrace/transfusion/tooling';
import type { StoreFlags } from '../cli-config';
import { cliConfig, withStoreOptions } from '../cli-config';

/** The two contexts that own personal data, on the platform, without HTTP. */
@Module({})
class ErasureModule {
  static forRoot(config: HemotraceConfig): DynamicModule {
    return {
      module: ErasureModule,
      imports: [PlatformModule.forRoot(config), MessagingModule.forRoot(), DonorsModule, TransfusionModule],
    };
  }
}

type EraseFlags = StoreFlags & { reason: string; legalBasis: string; user?: string; site?: string };

/**
 * The same command the admin route runs, through the application's own handler (decided on the
 * person's stream, erasure recorded, key destroyed); whoever runs it is recorded as the admin actor.
 */
export const registerErase = (program: Command): void => {
  withStoreOptions(program.command('erase'))
    .description("erase a donor's or patient's identity (crypto-shredding): destroys the key, records why")
    .argument('<kind>', 'donor | patient')
    .argument('<id>', 'donor id or patient id')
    .requiredOption('--reason <reason>', 'reference of the request or order (no personal data)')
    .option(
      '--legal-basis <basis>',
      'GDPR_ART_17 | DONOR_REQUEST | PATIENT_REQUEST | COURT_ORDER | PIPL_ART_47',
      'GDPR_ART_17',
    )
    .option('--user <user>', 'who erases, recorded as the actor', process.env.USER ?? 'cli')
    .option('--site <site>', 'site of the actor', 'BC-1')
    .action(async (kind: string, id: string, flags: EraseFlags) => {
      if (kind !== 'donor' && kind !== 'patient') throw new Error(`erase donor|patient, not ${kind}`);
      const bases: readonly string[] = kind === 'donor' ? ERASURE_LEGAL_BASES : PATIENT_ERASURE_LEGAL_BASES;
      if (!bases.includes(flags.legalBasis))
        throw new Error(`--legal-basis is one of ${bases.join(', ')}; got ${flags.legalBasis}`);
      const config = cliConfig(flags, { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
      const app = await NestFactory.createApplicationContext(ErasureModule.forRoot(config), {
        logger: false,
      });
      try {
        const commandId = newId();
        const ctx: CommandContext = {
          actor: { userId: flags.user ?? 'cli', role: 'admin', siteId: flags.site ?? 'BC-1' },
          correlationId: commandId,
          causationId: null,
          commandId,
          now: new Date().toISOString(),
        };
        const bus = app.get(CommandBus);
        const result: { erasedAt: string } =
          kind === 'donor'
            ? await bus.execute(
                new EraseDonorPersonalDataCommand(
                  id,
                  flags.legalBasis as ErasureLegalBasis,
                  flags.reason,
                  ctx,
                ),
              )
            : await bus.execute(
                new ErasePatientPersonalDataCommand(
                  id,
                  flags.legalBasis as PatientErasureLegalBasis,
                  flags.reason,
                  ctx,
                ),
              );
        console.log(`${kind} ${id}: identity erased at ${result.erasedAt} (${flags.legalBasis})`);
      } finally {
        await app.close();
      }
    });
};
