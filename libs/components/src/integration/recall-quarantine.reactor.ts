import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { reactionContext } from '@hemotrace/messaging';
import type { Logger } from '@hemotrace/platform';
import { CommandExecutor, LOGGER } from '@hemotrace/platform';
import { unitStreamId } from '../contracts/components.contracts';
import { unitDecider } from '../domain/unit/unit.decide';
import type { UnitQuarantineRequestedV1 } from '@hemotrace/traceability/contracts';
import { UNIT_QUARANTINE_REQUESTED, UNIT_QUARANTINE_REQUESTED_V1 } from '@hemotrace/traceability/contracts';

const REQUESTED = UNIT_QUARANTINE_REQUESTED_V1;

/**
 * Carries out an investigation's quarantine requests on the unit's own stream (components is the
 * one writer of `Unit-` streams): one hold per investigation (holdId = investigation id, reason
 * RECALL), so the unit leaves quarantine only by a recorded quality decision on that hold. A unit
 * already gone (transfused, discarded, expired) is left alone; the hold id makes a replay a no-op.
 */
@Injectable()
export class RecallQuarantineReactor implements IntegrationEventHandler {
  readonly name = 'components.recall-quarantine';
  readonly contexts = ['traceability'] as const;
  readonly types = [REQUESTED];

  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const d = event.data as UnitQuarantineRequestedV1;
    const ctx = reactionContext(this.name, event, this.clock.now().toISOString());
    try {
      await this.executor.execute(
        unitDecider,
        unitStreamId(d.unitId),
        {
          type: 'QuarantineUnit',
          holdId: d.investigationId,
          reason: 'RECALL',
          cause: { type: UNIT_QUARANTINE_REQUESTED, eventId: event.id, reference: d.investigationId },
          at: ctx.now,
        },
        ctx,
      );
    } catch (error) {
      /* A unit the components context does not hold (or no longer can hold) stays on the investigation's list. */
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ unitId: d.unitId, code: error.code }, 'Quarantine request not carried out');
    }
  }
}
