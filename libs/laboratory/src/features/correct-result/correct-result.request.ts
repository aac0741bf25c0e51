import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import type { Interpretation } from '../../domain/donation-testing/donation-testing.events';
import { INTERPRETATIONS } from '../record-marker-result/record-marker-result.request';

export class CorrectResultRequest {
  @ApiProperty({ description: 'The result to correct (resultId from the testing status)' })
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'resultId must be a result id' })
  resultId!: string;

  @ApiPropertyOptional({ enum: INTERPRETATIONS })
  @IsOptional()
  @IsIn(INTERPRETATIONS)
  interpretation?: Interpretation;

  @ApiPropertyOptional({ description: 'Corrected value (S/CO, or U/L for ALT)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value?: number;

  @ApiProperty({ example: 'Value transcribed from the wrong plate well' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ description: 'The second person who verified the correction (not the caller)' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'verifierUserId must be a user id' })
  verifierUserId!: string;
}
