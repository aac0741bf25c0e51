import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { CommandExecutor } from '@hemotrace/platform';
import { patientStreamId } from '../../contracts/transfusion.contracts';
import { patientDecider } from '../../domain/patient/patient.decide';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import type { DonorHistoryView } from '../../read-models/donor-history.projection';
import { DONOR_HISTORY } from '../../read-models/donor-history.projection';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import { AssessBloodFeeExemptionCommand } from './assess-blood-fee-exemption.command';

@CommandHandler(AssessBloodFeeExemptionCommand)
export class AssessBloodFeeExemptionHandler implements ICommandHandler<AssessBloodFeeExemptionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ patientId, request, ctx }: AssessBloodFeeExemptionCommand) {
    await this.access.patient(patientId, ctx.actor);
    const history = await this.store.get<DonorHistoryView>(DONOR_HISTORY, request.donorId);
    const outcome = await this.executor.execute(
      patientDecider,
      patientStreamId(patientId),
      {
        type: 'AssessBloodFeeExemption',
        donorId: request.donorId,
        relationship: request.relationship,
        donations: (history?.donations ?? []).map((d) => ({ din: d.din, volumeMl: d.volumeMl })),
        profile: this.profile,
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
