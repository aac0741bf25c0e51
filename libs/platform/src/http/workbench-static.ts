import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** Where the auditor's workbench is served; the API stays under /api/v1. */
export const WORKBENCH_ROOT = '/ui';

/**
 * The workbench's static build (`vite build` of apps/web into dist/web): HEMOTRACE_WEB_DIR, else
 * dist/web beside the compiled server, else dist/web of the source tree (tests run from source).
 */
export const workbenchBuildDir = (env: NodeJS.ProcessEnv = process.env): string | null => {
  const candidates = env.HEMOTRACE_WEB_DIR
    ? [resolve(env.HEMOTRACE_WEB_DIR)]
    : [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
};

/**
 * Serves the workbench under /ui with the single-page fallback, so a deep link such as
 * /ui/units/{unitId} loads index.html and the browser app routes it. Nothing when not built.
 */
export const workbenchStaticModules = (dir = workbenchBuildDir()): DynamicModule[] =>
  dir
    ? [
        ServeStaticModule.forRoot({
          rootPath: dir,
          serveRoot: WORKBENCH_ROOT,
          serveStaticOptions: { index: ['index.html'], fallthrough: true },
        }),
      ]
    : [];
