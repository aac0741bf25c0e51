import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@hemotrace/auth';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { ConcurrencyError, onStream, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { CommandExecutor, PERSONAL_DATA_KEYS } from '@hemotrace/platform';
import { donorIdentityStreamId, donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import {
  donorDocumentDecider,
  donorDocumentStreamId,
} from '../../domain/donor-document/donor-document.decide';
import { DuplicateDocument } from '../../domain/donor/donor.errors';
import { donorIdentityDecider } from '../../domain/donor-identity/donor-identity.decide';
import { DONOR_DOCUMENTS } from '../../read-models/collections';
import { sealDonorIdentity } from '../../read-models/donor-identity.reader';
import { documentHash, normaliseDocumentNumber } from './document-hash';
import { RegisterDonorCommand } from './register-donor.command';

/**
 * Three streams, one fact, one atomic append: DonorDocument-<document hash> (expected version
 * `no_stream`: of two registrations racing for one document exactly one gets it), Donor-<id>
 * (traceability, sex and birth date only) and DonorIdentity-<id> (personal data). Either all three
 * are written or none is. A retried Idempotency-Key finds its commandId on the reservation, takes
 * that run's donorId and writes nothing new. The identity is sealed with the donor's own key before
 * it reaches the log (or completes a registration that code from before
 * atomic appends left half written).
 */
@CommandHandler(RegisterDonorCommand)
export class RegisterDonorHandler implements ICommandHandler<RegisterDonorCommand, { donorId: string }> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  async execute({ request, ctx }: RegisterDonorCommand): Promise<{ donorId: string }> {
    const hash = documentHash(request.document.type, request.document.number);
    const documentStream = donorDocumentStreamId(hash);
    await this.refuseDocumentRegisteredBeforeReservations(hash, documentStream);
    try {
      return await this.register(request, ctx, hash, documentStream);
    } catch (error) {
      /* Someone reserved the document between our read and our append: decide again on what they wrote. */
      if (error instanceof ConcurrencyError) return this.register(request, ctx, hash, documentStream);
      throw error;
    }
  }

  private async register(
    request: RegisterDonorCommand['request'],
    ctx: CommandContext,
    hash: string,
    documentStream: string,
  ): Promise<{ donorId: string }> {
    const reservation = await this.executor.load(donorDocumentDecider, documentStream);
    const donorId =
      reservation.state.status === 'Reserved' && reservation.commandIds.has(ctx.commandId)
        ? reservation.state.donorId
        : newId();
    const sealed = await sealDonorIdentity(this.keys, donorId, {
      name: request.name.trim(),
      document: { type: request.document.type, number: normaliseDocumentNumber(request.document.number) },
      birthDate: request.birthDate,
      sex: request.sex,
      contact: { ...request.contact },
    });
    await this.executor.executeMany(
      [
        onStream(donorDocumentDecider, documentStream, {
          type: 'ReserveDocument',
          documentHash: hash,
          donorId,
        }),
        onStream(donorDecider, donorStreamId(donorId), {
          type: 'RegisterDonor',
          donorId,
          sex: request.sex,
          birthDate: request.birthDate,
          siteId: ctx.actor.siteId,
          at: ctx.now,
        }),
        onStream(donorIdentityDecider, donorIdentityStreamId(donorId), {
          type: 'RecordDonorIdentity',
          identity: { donorId, documentHash: hash, sealed, recordedAt: ctx.now },
        }),
      ],
      ctx,
    );
    return { donorId };
  }

  /**
   * Donors registered before document reservations existed have no DonorDocument stream; the
   * document read model still knows their hash. Only a hit without a reservation refuses here: with
   * one, the reservation decides (a retried Idempotency-Key gets its first result, anyone else 409).
   */
  private async refuseDocumentRegisteredBeforeReservations(
    hash: string,
    documentStream: string,
  ): Promise<void> {
    const known = await this.readModels.get<{ donorId: string }>(DONOR_DOCUMENTS, hash);
    if (!known) return;
    const reservation = await this.executor.load(donorDocumentDecider, documentStream);
    if (!reservation.exists) throw new DuplicateDocument(known.donorId);
  }
}
