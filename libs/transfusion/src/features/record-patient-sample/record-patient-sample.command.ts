import type { CommandContext } from '@hemotrace/auth';
import type {
  RecordAntibodyIdentificationRequest,
  RecordHistoricalGroupRequest,
  RecordPatientSampleRequest,
} from './record-patient-sample.request';

export class RecordPatientSampleCommand {
  constructor(
    readonly patientId: string,
    readonly request: RecordPatientSampleRequest,
    readonly ctx: CommandContext,
  ) {}
}

export class RecordAntibodyIdentificationCommand {
  constructor(
    readonly patientId: string,
    readonly sampleId: string,
    readonly request: RecordAntibodyIdentificationRequest,
    readonly ctx: CommandContext,
  ) {}
}

export class RecordHistoricalGroupCommand {
  constructor(
    readonly patientId: string,
    readonly request: RecordHistoricalGroupRequest,
    readonly ctx: CommandContext,
  ) {}
}
