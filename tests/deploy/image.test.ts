import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readComposeFile } from '../support/compose-file.ts';

/**
 * The Dockerfile, checked by reading it (Docker does not run here): how the image is built and
 * what it runs. tests/deploy/processes.test.ts runs the same command on the same layout.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Stage {
  name: string;
  /** Instructions with continuation lines joined: ['RUN', 'npm ci --omit=dev']. */
  instructions: [string, string][];
}

function readDockerfile(): Stage[] {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stages: Stage[] = [];
  for (const line of text.split('\n')) {
    const match = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, keyword, rest] = match as unknown as [string, string, string];
    if (keyword === 'FROM') stages.push({ name: /\sAS\s+(\S+)/i.exec(rest)?.[1] ?? '', instructions: [] });
    stages.at(-1)?.instructions.push([keyword, rest.trim()]);
  }
  return stages;
}

const stages = readDockerfile();
const runtime = stages.at(-1)!;
const lastOf = (stage: Stage, keyword: string) => stage.instructions.findLast(([k]) => k === keyword)?.[1];
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};

describe('the image', () => {
  it('runs as a user other than root', () => {
    expect(lastOf(runtime, 'USER')).toMatch(/^(?!root$|0$)\S+$/);
  });

  it('runs the compiled api with node directly, no npm or TypeScript loader in between', () => {
    expect(JSON.parse(lastOf(runtime, 'CMD')!)).toEqual(['node', 'dist/api/main.js']);
    expect(lastOf(runtime, 'ENTRYPOINT')).toBeUndefined();
  });

  it('compiles in a build stage with npm run build and ships only dist/, package.json and production node_modules', () => {
    const build = stages.find((stage) => stage.instructions.some(([k, v]) => k === 'RUN' && /npm run build/.test(v)));
    expect(build, 'a stage that runs npm run build').toBeDefined();
    const copies = runtime.instructions.filter(([k]) => k === 'COPY').map(([, v]) => v);
    expect(copies).toEqual([
      expect.stringMatching(/^--from=deps \/app\/node_modules \.\/node_modules$/),
      `--from=${build!.name} /app/dist ./dist`,
      'package.json ./',
    ]);
    const deps = stages.find((stage) => stage.name === 'deps')!;
    expect(deps.instructions).toContainEqual(['RUN', expect.stringMatching(/npm ci --omit=dev$/)]);
  });

  // playwright-core is not among them: the renderer role drives Chromium with it.
  it('leaves tsx, TypeScript, the test tools and the embedded database out of the production dependencies', () => {
    for (const name of ['tsx', 'esbuild', 'typescript', 'vitest', '@electric-sql/pglite']) {
      expect(packageJson.dependencies, name).not.toHaveProperty(name);
      // Not pulled in by a production dependency either: npm ci --omit=dev leaves out what the lockfile marks dev.
      expect(lock.packages[`node_modules/${name}`]?.dev, name).toBe(true);
    }
  });

  it('is run by compose with the roles the build compiles, each with node and an init', () => {
    const services = readComposeFile().services;
    for (const [role, file] of [
      ['api', 'dist/api/main.js'],
      ['worker', 'dist/worker/main.js'],
      ['preview', 'dist/preview/main.js'],
      ['migrations', 'dist/shared/db/migrate-main.js'],
    ] as const) {
      expect(services[role]?.command, role).toEqual(['node', file]);
      expect(services[role]?.init, role).toBe(true);
    }
  });
});

describe('npm scripts', () => {
  it.each(['start', 'api', 'worker', 'preview', 'migrate', 'ops'])(
    '`npm run %s` replaces its shell with node, so npm passes signals straight to it',
    (script) => {
      expect(packageJson.scripts[script]).toMatch(/^exec node --import tsx \S+\.ts$/);
    },
  );
});
