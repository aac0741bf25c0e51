import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ErasureLegalBasis } from '../../domain/donor/donor.events';
import { ERASURE_LEGAL_BASES } from '../../domain/donor/donor.events';

export class ErasePersonalDataRequest {
  @ApiProperty({ enum: ERASURE_LEGAL_BASES, example: 'GDPR_ART_17' })
  @IsIn(ERASURE_LEGAL_BASES)
  legalBasis!: ErasureLegalBasis;

  /** A reference to the request or order, stored in the log: never the person's name or details. */
  @ApiProperty({ example: 'Erasure request ER-2025-118 approved by the DPO' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
