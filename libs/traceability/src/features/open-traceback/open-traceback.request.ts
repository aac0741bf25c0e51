import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class OpenTracebackRequest {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,150}$/)
  patientId!: string;

  @ApiPropertyOptional({ example: 'HBV' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  marker?: string;

  @ApiPropertyOptional({ description: 'The hospital report or haemovigilance reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}
