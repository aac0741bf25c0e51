import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { onStream } from '@hemotrace/event-sourcing';
import { CommandExecutor } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { reservationIfAllocated } from '../shared/unit-reservation';
import { TransfusionAccess } from '../shared/transfusion-access';
import { ReleaseEmergencyUnitCommand } from './release-emergency-unit.command';

@CommandHandler(ReleaseEmergencyUnitCommand)
export class ReleaseEmergencyUnitHandler implements ICommandHandler<ReleaseEmergencyUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, request, ctx }: ReleaseEmergencyUnitCommand) {
    const state = await this.access.request(requestId, ctx.actor);
    const patient = await this.access.patient(state.patientId, ctx.actor);
    const unit = await this.access.unit(request.din, request.productCode, state.hospitalSiteId);
    const [outcome] = await this.executor.executeMany(
      [
        onStream(transfusionRequestDecider, transfusionRequestStreamId(requestId), {
          type: 'ReleaseEmergencyUnit',
          unit,
          patient,
          reason: request.reason,
          profile: this.profile,
          actor: ctx.actor,
          now: ctx.now,
        }),
        reservationIfAllocated(unit.unitId, requestId, ctx.now),
      ],
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
