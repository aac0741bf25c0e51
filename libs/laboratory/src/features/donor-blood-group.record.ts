import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, ReadModelStore, StreamCommand } from '@hemotrace/event-sourcing';
import { onStream, ProjectionRunner, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { BloodGroup } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import type { DonationQualified } from '../domain/donation-testing/donation-testing.events';
import {
  donorBloodGroupDecider,
  donorBloodGroupStreamId,
} from '../domain/donor-blood-group/donor-blood-group.decide';
import { groupOnRecord } from '../domain/donor-blood-group/donor-blood-group.state';
import type { DonorGroupDoc } from '../read-models/collections';
import { LAB_DONOR_GROUPS } from '../read-models/collections';
import { donorGroupsProjection } from '../read-models/donor-groups.projection';

/**
 * The donor's ABO/RhD on record, on the laboratory's own stream per donor (`DonorBloodGroup-`),
 * not on a read model: a grouping is judged against the stream as stored, however far the
 * projections are behind. The stream is appended in the same atomic append as the qualification
 * that establishes the group, with its expected version, so two qualifications of one donor
 * cannot both write unseen, and no reaction can lag behind or fail to record it. (An automatic
 * reaction to DonationQualified was the alternative: it would lag like any consumer, and on an
 * existing store it would append a stream per donor when the server first opens it.)
 */
@Injectable()
export class DonorBloodGroupRecord {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async groupOnRecord(donorId: string): Promise<BloodGroup | null> {
    const { state } = await this.executor.load(donorBloodGroupDecider, donorBloodGroupStreamId(donorId));
    const recorded = groupOnRecord(state);
    if (recorded) return recorded;
    /* A donor qualified before the streams existed: the read model of the same qualifications, caught up first. */
    await this.runner.catchUp([donorGroupsProjection.name]);
    return (await this.readModels.get<DonorGroupDoc>(LAB_DONOR_GROUPS, donorId))?.bloodGroup ?? null;
  }

  /** For the conclusion's atomic append: a qualification decided beside it puts its group on the donor's record. */
  onQualification(donorId: string, judgedAgainst: BloodGroup | null): StreamCommand {
    return onStream(
      donorBloodGroupDecider,
      donorBloodGroupStreamId(donorId),
      (earlier: readonly DomainEvent[]) => {
        const qualified = earlier.find((e) => e.type === 'DonationQualified')?.data as
          DonationQualified | undefined;
        return qualified
          ? {
              type: 'RecordDonorBloodGroup' as const,
              donorId: qualified.donorId,
              din: qualified.din,
              bloodGroup: qualified.bloodGroup,
              qualifiedAt: qualified.qualifiedAt,
              judgedAgainst,
            }
          : null;
      },
    );
  }
}
