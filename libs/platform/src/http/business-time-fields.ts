import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The optional business time of a past fact in a request body (ISO 8601 with offset). Absent:
 * the fact happened when it is entered. The decider checks it against the facts it follows.
 */
export const BusinessTimeField = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description: `When ${what} (ISO 8601); defaults to the time of entry. At most 5 min in the future; a time more than the profile's late-entry threshold (24 h) ago needs lateEntryReason`,
      example: '2026-03-10T08:30:00Z',
    }),
    IsOptional(),
    IsISO8601({ strict: true }),
  );

/** Why a fact is entered late; required once its business time is older than the profile's threshold. */
export const LateEntryReasonField = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'Why the fact is entered late: required when its business time is more than the profile threshold (24 h) ago',
    }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(500),
  );

/** A request time as the canonical ISO instant the store keeps, or the fallback (time of entry). */
export const businessTimeOr = (value: string | undefined, fallback: string): string =>
  value ? new Date(value).toISOString() : fallback;
