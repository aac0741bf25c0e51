import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { parseUnitId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionRequestCommand } from '../../domain/transfusion-request/transfusion-request.decide';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TransfusionAccess } from '../shared/transfusion-access';
import type { AdministrationStep } from './administer-transfusion.command';
import { AdministerTransfusionCommand } from './administer-transfusion.command';

const iso = (value: string | undefined, fallback: string): string =>
  value ? new Date(value).toISOString() : fallback;

const commandFor = (
  unitId: string,
  step: AdministrationStep,
  given: { actor: AdministerTransfusionCommand['ctx']['actor']; now: string },
): TransfusionRequestCommand => {
  switch (step.step) {
    case 'START':
      return {
        type: 'StartTransfusion',
        unitId,
        startedAt: iso(step.startedAt, given.now),
        vitals: step.vitals,
        ...given,
      };
    case 'VITALS':
      return {
        type: 'RecordVitalSigns',
        unitId,
        measuredAt: iso(step.measuredAt, given.now),
        vitals: step.vitals,
        ...given,
      };
    case 'END':
      return {
        type: 'EndTransfusion',
        unitId,
        endedAt: iso(step.endedAt, given.now),
        volumeMl: step.volumeMl,
        ...(step.vitals ? { vitals: step.vitals } : {}),
        ...given,
      };
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
};

@CommandHandler(AdministerTransfusionCommand)
export class AdministerTransfusionHandler implements ICommandHandler<AdministerTransfusionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
  ) {}

  async execute({ requestId, unitId, step, ctx }: AdministerTransfusionCommand) {
    await this.access.request(requestId, ctx.actor);
    const canonical = parseUnitId(unitId).value;
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      commandFor(canonical, step, { actor: ctx.actor, now: ctx.now }),
      ctx,
    );
    return outcome.events.at(-1)?.data;
  }
}
