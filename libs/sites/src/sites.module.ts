import type { OnModuleInit, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import { AddAllianceMemberHandler } from './features/add-alliance-member/add-alliance-member.handler';
import { AlliancesHttpController } from './features/alliances.http.controller';
import { ChangeSiteHandler } from './features/change-site/change-site.handler';
import { DeactivateSiteHandler } from './features/deactivate-site/deactivate-site.handler';
import { FormAllianceHandler } from './features/form-alliance/form-alliance.handler';
import { ReactivateSiteHandler } from './features/reactivate-site/reactivate-site.handler';
import { RegisterSiteHandler } from './features/register-site/register-site.handler';
import { RemoveAllianceMemberHandler } from './features/remove-alliance-member/remove-alliance-member.handler';
import { SitesHttpController } from './features/sites.http.controller';
import { SiteQueries } from './read-models/site.queries';
import { sitesProjection } from './read-models/sites.projection';
import { SiteDirectory } from './site-directory';

/** Sites and alliances as their own streams know them, for contexts that decide on them. */
@Module({ providers: [SiteDirectory], exports: [SiteDirectory] })
export class SitesQueriesModule {}

/** Master data: centers, collection sites, laboratories, hospitals, and emergency supply alliances. */
@Module({
  imports: [SitesQueriesModule],
  controllers: [SitesHttpController, AlliancesHttpController],
  providers: [
    SiteQueries,
    RegisterSiteHandler,
    ChangeSiteHandler,
    DeactivateSiteHandler,
    ReactivateSiteHandler,
    FormAllianceHandler,
    AddAllianceMemberHandler,
    RemoveAllianceMemberHandler,
  ],
  exports: [SitesQueriesModule, SiteQueries],
})
export class SitesModule implements OnModuleInit {
  /** For another context's service that decides on sites (distribution): stream reads only. */
  static queries(): Type<SitesQueriesModule> {
    return SitesQueriesModule;
  }

  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.addProjection(sitesProjection);
  }
}
