import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, onStream } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { CommandExecutor, PERSONAL_DATA_KEYS } from '@hemotrace/platform';
import { Inject } from '@nestjs/common';
import { patientIdentityStreamId, patientStreamId } from '../../contracts/transfusion.contracts';
import { patientDecider } from '../../domain/patient/patient.decide';
import { patientMrnDecider, patientMrnStreamId } from '../../domain/patient-mrn/patient-mrn.decide';
import { patientIdentityDecider } from '../../domain/patient-identity/patient-identity.decide';
import { MrnAlreadyRegistered } from '../../domain/transfusion.errors';
import { sealPatientIdentity } from '../../read-models/patient-identity.keys';
import { TransfusionQueries } from '../../read-models/transfusion.queries';
import { RegisterPatientCommand } from './register-patient.command';

/**
 * Three streams, one fact, one atomic append: the hospital's PatientMrn- reservation (of two
 * registrations racing for one MRN exactly one gets it), PatientIdentity-<id> (identity) and
 * Patient-<id> (traceability); the hospital is the actor's site. A retried Idempotency-Key finds its
 * commandId on the reservation and answers with that run's patient. The identity (MRN included; the
 * reservation holds only its hash) is sealed with the patient's own key before it reaches the log.
 */
@CommandHandler(RegisterPatientCommand)
export class RegisterPatientHandler implements ICommandHandler<RegisterPatientCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly queries: TransfusionQueries,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  async execute(command: RegisterPatientCommand) {
    try {
      return await this.register(command);
    } catch (error) {
      /* Someone reserved the MRN between our read and our append: decide again on what they wrote. */
      if (error instanceof ConcurrencyError) return this.register(command);
      throw error;
    }
  }

  private async register({ request, ctx }: RegisterPatientCommand) {
    const hospitalSiteId = ctx.actor.siteId;
    const mrnStream = patientMrnStreamId(hospitalSiteId, request.mrn);
    const reservation = await this.executor.load(patientMrnDecider, mrnStream);
    const retried = reservation.state.status === 'Reserved' && reservation.commandIds.has(ctx.commandId);
    /* Patients registered before MRN reservations existed are known to the identity read model only. */
    if (!reservation.exists && (await this.queries.patientByMrn(hospitalSiteId, request.mrn)))
      throw new MrnAlreadyRegistered(request.mrn);
    const patientId =
      retried && reservation.state.status === 'Reserved' ? reservation.state.patientId : newId();
    const { mrn, familyName, givenName, birthDate, sex } = request;
    const sealed = await sealPatientIdentity(this.keys, patientId, {
      mrn,
      familyName,
      givenName,
      birthDate,
      sex,
    });
    await this.executor.executeMany(
      [
        onStream(patientMrnDecider, mrnStream, {
          type: 'ReservePatientMrn',
          patientId,
          hospitalSiteId,
          mrn: request.mrn,
        }),
        onStream(patientIdentityDecider, patientIdentityStreamId(patientId), {
          type: 'RecordPatientIdentity',
          patientId,
          hospitalSiteId,
          sealed,
          now: ctx.now,
        }),
        onStream(patientDecider, patientStreamId(patientId), {
          type: 'RegisterPatient',
          patientId,
          hospitalSiteId,
          actor: ctx.actor,
          now: ctx.now,
        }),
      ],
      ctx,
    );
    return { patientId, hospitalSiteId, mrn: request.mrn };
  }
}
