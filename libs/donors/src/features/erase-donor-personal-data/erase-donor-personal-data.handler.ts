import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { CommandExecutor, PERSONAL_DATA_KEYS } from '@hemotrace/platform';
import { donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import { DonorPersonalDataAlreadyErased } from '../../domain/donor/donor.errors';
import { donorSubject } from '../../read-models/donor-identity.reader';
import { EraseDonorPersonalDataCommand } from './erase-donor-personal-data.command';

/**
 * The erasure is decided on Donor-<id> and recorded first; then the key is destroyed. A crash in
 * between leaves a recorded erasure with a live key: the next erase attempt (409) destroys it, and
 * the read path already hides the identity from the recorded event.
 */
@CommandHandler(EraseDonorPersonalDataCommand)
export class EraseDonorPersonalDataHandler implements ICommandHandler<EraseDonorPersonalDataCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  async execute(cmd: EraseDonorPersonalDataCommand): Promise<{ donorId: string; erasedAt: string }> {
    try {
      await this.executor.execute(
        donorDecider,
        donorStreamId(cmd.donorId),
        {
          type: 'EraseDonorPersonalData',
          donorId: cmd.donorId,
          legalBasis: cmd.legalBasis,
          reason: cmd.reason,
          at: cmd.ctx.now,
        },
        cmd.ctx,
      );
    } catch (error) {
      if (error instanceof DonorPersonalDataAlreadyErased)
        await this.keys.destroy(donorSubject(cmd.donorId), cmd.ctx.now);
      throw error;
    }
    await this.keys.destroy(donorSubject(cmd.donorId), cmd.ctx.now);
    return { donorId: cmd.donorId, erasedAt: cmd.ctx.now };
  }
}
