import { Injectable } from '@nestjs/common';
import { CommandExecutor } from '@hemotrace/platform';
import type { AllianceFacts, SiteFacts } from './contracts/sites.contracts';
import { allianceStreamId, siteStreamId } from './contracts/sites.contracts';
import { allianceDecider, allianceFactsOf } from './domain/alliance/alliance.decide';
import { siteDecider, siteFactsOf } from './domain/site/site.decide';

/**
 * Sites and alliances as their own streams know them now, for a command that depends on them
 * (a shipment's consignee, an alliance's members). Read from the log, never from a projection.
 */
@Injectable()
export class SiteDirectory {
  constructor(private readonly executor: CommandExecutor) {}

  async site(siteId: string): Promise<SiteFacts> {
    const { state } = await this.executor.load(siteDecider, siteStreamId(siteId));
    return siteFactsOf(siteId, state);
  }

  async alliance(allianceId: string): Promise<AllianceFacts> {
    const { state } = await this.executor.load(allianceDecider, allianceStreamId(allianceId));
    return allianceFactsOf(allianceId, state);
  }
}
