import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { patientIdentityStreamId, patientStreamId } from '../../contracts/transfusion.contracts';
import { patientDecider } from '../../domain/patient/patient.decide';
import { patientIdentityDecider } from '../../domain/patient-identity/patient-identity.decide';
import { MrnAlreadyRegistered } from '../../domain/transfusion.errors';
import { TransfusionQueries } from '../../read-models/transfusion.queries';
import { RegisterPatientCommand } from './register-patient.command';

/** Identity goes to PatientIdentity-<id>, the traceability record to Patient-<id>; the hospital is the actor's site. */
@CommandHandler(RegisterPatientCommand)
export class RegisterPatientHandler implements ICommandHandler<RegisterPatientCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly queries: TransfusionQueries,
  ) {}

  async execute({ request, ctx }: RegisterPatientCommand) {
    const hospitalSiteId = ctx.actor.siteId;
    if (await this.queries.patientByMrn(hospitalSiteId, request.mrn))
      throw new MrnAlreadyRegistered(request.mrn);
    const patientId = newId();
    await this.executor.execute(
      patientIdentityDecider,
      patientIdentityStreamId(patientId),
      { type: 'RecordPatientIdentity', patientId, hospitalSiteId, ...request, now: ctx.now },
      ctx,
    );
    await this.executor.execute(
      patientDecider,
      patientStreamId(patientId),
      { type: 'RegisterPatient', patientId, hospitalSiteId, actor: ctx.actor, now: ctx.now },
      ctx,
    );
    return { patientId, hospitalSiteId, mrn: request.mrn };
  }
}
