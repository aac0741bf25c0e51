import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx, READERS } from '@hemotrace/auth';
import { InvalidInput, newId } from '@hemotrace/kernel';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { investigationProfile } from '../../domain/investigation/investigation.profiles';
import { ImpactQueries } from '../../read-models/investigations/impact.query';
import { OpenLookbackCommand } from './open-lookback.command';
import { OpenLookbackRequest } from './open-lookback.request';

@ApiTags('investigations')
@ApiBearerAuth()
@Controller()
export class OpenLookbackHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly impact: ImpactQueries,
    @Inject(REGULATORY_PROFILE) private readonly profileId: string,
  ) {}

  @Post('investigations/lookbacks')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary: 'Open a donor lookback by hand (it also opens by itself on DonorConfirmedPositive)',
  })
  open(@Body() body: OpenLookbackRequest, @CommandCtx() ctx: CommandContext) {
    const openedAt = body.openedAt ? new Date(body.openedAt).toISOString() : ctx.now;
    if (openedAt > ctx.now) {
      throw new InvalidInput('TRACE.OPENED_IN_FUTURE', 'openedAt cannot be in the future', { openedAt });
    }
    return this.commandBus.execute(
      new OpenLookbackCommand(`LB-${newId()}`, body.donorId, body.marker, body.din, null, {
        ...ctx,
        now: openedAt,
      }),
    );
  }

  @Get('lookbacks/:donorId/preview')
  @Allow(...READERS, 'laboratory', 'distribution')
  @ApiOperation({
    summary: 'What a lookback of this donor would reach: window, donations, units, consignees',
  })
  @ApiQuery({ name: 'din', required: false })
  preview(@Param('donorId') donorId: string, @Query('din') din?: string) {
    return this.impact.lookback(investigationProfile(this.profileId), donorId, din);
  }
}
