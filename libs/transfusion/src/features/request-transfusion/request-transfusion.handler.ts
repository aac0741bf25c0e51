import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TransfusionAccess } from '../shared/transfusion-access';
import { RequestTransfusionCommand } from './request-transfusion.command';

@CommandHandler(RequestTransfusionCommand)
export class RequestTransfusionHandler implements ICommandHandler<RequestTransfusionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
  ) {}

  async execute({ request, ctx }: RequestTransfusionCommand) {
    const patient = await this.access.patient(request.patientId, ctx.actor);
    const requestId = newId();
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
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
