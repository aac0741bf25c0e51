import type { BoundedContextName } from './contracts/integration-event';
import { BOUNDED_CONTEXTS } from './contracts/integration-event';

export const DEFAULT_TOPIC_PREFIX = 'hemotrace';

/** `HEMOTRACE_TOPIC_PREFIX` lets test runs and tenants share a broker without seeing each other's topics. */
export const topicPrefixFrom = (env: NodeJS.ProcessEnv = process.env): string => {
  const prefix = env.HEMOTRACE_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) {
    throw new Error(`HEMOTRACE_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-'; got ${prefix}`);
  }
  return prefix;
};

/** One topic per context, versioned with the envelope: `hemotrace.laboratory.v1`. */
export const topicFor = (context: BoundedContextName, prefix = DEFAULT_TOPIC_PREFIX): string =>
  `${prefix}.${context}.v1`;

export const deadLetterTopicFor = (topic: string): string => `${topic}.dlq`;

export const allTopics = (prefix = DEFAULT_TOPIC_PREFIX): string[] =>
  BOUNDED_CONTEXTS.map((context) => topicFor(context, prefix));
