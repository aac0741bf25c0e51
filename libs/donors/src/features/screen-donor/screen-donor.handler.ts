import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { InvalidInput, newId } from '@hemotrace/kernel';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import type { DonorEvent } from '../../domain/donor/donor.events';
import type { DonorRegulatoryProfile } from '../../domain/profiles';
import { DONOR_PROFILE } from '../../donors.tokens';
import { DonorEligibilityQuery } from '../../read-models/donor-eligibility.query';
import type { ScreeningOutcome } from './screen-donor.command';
import { ScreenDonorCommand } from './screen-donor.command';

@CommandHandler(ScreenDonorCommand)
export class ScreenDonorHandler implements ICommandHandler<ScreenDonorCommand, ScreeningOutcome> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly eligibility: DonorEligibilityQuery,
    @Inject(DONOR_PROFILE) private readonly profile: DonorRegulatoryProfile,
  ) {}

  async execute({ donorId, request, ctx }: ScreenDonorCommand): Promise<ScreeningOutcome> {
    const answers = request.answers;
    const notBoolean = Object.entries(answers).filter(([, value]) => typeof value !== 'boolean');
    if (notBoolean.length > 0) {
      throw new InvalidInput('DONORS.INVALID_ANSWERS', 'Every answer must be true (yes) or false (no)', {
        questions: notBoolean.map(([id]) => id),
      });
    }
    const screenedAt = businessTimeOr(request.screenedAt, ctx.now);
    const screeningId = newId();
    const outcome = await this.executor.execute(
      donorDecider,
      donorStreamId(donorId),
      {
        type: 'ScreenDonor',
        donorId,
        screeningId,
        deferralId: newId(),
        procedure: request.procedure,
        measurements: { ...request.measurements },
        answers,
        history: await this.eligibility.pastDonations(donorId),
        profile: this.profile,
        screenedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        at: ctx.now,
      },
      { ...ctx, now: screenedAt },
    );
    const decision = outcome.events.map((e) => ({ type: e.type, data: e.data }) as DonorEvent).at(-1);
    if (decision?.type === 'DonorDeferred') {
      const { deferralId, kind, until, reasons } = decision.data;
      return {
        donorId,
        screeningId: decision.data.screeningId ?? screeningId,
        outcome: 'DEFERRED',
        deferral: { deferralId, kind, reasons, ...(until === undefined ? {} : { until }) },
      };
    }
    if (decision?.type === 'DonorFoundEligible') {
      return {
        donorId,
        screeningId: decision.data.screeningId,
        outcome: 'ELIGIBLE',
        validUntil: decision.data.validUntil,
      };
    }
    throw new Error(`Screening of donor ${donorId} recorded no decision`);
  }
}
