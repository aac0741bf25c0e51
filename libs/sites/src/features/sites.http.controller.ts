import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { ROLES } from '@hemotrace/kernel';
import { SiteQueries } from '../read-models/site.queries';
import { ChangeSiteCommand } from './change-site/change-site.command';
import { ChangeSiteRequest } from './change-site/change-site.request';
import { DeactivateSiteCommand } from './deactivate-site/deactivate-site.command';
import { SiteStatusRequest } from './deactivate-site/site-status.request';
import { SitesQueryRequest } from './query-sites.request';
import { ReactivateSiteCommand } from './reactivate-site/reactivate-site.command';
import { RegisterSiteCommand } from './register-site/register-site.command';
import { RegisterSiteRequest } from './register-site/register-site.request';

/** Master data: admin writes (no @Allow on a write route means admin only); every role reads. */
@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly sites: SiteQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a site (409 SITES.SITE_ALREADY_REGISTERED for a known id)' })
  register(@Body() body: RegisterSiteRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new RegisterSiteCommand(body, ctx));
  }

  @Put(':siteId')
  @ApiOperation({ summary: 'Change the name or type of a site' })
  change(
    @Param('siteId') siteId: string,
    @Body() body: ChangeSiteRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ChangeSiteCommand(siteId, body, ctx));
  }

  @Post(':siteId/deactivation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a site: nothing is shipped to it any more' })
  deactivate(
    @Param('siteId') siteId: string,
    @Body() body: SiteStatusRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new DeactivateSiteCommand(siteId, body, ctx));
  }

  @Post(':siteId/reactivation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a site' })
  reactivate(
    @Param('siteId') siteId: string,
    @Body() body: SiteStatusRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ReactivateSiteCommand(siteId, body, ctx));
  }

  @Get()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Every registered site, optionally by type and status' })
  list(@Query() query: SitesQueryRequest) {
    return this.sites.sites({
      ...(query.type ? { type: query.type } : {}),
      ...(query.active ? { active: query.active === 'true' } : {}),
    });
  }

  @Get(':siteId')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'One site' })
  get(@Param('siteId') siteId: string) {
    return this.sites.site(siteId);
  }
}
