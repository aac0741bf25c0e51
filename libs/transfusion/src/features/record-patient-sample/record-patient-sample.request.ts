import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';

export class RecordPatientSampleRequest {
  @ApiProperty({ example: 'S-20250310-0007', description: 'The tube barcode' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  sampleId!: string;

  @ApiProperty({ description: 'When the sample was drawn (ISO 8601)' })
  @IsISO8601({ strict: true })
  collectedAt!: string;

  @ApiProperty({ example: 'AB+', description: 'ABO/RhD of this sample' })
  @IsString()
  @Length(2, 20)
  bloodGroup!: string;

  @ApiProperty({ enum: ['NEGATIVE', 'POSITIVE'] })
  @IsIn(['NEGATIVE', 'POSITIVE'])
  antibodyScreen!: 'NEGATIVE' | 'POSITIVE';
}

export class RecordAntibodyIdentificationRequest {
  @ApiProperty({ example: ['anti-E', 'anti-Fya'], description: 'Empty: no specific antibody identified' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(3, 20, { each: true })
  antibodies!: string[];
}

export class RecordHistoricalGroupRequest {
  @ApiProperty({ example: 'AB+' })
  @IsString()
  @Length(2, 20)
  bloodGroup!: string;

  @ApiProperty({ example: 'Transfusion record 2019, People Hospital No. 2' })
  @IsString()
  @Length(1, 200)
  source!: string;
}
