import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { ROLES } from '@hemotrace/kernel';
import { SiteQueries } from '../read-models/site.queries';
import { AddAllianceMemberCommand } from './add-alliance-member/add-alliance-member.command';
import { AddAllianceMemberRequest } from './add-alliance-member/add-alliance-member.request';
import { FormAllianceCommand } from './form-alliance/form-alliance.command';
import { FormAllianceRequest } from './form-alliance/form-alliance.request';
import { RemoveAllianceMemberCommand } from './remove-alliance-member/remove-alliance-member.command';
import { RemoveAllianceMemberRequest } from './remove-alliance-member/remove-alliance-member.request';

/** Emergency supply alliances between blood centers: admin writes, every role reads. */
@ApiTags('sites')
@ApiBearerAuth()
@Controller('alliances')
export class AlliancesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly sites: SiteQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Form an alliance of registered, active blood centers' })
  form(@Body() body: FormAllianceRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new FormAllianceCommand(body, ctx));
  }

  @Post(':allianceId/members')
  @ApiOperation({ summary: 'A blood center joins the alliance' })
  addMember(
    @Param('allianceId') allianceId: string,
    @Body() body: AddAllianceMemberRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new AddAllianceMemberCommand(allianceId, body, ctx));
  }

  @Delete(':allianceId/members/:siteId')
  @HttpCode(200)
  @ApiOperation({ summary: 'A member leaves the alliance (with a reason)' })
  removeMember(
    @Param('allianceId') allianceId: string,
    @Param('siteId') siteId: string,
    @Body() body: RemoveAllianceMemberRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new RemoveAllianceMemberCommand(allianceId, siteId, body, ctx));
  }

  @Get()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Every alliance and its members' })
  list() {
    return this.sites.alliances();
  }

  @Get(':allianceId')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'One alliance' })
  get(@Param('allianceId') allianceId: string) {
    return this.sites.alliance(allianceId);
  }
}
