import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, verifyEvents } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { InvalidInput, NotFoundError, PermissionDenied } from '@hemotrace/kernel';
import { isPersonalDataCategory, streamCategory } from '@hemotrace/messaging';

const STREAM_ID = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]{1,150}$/;

/** Personal data is kept apart from traceability and not shown here (same rule as the Kafka relay). */
const isIdentityStream = (streamId: string): boolean => isPersonalDataCategory(streamCategory(streamId));

/** The raw audit trail of any stream: every event with actor, both times and its hash (21 CFR Part 11). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('streams')
export class StreamEventsHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':streamId/events')
  @Allow(...READERS)
  @ApiOperation({ summary: 'Every event of a stream, optionally as known at a point in time' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: only events recorded up to then' })
  async events(
    @CurrentActor() actor: Actor,
    @Param('streamId') streamId: string,
    @Query('asOf') asOf?: string,
  ) {
    if (!STREAM_ID.test(streamId)) {
      throw new InvalidInput('AUDIT.INVALID_STREAM_ID', 'A stream id looks like Category-identifier', {
        streamId,
      });
    }
    if (isIdentityStream(streamId) && actor.role !== 'admin') {
      throw new PermissionDenied(
        'AUDIT.PERSONAL_DATA_STREAM',
        'Identity streams hold personal data: admin only',
        {
          streamId,
        },
      );
    }
    if (asOf !== undefined && Number.isNaN(Date.parse(asOf))) {
      throw new InvalidInput('AUDIT.INVALID_AS_OF', 'asOf must be an ISO 8601 instant', { asOf });
    }
    const recordedUpTo = asOf === undefined ? undefined : new Date(asOf).toISOString();
    const events = await this.store.readStream(streamId, { recordedUpTo });
    if (events.length === 0 && recordedUpTo === undefined) {
      throw new NotFoundError('AUDIT.STREAM_NOT_FOUND', `No stream ${streamId}`, { streamId });
    }
    const integrity = verifyEvents(events);
    return {
      streamId,
      asOf: recordedUpTo ?? null,
      version: events.at(-1)?.streamVersion ?? 0,
      integrity,
      events,
    };
  }
}
