import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { InvalidInput } from '@hemotrace/kernel';
import { onStream } from '@hemotrace/event-sourcing';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { reservationIfAllocated } from '../shared/unit-reservation';
import { TransfusionAccess } from '../shared/transfusion-access';
import { CrossmatchUnitCommand } from './crossmatch-unit.command';

/**
 * Gathers the patient's samples and the unit's facts; the decider applies every compatibility rule.
 * An allocation is written with the unit's reservation in one atomic append (race-free per unit).
 */
@CommandHandler(CrossmatchUnitCommand)
export class CrossmatchUnitHandler implements ICommandHandler<CrossmatchUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, request, ctx }: CrossmatchUnitCommand) {
    if (request.method === 'ELECTRONIC' && request.result !== undefined) {
      throw new InvalidInput(
        'TRANSFUSION.ELECTRONIC_RESULT_ENTERED',
        'An electronic crossmatch result is decided by the rules, not entered',
      );
    }
    const performedAt = businessTimeOr(request.performedAt, ctx.now);
    const state = await this.access.request(requestId, ctx.actor);
    const patient = await this.access.patient(state.patientId, ctx.actor);
    const unit = await this.access.unit(request.din, request.productCode, state.hospitalSiteId);
    const [outcome] = await this.executor.executeMany(
      [
        onStream(transfusionRequestDecider, transfusionRequestStreamId(requestId), {
          type: 'CrossmatchUnit',
          unit,
          patient,
          method: request.method,
          ...(request.result ? { serologicalResult: request.result } : {}),
          profile: this.profile,
          occurredAt: performedAt,
          ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
          timePolicy: this.profile.businessTime,
          actor: ctx.actor,
          now: ctx.now,
        }),
        reservationIfAllocated(unit.unitId, requestId, performedAt),
      ],
      { ...ctx, now: performedAt },
    );
    const allocation = outcome.events.find((e) => e.type === 'UnitAllocated');
    return { crossmatch: outcome.events[0]?.data, allocated: allocation !== undefined };
  }
}
