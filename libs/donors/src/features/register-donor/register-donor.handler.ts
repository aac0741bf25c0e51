import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { donorIdentityStreamId, donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import { DuplicateDocument } from '../../domain/donor/donor.errors';
import { donorIdentityDecider } from '../../domain/donor-identity/donor-identity.decide';
import { DONOR_DOCUMENTS } from '../../read-models/collections';
import { documentHash, normaliseDocumentNumber } from './document-hash';
import { RegisterDonorCommand } from './register-donor.command';

/**
 * Two streams: Donor-<id> (traceability, sex and birth date only) and DonorIdentity-<id> (personal
 * data). The traceability stream is written first, so a failure in between leaves no orphan identity;
 * the duplicate check reads document hashes, never numbers.
 */
@CommandHandler(RegisterDonorCommand)
export class RegisterDonorHandler implements ICommandHandler<RegisterDonorCommand, { donorId: string }> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ request, ctx }: RegisterDonorCommand): Promise<{ donorId: string }> {
    const hash = documentHash(request.document.type, request.document.number);
    const existing = await this.readModels.get<{ donorId: string }>(DONOR_DOCUMENTS, hash);
    if (existing) throw new DuplicateDocument(existing.donorId);
    const donorId = newId();
    await this.executor.execute(
      donorDecider,
      donorStreamId(donorId),
      {
        type: 'RegisterDonor',
        donorId,
        sex: request.sex,
        birthDate: request.birthDate,
        siteId: ctx.actor.siteId,
        at: ctx.now,
      },
      ctx,
    );
    await this.executor.execute(
      donorIdentityDecider,
      donorIdentityStreamId(donorId),
      {
        type: 'RecordDonorIdentity',
        identity: {
          donorId,
          name: request.name.trim(),
          document: { type: request.document.type, number: normaliseDocumentNumber(request.document.number) },
          documentHash: hash,
          birthDate: request.birthDate,
          sex: request.sex,
          contact: { ...request.contact },
          recordedAt: ctx.now,
        },
      },
      ctx,
    );
    return { donorId };
  }
}
