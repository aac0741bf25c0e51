import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';

export class VerifyAtBedsideRequest {
  @ApiProperty({ description: 'The patient id read from the wristband' })
  @IsString()
  @Length(1, 64)
  scannedPatientId!: string;

  @ApiProperty({ example: 'A999925000001' })
  @IsString()
  @Length(13, 16)
  scannedDin!: string;

  @ApiProperty({ example: 'E0398V00' })
  @IsString()
  @Length(8, 10)
  scannedProductCode!: string;

  @BusinessTimeField('the bedside check was done')
  checkedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
