import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { CommandExecutor, PERSONAL_DATA_KEYS } from '@hemotrace/platform';
import { patientStreamId } from '../../contracts/transfusion.contracts';
import { patientDecider } from '../../domain/patient/patient.decide';
import { PatientPersonalDataAlreadyErased } from '../../domain/transfusion.errors';
import { patientSubject } from '../../read-models/patient-identity.keys';
import { ErasePatientPersonalDataCommand } from './erase-patient-personal-data.command';

/**
 * Decided on Patient-<id> and recorded first, then the key is destroyed; a crash in between is
 * completed by the next attempt (409), and the read path hides the identity from the recorded fact.
 */
@CommandHandler(ErasePatientPersonalDataCommand)
export class ErasePatientPersonalDataHandler implements ICommandHandler<ErasePatientPersonalDataCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  async execute(cmd: ErasePatientPersonalDataCommand): Promise<{ patientId: string; erasedAt: string }> {
    try {
      await this.executor.execute(
        patientDecider,
        patientStreamId(cmd.patientId),
        {
          type: 'ErasePatientPersonalData',
          patientId: cmd.patientId,
          legalBasis: cmd.legalBasis,
          reason: cmd.reason,
          actor: cmd.ctx.actor,
          now: cmd.ctx.now,
        },
        cmd.ctx,
      );
    } catch (error) {
      if (error instanceof PatientPersonalDataAlreadyErased)
        await this.keys.destroy(patientSubject(cmd.patientId), cmd.ctx.now);
      throw error;
    }
    await this.keys.destroy(patientSubject(cmd.patientId), cmd.ctx.now);
    return { patientId: cmd.patientId, erasedAt: cmd.ctx.now };
  }
}
