import { userInfo } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import type { Actor } from '@hemotrace/kernel';
import { DeadLetterOffice } from '@hemotrace/messaging';
import { AppModule } from '@hemotrace/app';
import type { StoreFlags } from '../cli-config';
import { cliConfig, withStoreOptions } from '../cli-config';

type Flags = StoreFlags & { json?: boolean; reaction?: string };

/**
 * The whole application without HTTP, on the store the server uses (HEMOTRACE_STORE and friends,
 * or --dir for SQLite): replaying needs the very handlers the server subscribes.
 */
const openApplication = async (flags: Flags): Promise<INestApplicationContext> => {
  const config = cliConfig(flags);
  /* Booting the application on Kafka would join every consumer group and start the relay. */
  if (config.bus === 'kafka') {
    throw new Error(
      'dead-letters works on the in-process bus; with HEMOTRACE_BUS=kafka it is not supported yet',
    );
  }
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
};

const cliActor = (): Actor => ({ userId: `cli:${userInfo().username}`, role: 'admin', siteId: 'SYSTEM' });

export const runDeadLetters = async (
  action: 'list' | 'replay',
  id: string | undefined,
  flags: Flags,
  print: (line: string) => void = console.log,
): Promise<void> => {
  const app = await openApplication(flags);
  try {
    const office = app.get(DeadLetterOffice);
    if (action === 'list') {
      const letters = await office.list(flags.reaction);
      if (flags.json) return print(JSON.stringify(letters, null, 2));
      if (letters.length === 0) return print('no dead letters');
      for (const l of letters) {
        print(
          `${l.id}\n  ${l.event.type} ${l.event.subject} failed ${l.failedAt} after ${l.attempts} attempt(s): ${l.error.code} ${l.error.message}${l.replays ? ` (replayed ${l.replays}x)` : ''}`,
        );
      }
      return;
    }
    if (!id) throw new Error('replay needs the id of a dead letter (see `hemotrace dead-letters list`)');
    const result = await office.replay(id, cliActor());
    print(flags.json ? JSON.stringify(result, null, 2) : `${id}: ${result.outcome}`);
  } finally {
    await app.close();
  }
};

export const registerDeadLetters = (program: Command): void => {
  withStoreOptions(program.command('dead-letters'))
    .description(
      'list the reactions that could not be carried out, or replay one through its handler (recorded as DeadLetterReplayed)',
    )
    .argument('<action>', 'list | replay')
    .argument('[id]', 'for replay: the dead letter id, <reaction>:<event id>')
    .option('--reaction <name>', 'list only this reaction')
    .option('--json', 'print JSON')
    .action(async (action: string, id: string | undefined, flags: Flags) => {
      if (action !== 'list' && action !== 'replay') throw new Error('dead-letters takes list or replay');
      await runDeadLetters(action, id, flags);
    });
};
