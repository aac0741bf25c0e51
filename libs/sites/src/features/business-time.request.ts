import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** When a master-data fact took effect (business time); defaults to the time of entry. */
export class EffectiveTimeRequest {
  @ApiPropertyOptional({
    example: '2025-01-01T00:00:00Z',
    description: 'When it took effect (business time)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export const effectiveTime = (occurredAt: string | undefined, now: string): string =>
  occurredAt === undefined ? now : new Date(occurredAt).toISOString();
