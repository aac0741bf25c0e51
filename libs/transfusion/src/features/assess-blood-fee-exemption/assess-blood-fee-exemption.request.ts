import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { FeeRelationship } from '../../domain/patient/patient.events';

export class AssessBloodFeeExemptionRequest {
  @ApiProperty({ description: 'The registered donor whose donations ground the exemption' })
  @IsUUID()
  donorId!: string;

  @ApiProperty({
    enum: ['SELF', 'SPOUSE', 'PARENT', 'CHILD'],
    description: 'The patient relative to the donor',
  })
  @IsIn(['SELF', 'SPOUSE', 'PARENT', 'CHILD'])
  relationship!: FeeRelationship;
}
