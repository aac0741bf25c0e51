import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx, READERS } from '@hemotrace/auth';
import type { Antigen, Role } from '@hemotrace/kernel';
import {
  formatBloodGroup,
  InvalidInput,
  isAntigen,
  parseBloodGroup,
  redCellDonorGroupsFor,
} from '@hemotrace/kernel';
import type { DonorRegulatoryProfile } from '../../domain/profiles';
import { DONOR_PROFILE } from '../../donors.tokens';
import { DonorEligibilityQuery } from '../../read-models/donor-eligibility.query';
import { DonorQueries } from '../../read-models/donor-queries';
import { DeferralSearchRequest, EligibilityRequest, RareDonorSearchRequest } from './donor-queries.request';

/** Roles that may see a donor's name, document and contact (personal data). */
const IDENTITY_READERS: Role[] = ['donor-clinic', 'admin'];

const antigens = (list: string | undefined, field: string): Antigen[] => {
  const items = (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  const unknown = items.filter((a) => !isAntigen(a));
  if (unknown.length > 0) {
    throw new InvalidInput('DONORS.UNKNOWN_ANTIGEN', `Unknown antigen in ${field}: ${unknown.join(', ')}`, {
      field,
      unknown,
    });
  }
  return items as Antigen[];
};

const page = (value: string | undefined, fallback: number, max: number): number =>
  Math.min(value === undefined ? fallback : Number(value), max);

/**
 * Static routes (`deferrals`, `rare`, `screening-questions`) come before `:donorId` in this
 * controller so that Express matches them first.
 */
@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class DonorQueriesHttpController {
  constructor(
    private readonly queries: DonorQueries,
    private readonly eligibility: DonorEligibilityQuery,
    @Inject(DONOR_PROFILE) private readonly profile: DonorRegulatoryProfile,
  ) {}

  @Get('screening-questions')
  @Allow('donor-clinic', 'phlebotomist', ...READERS)
  @ApiOperation({ summary: 'The questionnaire of the active regulatory profile' })
  questions() {
    return { profileId: this.profile.id, questions: this.profile.questions };
  }

  @Get('deferrals')
  @Allow('donor-clinic', 'phlebotomist', 'laboratory', ...READERS)
  @ApiOperation({ summary: 'Deferral registry: search by reason code and whether in force' })
  async deferrals(@Query() query: DeferralSearchRequest, @CommandCtx() ctx: CommandContext) {
    const on = query.on === undefined ? ctx.now : new Date(query.on).toISOString();
    const limit = page(query.limit, 100, 500);
    const offset = page(query.offset, 0, 1_000_000);
    const items = await this.queries.deferrals({
      reason: query.reason,
      active: query.active === undefined ? undefined : query.active === 'true',
      donorId: query.donorId,
      on,
      limit,
      offset,
    });
    return { on, limit, offset, items };
  }

  @Get('rare')
  @Allow('donor-clinic', 'laboratory', 'distribution', ...READERS)
  @ApiOperation({
    summary:
      "Rare-donor search by the recipient's group (every red-cell compatible donor group), an exact group, and antigens typed negative (e.g. recipient=A-&negative=E,Fya)",
  })
  async rare(@Query() query: RareDonorSearchRequest) {
    const group = query.group === undefined ? undefined : formatBloodGroup(parseBloodGroup(query.group));
    const recipient = query.recipient === undefined ? undefined : parseBloodGroup(query.recipient);
    if (group && recipient) {
      throw new InvalidInput('DONORS.GROUP_AND_RECIPIENT', 'Give either a donor group or a recipient group');
    }
    const groups = recipient ? redCellDonorGroupsFor(recipient).map(formatBloodGroup) : undefined;
    const negative = antigens(query.negative, 'negative');
    const positive = antigens(query.positive, 'positive');
    if (!group && !recipient && negative.length === 0 && positive.length === 0) {
      throw new InvalidInput('DONORS.EMPTY_RARE_DONOR_SEARCH', 'Give a group or at least one antigen');
    }
    const items = await this.queries.rareDonors({
      group,
      groups,
      negative,
      positive,
      limit: page(query.limit, 100, 500),
    });
    return {
      group: group ?? null,
      recipient: recipient ? formatBloodGroup(recipient) : null,
      compatibleGroups: groups ?? null,
      negative,
      positive,
      items,
    };
  }

  @Get(':donorId')
  @Allow('donor-clinic', 'phlebotomist', ...READERS)
  @ApiOperation({
    summary: 'Donor profile, deferrals, donation history and recognition (identity for the clinic)',
  })
  donor(@Param('donorId') donorId: string, @CommandCtx() ctx: CommandContext) {
    return this.queries.donor(donorId, IDENTITY_READERS.includes(ctx.actor.role), ctx.now);
  }

  @Get(':donorId/eligibility')
  @Allow('donor-clinic', 'phlebotomist', ...READERS)
  @ApiOperation({
    summary: 'Whether a donor may give a procedure on a date (deferrals, age, intervals, yearly limits)',
  })
  eligibilityOn(
    @Param('donorId') donorId: string,
    @Query() query: EligibilityRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    const on = query.on === undefined ? ctx.now : new Date(query.on).toISOString();
    return this.eligibility.eligibilityOn(donorId, on, query.procedure);
  }
}
