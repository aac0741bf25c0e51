import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import { RequestTransfusionCommand } from './request-transfusion.command';

@CommandHandler(RequestTransfusionCommand)
export class RequestTransfusionHandler implements ICommandHandler<RequestTransfusionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ request, ctx }: RequestTransfusionCommand) {
    const patient = await this.access.patient(request.patientId, ctx.actor);
    const requestId = newId();
    const requestedAt = businessTimeOr(request.requestedAt, ctx.now);
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      {
        type: 'RequestTransfusion',
        requestId,
        patient,
        product: request.product,
        quantity: request.quantity,
        urgency: request.urgency,
        irradiated: request.irradiated ?? false,
        leukoreduced: request.leukoreduced ?? false,
        antigenNegative: request.antigenNegative ?? [],
        indication: request.indication,
        occurredAt: requestedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        timePolicy: this.profile.businessTime,
        actor: ctx.actor,
        now: ctx.now,
      },
      { ...ctx, now: requestedAt },
    );
    return outcome.events[0]?.data;
  }
}
