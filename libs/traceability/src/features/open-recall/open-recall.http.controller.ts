import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { InvalidInput, newId } from '@hemotrace/kernel';
import type { RecallCriteria } from '../../domain/investigation/investigation.events';
import { OpenRecallCommand } from './open-recall.command';
import { OpenRecallRequest } from './open-recall.request';

const criteriaOf = (body: OpenRecallRequest): RecallCriteria => {
  const from = body.from ? new Date(body.from).toISOString() : null;
  const to = body.to ? new Date(body.to).toISOString() : null;
  if (body.attribute === 'SITE_PERIOD') {
    if (!body.siteId || !from || !to || from > to) {
      throw new InvalidInput(
        'TRACE.INVALID_RECALL_CRITERIA',
        'A site recall needs siteId and a from..to period',
        {
          siteId: body.siteId,
          from,
          to,
        },
      );
    }
    return { attribute: body.attribute, value: null, siteId: body.siteId, from, to };
  }
  if (!body.value) {
    throw new InvalidInput('TRACE.INVALID_RECALL_CRITERIA', `A ${body.attribute} recall needs the value`, {
      attribute: body.attribute,
    });
  }
  return { attribute: body.attribute, value: body.value, siteId: body.siteId ?? null, from, to };
};

@ApiTags('investigations')
@ApiBearerAuth()
@Controller('recalls')
export class OpenRecallHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('laboratory', 'components', 'distribution')
  @ApiOperation({
    summary: 'Recall every unit a reagent lot, bag lot, equipment or site+period touched; one decision',
  })
  open(@Body() body: OpenRecallRequest, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(
      new OpenRecallCommand(`RC-${newId()}`, criteriaOf(body), body.reason, ctx),
    );
  }
}
