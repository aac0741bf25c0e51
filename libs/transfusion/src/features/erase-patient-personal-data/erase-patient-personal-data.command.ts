import type { CommandContext } from '@hemotrace/auth';
import type { PatientErasureLegalBasis } from '../../domain/patient/patient.events';

export class ErasePatientPersonalDataCommand {
  constructor(
    readonly patientId: string,
    readonly legalBasis: PatientErasureLegalBasis,
    readonly reason: string,
    readonly ctx: CommandContext,
  ) {}
}
