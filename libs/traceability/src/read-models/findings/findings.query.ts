import { Inject, Injectable } from '@nestjs/common';
import type { Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { InvalidInput } from '@hemotrace/kernel';
import type { FindingRule } from '../../domain/conformance/conformance.rules';
import { FINDING_RULES } from '../../domain/conformance/conformance.rules';
import type { Finding } from './conformance.projection';
import { FINDINGS } from './conformance.projection';

export interface Period {
  from: string;
  to: string;
}

/** A from..to period of ISO instants; `to` exclusive. */
export const parsePeriod = (from: string | undefined, to: string | undefined): Period => {
  if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
    throw new InvalidInput('TRACE.INVALID_PERIOD', 'from and to must be ISO 8601 instants', { from, to });
  }
  const period = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  if (period.from >= period.to)
    throw new InvalidInput('TRACE.INVALID_PERIOD', 'from must be before to', period);
  return period;
};

export interface FindingsReport extends Period {
  siteId: string | null;
  total: number;
  byRule: Record<string, number>;
  findings: Finding[];
}

@Injectable()
export class FindingQueries {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async report(period: Period, siteId?: string, rule?: string): Promise<FindingsReport> {
    if (rule !== undefined && !(rule in FINDING_RULES)) {
      throw new InvalidInput(
        'TRACE.INVALID_RULE',
        `rule must be one of ${Object.keys(FINDING_RULES).join(', ')}`,
        { rule },
      );
    }
    const filter: Filter = { at: { $gte: period.from, $lt: period.to } };
    if (siteId) filter.siteId = siteId;
    if (rule) filter.rule = rule as FindingRule;
    const findings = await this.readModels.find<Finding>(FINDINGS, filter, {
      orderBy: { field: 'at' },
      limit: 10_000,
    });
    const byRule: Record<string, number> = {};
    for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    return { ...period, siteId: siteId ?? null, total: findings.length, byRule, findings };
  }
}
