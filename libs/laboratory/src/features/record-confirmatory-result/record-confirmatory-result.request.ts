import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, IsIn, IsOptional, ValidateNested } from 'class-validator';
import type { Marker } from '../../contracts/laboratory.contracts';
import type {
  ConfirmatoryMethod,
  ConfirmatoryOutcome,
} from '../../domain/donation-testing/donation-testing.events';
import { MARKERS, ReagentRequest } from '../record-marker-result/record-marker-result.request';

export const CONFIRMATORY_METHODS: ConfirmatoryMethod[] = [
  'WESTERN_BLOT',
  'NAT_CONFIRMATORY',
  'NEUTRALISATION',
  'IMMUNOBLOT',
];
export const CONFIRMATORY_OUTCOMES: ConfirmatoryOutcome[] = ['POSITIVE', 'NEGATIVE', 'INDETERMINATE'];

export class RecordConfirmatoryResultRequest {
  @ApiProperty({ enum: MARKERS })
  @IsIn(MARKERS)
  marker!: Marker;

  @ApiProperty({ enum: CONFIRMATORY_METHODS })
  @IsIn(CONFIRMATORY_METHODS)
  method!: ConfirmatoryMethod;

  @ApiProperty({ type: ReagentRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ReagentRequest)
  reagent!: ReagentRequest;

  @ApiProperty({ enum: CONFIRMATORY_OUTCOMES })
  @IsIn(CONFIRMATORY_OUTCOMES)
  result!: ConfirmatoryOutcome;

  @ApiPropertyOptional({ description: 'ISO 8601; defaults to the request time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  testedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
