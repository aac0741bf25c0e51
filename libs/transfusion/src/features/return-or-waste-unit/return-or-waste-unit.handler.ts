import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { parseUnitId } from '@hemotrace/kernel';
import { onStream } from '@hemotrace/event-sourcing';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { reservationReleasedIfReturned } from '../shared/unit-reservation';
import { TransfusionAccess } from '../shared/transfusion-access';
import { ReturnUnitCommand, WasteUnitCommand } from './return-or-waste-unit.command';

@CommandHandler(ReturnUnitCommand)
export class ReturnUnitHandler implements ICommandHandler<ReturnUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, unitId, request, ctx }: ReturnUnitCommand) {
    await this.access.request(requestId, ctx.actor);
    const id = parseUnitId(unitId).value;
    const returnedAt = businessTimeOr(request.returnedAt, ctx.now);
    const [outcome] = await this.executor.executeMany(
      [
        onStream(transfusionRequestDecider, transfusionRequestStreamId(requestId), {
          type: 'ReturnUnitToBloodBank',
          unitId: id,
          minutesOutOfStorage: request.minutesOutOfStorage,
          temperatureC: request.temperatureC,
          profile: this.profile,
          occurredAt: returnedAt,
          ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
          timePolicy: this.profile.businessTime,
          actor: ctx.actor,
          now: ctx.now,
        }),
        reservationReleasedIfReturned(id, requestId, returnedAt),
      ],
      { ...ctx, now: returnedAt },
    );
    return outcome.events[0]?.data;
  }
}

@CommandHandler(WasteUnitCommand)
export class WasteUnitHandler implements ICommandHandler<WasteUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, unitId, request, ctx }: WasteUnitCommand) {
    await this.access.request(requestId, ctx.actor);
    const wastedAt = businessTimeOr(request.wastedAt, ctx.now);
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      {
        type: 'WasteUnit',
        unitId: parseUnitId(unitId).value,
        reason: request.reason,
        occurredAt: wastedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        timePolicy: this.profile.businessTime,
        actor: ctx.actor,
        now: ctx.now,
      },
      { ...ctx, now: wastedAt },
    );
    return outcome.events[0]?.data;
  }
}
