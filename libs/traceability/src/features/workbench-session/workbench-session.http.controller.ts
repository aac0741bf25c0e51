import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor } from '@hemotrace/auth';
import type { Actor } from '@hemotrace/kernel';
import { ROLES } from '@hemotrace/kernel';

/** The workbench signs in with a bearer token and asks who it names, to show what that role may see. */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller('session')
export class WorkbenchSessionHttpController {
  @Get()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The actor the bearer token names: user, role and site' })
  whoAmI(@CurrentActor() actor: Actor) {
    return { userId: actor.userId, role: actor.role, siteId: actor.siteId };
  }
}
