import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';
import type { Sex } from '../../domain/patient-identity/patient-identity.events';

export class RegisterPatientRequest {
  @ApiProperty({
    example: 'MRN-2025-000123',
    description: "The hospital's own patient id (medical record number)",
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  mrn!: string;

  @ApiProperty({ example: 'Wang' })
  @IsString()
  @Length(1, 100)
  familyName!: string;

  @ApiProperty({ example: 'Fang' })
  @IsString()
  @Length(1, 100)
  givenName!: string;

  @ApiProperty({ example: '1961-04-02' })
  @IsISO8601({ strict: true })
  birthDate!: string;

  @ApiProperty({ enum: ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] })
  @IsIn(['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'])
  sex!: Sex;
}
