import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { parseBloodGroup } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { patientStreamId } from '../../contracts/transfusion.contracts';
import { patientDecider } from '../../domain/patient/patient.decide';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import {
  RecordAntibodyIdentificationCommand,
  RecordHistoricalGroupCommand,
  RecordPatientSampleCommand,
} from './record-patient-sample.command';

const iso = (value: string): string => new Date(value).toISOString();

@CommandHandler(RecordPatientSampleCommand)
export class RecordPatientSampleHandler implements ICommandHandler<RecordPatientSampleCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ patientId, request, ctx }: RecordPatientSampleCommand) {
    await this.access.patient(patientId, ctx.actor);
    const outcome = await this.executor.execute(
      patientDecider,
      patientStreamId(patientId),
      {
        type: 'RecordPatientSample',
        sampleId: request.sampleId,
        collectedAt: iso(request.collectedAt),
        bloodGroup: parseBloodGroup(request.bloodGroup),
        antibodyScreen: request.antibodyScreen,
        profile: this.profile,
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}

@CommandHandler(RecordAntibodyIdentificationCommand)
export class RecordAntibodyIdentificationHandler implements ICommandHandler<RecordAntibodyIdentificationCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
  ) {}

  async execute({ patientId, sampleId, request, ctx }: RecordAntibodyIdentificationCommand) {
    await this.access.patient(patientId, ctx.actor);
    const outcome = await this.executor.execute(
      patientDecider,
      patientStreamId(patientId),
      {
        type: 'RecordAntibodyIdentification',
        sampleId,
        antibodies: request.antibodies,
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}

@CommandHandler(RecordHistoricalGroupCommand)
export class RecordHistoricalGroupHandler implements ICommandHandler<RecordHistoricalGroupCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
  ) {}

  async execute({ patientId, request, ctx }: RecordHistoricalGroupCommand) {
    await this.access.patient(patientId, ctx.actor);
    const outcome = await this.executor.execute(
      patientDecider,
      patientStreamId(patientId),
      {
        type: 'RecordHistoricalGroup',
        bloodGroup: parseBloodGroup(request.bloodGroup),
        source: request.source,
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
