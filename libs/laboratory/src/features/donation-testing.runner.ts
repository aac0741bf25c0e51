import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import { parseDin } from '@hemotrace/kernel';
import type { StreamCommand } from '@hemotrace/event-sourcing';
import { onStream } from '@hemotrace/event-sourcing';
import { CommandExecutor } from '@hemotrace/platform';
import { donationTestingStreamId } from '../contracts/laboratory.contracts';
import type {
  DonationTestingCommand,
  UntimedCommand,
} from '../domain/donation-testing/donation-testing.commands';
import { donationTestingDecider } from '../domain/donation-testing/donation-testing.decide';
import { DonationNotFound } from '../domain/donation-testing/donation-testing.errors';
import type { DonationTestingEvent } from '../domain/donation-testing/donation-testing.events';
import type { DonationTesting } from '../domain/donation-testing/donation-testing.state';
import type { LaboratoryProfile } from '../domain/profiles';
import { LABORATORY_PROFILE } from '../laboratory.tokens';
import type { TestingStatusView } from '../read-models/laboratory.queries';
import { LaboratoryQueries } from '../read-models/laboratory.queries';
import { CollectedDonationReader } from './collected-donation.reader';

export interface TestingFacts {
  din: string;
  donation: { donorId: string; collectedAt: string };
  profile: LaboratoryProfile;
}

export interface TestingCommandResult {
  din: string;
  /** Event types this command recorded (for a retried Idempotency-Key: those of the first run). */
  recorded: string[];
  /** True when the Idempotency-Key was seen before and nothing new was written. */
  duplicate: boolean;
  testing: TestingStatusView | null;
}

/** A DIN from a path: 13 characters, or 14 with the keyboard check character (verified). */
export const dinFromPath = (raw: string): string => parseDin(raw).value;

/**
 * What every laboratory handler does around its decider: the donation must be known from
 * collection's own stream (404 otherwise), the profile is the configured one, and the reply's testing status is
 * the view of the state the command decided on its own stream: the reply waits for no projection.
 */
@Injectable()
export class DonationTestingRunner {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly queries: LaboratoryQueries,
    private readonly donations: CollectedDonationReader,
    @Inject(LABORATORY_PROFILE) private readonly profile: LaboratoryProfile,
  ) {}

  async run(
    din: string,
    ctx: CommandContext,
    build: (facts: TestingFacts) => UntimedCommand | Promise<UntimedCommand>,
    /** The business time of the fact recorded, kept as the envelope's occurredAt. */
    occurredAt: string = ctx.now,
    /** Other laboratory streams the same fact is appended to, atomically (see executeMany). */
    alongside?: (facts: TestingFacts) => StreamCommand[],
  ): Promise<TestingCommandResult> {
    const donation = await this.donations.collected(din);
    if (!donation) throw new DonationNotFound(din);
    const facts = { din, donation, profile: this.profile };
    const built = await build(facts);
    const command = { ...built, timePolicy: this.profile.businessTime } as DonationTestingCommand;
    const streamId = donationTestingStreamId(din);
    const context = { ...ctx, now: occurredAt };
    const outcome = alongside
      ? await this.executor
          .executeMany([onStream(donationTestingDecider, streamId, command), ...alongside(facts)], context)
          .then(([testing]) => ({
            ...testing,
            events: testing.events as { type: DonationTestingEvent['type'] }[],
            state: testing.state as DonationTesting,
          }))
      : await this.executor.execute(donationTestingDecider, streamId, command, context);
    return {
      din,
      recorded: outcome.events.map((e) => e.type),
      duplicate: outcome.duplicate,
      testing: this.queries.testingView(donation, outcome.state),
    };
  }
}
