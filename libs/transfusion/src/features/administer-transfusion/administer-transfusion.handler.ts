import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { parseUnitId } from '@hemotrace/kernel';
import type { BusinessTimePolicy } from '@hemotrace/kernel';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionRequestCommand } from '../../domain/transfusion-request/transfusion-request.decide';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import type { AdministrationStep } from './administer-transfusion.command';
import { AdministerTransfusionCommand } from './administer-transfusion.command';

const commandFor = (
  unitId: string,
  step: AdministrationStep,
  entry: { actor: AdministerTransfusionCommand['ctx']['actor']; now: string; timePolicy: BusinessTimePolicy },
): TransfusionRequestCommand => {
  const given = {
    ...entry,
    ...(step.lateEntryReason === undefined ? {} : { lateEntryReason: step.lateEntryReason }),
  };
  switch (step.step) {
    case 'START':
      return {
        type: 'StartTransfusion',
        unitId,
        startedAt: businessTimeOr(step.startedAt, given.now),
        vitals: step.vitals,
        ...given,
      };
    case 'VITALS':
      return {
        type: 'RecordVitalSigns',
        unitId,
        measuredAt: businessTimeOr(step.measuredAt, given.now),
        vitals: step.vitals,
        ...given,
      };
    case 'END':
      return {
        type: 'EndTransfusion',
        unitId,
        endedAt: businessTimeOr(step.endedAt, given.now),
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

/** The step's stated time, kept as the envelope's occurredAt. */
const businessTimeOf = (command: TransfusionRequestCommand): string | undefined => {
  if (command.type === 'StartTransfusion') return command.startedAt;
  if (command.type === 'RecordVitalSigns') return command.measuredAt;
  if (command.type === 'EndTransfusion') return command.endedAt;
  return undefined;
};

@CommandHandler(AdministerTransfusionCommand)
export class AdministerTransfusionHandler implements ICommandHandler<AdministerTransfusionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, unitId, step, ctx }: AdministerTransfusionCommand) {
    await this.access.request(requestId, ctx.actor);
    const canonical = parseUnitId(unitId).value;
    const command = commandFor(canonical, step, {
      actor: ctx.actor,
      now: ctx.now,
      timePolicy: this.profile.businessTime,
    });
    const occurredAt = businessTimeOf(command) ?? ctx.now;
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      command,
      { ...ctx, now: occurredAt },
    );
    return outcome.events.at(-1)?.data;
  }
}
