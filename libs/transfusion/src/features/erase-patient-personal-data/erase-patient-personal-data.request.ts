import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { PatientErasureLegalBasis } from '../../domain/patient/patient.events';
import { PATIENT_ERASURE_LEGAL_BASES } from '../../domain/patient/patient.events';

export class ErasePatientPersonalDataRequest {
  @ApiProperty({ enum: PATIENT_ERASURE_LEGAL_BASES, example: 'GDPR_ART_17' })
  @IsIn(PATIENT_ERASURE_LEGAL_BASES)
  legalBasis!: PatientErasureLegalBasis;

  /** A reference to the request or order, stored in the log: never the person's name or details. */
  @ApiProperty({ example: 'Court order 2025-CV-0042' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
