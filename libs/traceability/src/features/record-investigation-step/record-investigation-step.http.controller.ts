import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { Role } from '@hemotrace/kernel';
import { RecordInvestigationStepCommand } from './record-investigation-step.command';
import type { InvestigationStep } from './record-investigation-step.command';
import {
  CloseInvestigationRequest,
  RecordConsigneeAcknowledgementRequest,
  RecordConsigneeNotificationRequest,
  RecordRecipientNotificationRequest,
} from './record-investigation-step.request';

/** Laboratory and distribution staff run investigations; hospitals answer for their own site; auditors only read. */
const INVESTIGATORS: Role[] = ['laboratory', 'distribution'];

const isoOr = (value: string | undefined, fallback: string): string =>
  value ? new Date(value).toISOString() : fallback;

@ApiTags('investigations')
@ApiBearerAuth()
@Controller('investigations/:investigationId')
export class RecordInvestigationStepHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  private run(investigationId: string, step: InvestigationStep, ctx: CommandContext) {
    return this.commandBus.execute(new RecordInvestigationStepCommand(investigationId, step, ctx));
  }

  @Post('consignee-notifications')
  @HttpCode(201)
  @Allow(...INVESTIGATORS)
  @ApiOperation({ summary: 'Record that a consignee was notified' })
  notify(
    @Param('investigationId') id: string,
    @Body() body: RecordConsigneeNotificationRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(
      id,
      {
        type: 'RecordConsigneeNotification',
        siteId: body.siteId,
        channel: body.channel,
        reference: body.reference ?? null,
        notifiedAt: isoOr(body.notifiedAt, ctx.now),
      },
      ctx,
    );
  }

  @Post('consignee-acknowledgements')
  @HttpCode(201)
  @Allow(...INVESTIGATORS, 'hospital')
  @ApiOperation({ summary: 'Record that a consignee acknowledged the notification' })
  acknowledge(
    @Param('investigationId') id: string,
    @Body() body: RecordConsigneeAcknowledgementRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(
      id,
      {
        type: 'RecordConsigneeAcknowledgement',
        siteId: body.siteId,
        note: body.note ?? null,
        acknowledgedAt: isoOr(body.acknowledgedAt, ctx.now),
      },
      ctx,
    );
  }

  @Post('recipient-notifications')
  @HttpCode(201)
  @Allow(...INVESTIGATORS, 'hospital')
  @ApiOperation({ summary: "Record the outcome of notifying a unit's recipient" })
  recipient(
    @Param('investigationId') id: string,
    @Body() body: RecordRecipientNotificationRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(
      id,
      {
        type: 'RecordRecipientNotification',
        siteId: body.siteId,
        unitId: body.unitId,
        outcome: body.outcome,
        note: body.note ?? null,
        recordedAt: ctx.now,
      },
      ctx,
    );
  }

  @Post('closure')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({ summary: 'Close the investigation once every consignee acknowledged' })
  close(
    @Param('investigationId') id: string,
    @Body() body: CloseInvestigationRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'CloseInvestigation', conclusion: body.conclusion, closedAt: ctx.now }, ctx);
  }
}
