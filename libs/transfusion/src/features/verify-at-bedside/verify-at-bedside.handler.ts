import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { parseDin, parseProductCode } from '@hemotrace/kernel';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import type { BedsideCheckFailedContract } from '../../contracts/transfusion.contracts';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import { BedsideMismatch } from '../../domain/transfusion.errors';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import { VerifyAtBedsideCommand } from './verify-at-bedside.command';

/**
 * The one command in this context that writes and still fails: a mismatch at the bedside is a
 * near-miss that haemovigilance must keep (who scanned what, when), so the decider returns
 * BedsideCheckFailed, it is appended, and only then the caller gets 422 TRANSFUSION.BEDSIDE_MISMATCH.
 * A retry with the same Idempotency-Key returns the same 422 without writing a second record.
 */
@CommandHandler(VerifyAtBedsideCommand)
export class VerifyAtBedsideHandler implements ICommandHandler<VerifyAtBedsideCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, request, ctx }: VerifyAtBedsideCommand) {
    const checkedAt = businessTimeOr(request.checkedAt, ctx.now);
    await this.access.request(requestId, ctx.actor);
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      {
        type: 'VerifyAtBedside',
        scannedPatientId: request.scannedPatientId,
        scannedDin: parseDin(request.scannedDin).value,
        scannedProductCode: parseProductCode(request.scannedProductCode).value,
        occurredAt: checkedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        timePolicy: this.profile.businessTime,
        actor: ctx.actor,
        now: ctx.now,
      },
      { ...ctx, now: checkedAt },
    );
    const failed = outcome.events.find((e) => e.type === 'BedsideCheckFailed');
    if (failed)
      throw new BedsideMismatch((failed.data as BedsideCheckFailedContract).reasons, failed.eventId);
    return outcome.events[0]?.data;
  }
}
