import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@hemotrace/auth';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { ConcurrencyError, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { donorIdentityStreamId, donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import type { ReserveDocument } from '../../domain/donor-document/donor-document.decide';
import {
  donorDocumentDecider,
  donorDocumentStreamId,
} from '../../domain/donor-document/donor-document.decide';
import { DuplicateDocument } from '../../domain/donor/donor.errors';
import { donorIdentityDecider } from '../../domain/donor-identity/donor-identity.decide';
import { DONOR_DOCUMENTS } from '../../read-models/collections';
import { documentHash, normaliseDocumentNumber } from './document-hash';
import { RegisterDonorCommand } from './register-donor.command';

/**
 * Three streams. DonorDocument-<document hash> is written first, with expected version `no_stream`:
 * of two registrations racing for one document exactly one gets it, and the other writes nothing.
 * Then Donor-<id> (traceability, sex and birth date only) and DonorIdentity-<id> (personal data).
 * All three appends carry the same commandId, so a retried Idempotency-Key finds the first run's
 * reservation, its donorId, and completes whatever that run left unwritten.
 */
@CommandHandler(RegisterDonorCommand)
export class RegisterDonorHandler implements ICommandHandler<RegisterDonorCommand, { donorId: string }> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ request, ctx }: RegisterDonorCommand): Promise<{ donorId: string }> {
    const hash = documentHash(request.document.type, request.document.number);
    const documentStream = donorDocumentStreamId(hash);
    await this.refuseDocumentRegisteredBeforeReservations(hash, documentStream);
    const donorId = await this.reserveDocument(documentStream, hash, ctx);
    await this.retryingOnce(() =>
      this.executor.execute(
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
      ),
    );
    await this.retryingOnce(() =>
      this.executor.execute(
        donorIdentityDecider,
        donorIdentityStreamId(donorId),
        {
          type: 'RecordDonorIdentity',
          identity: {
            donorId,
            name: request.name.trim(),
            document: {
              type: request.document.type,
              number: normaliseDocumentNumber(request.document.number),
            },
            documentHash: hash,
            birthDate: request.birthDate,
            sex: request.sex,
            contact: { ...request.contact },
            recordedAt: ctx.now,
          },
        },
        ctx,
      ),
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

  /** The donorId holding the document for this command: a new one, or the first run's on a retry. */
  private async reserveDocument(documentStream: string, hash: string, ctx: CommandContext): Promise<string> {
    const command: ReserveDocument = { type: 'ReserveDocument', documentHash: hash, donorId: newId() };
    const outcome = await this.retryingOnce(() =>
      this.executor.execute(donorDocumentDecider, documentStream, command, ctx),
    );
    if (outcome.state.status !== 'Reserved') throw new Error(`${documentStream} was not reserved`);
    return outcome.state.donorId;
  }

  /**
   * Someone appended between our read and our append. Deciding again on what they wrote gives the
   * first result to the same Idempotency-Key (a concurrent twin request) and DONORS.DUPLICATE_DOCUMENT
   * to anyone else on the document stream; donor streams are fresh, so only a twin can get there first.
   */
  private async retryingOnce<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConcurrencyError) return run();
      throw error;
    }
  }
}
