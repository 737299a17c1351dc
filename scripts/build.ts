import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// `npm run build [-- <out dir>]`: compiles the shipped code (tsconfig.build.json) to JavaScript in
// dist/, or in the folder given, after emptying it; then copies beside it the files that code reads
// at run time. TypeScript does the compiling (no bundler): dist/ mirrors the source tree.

/** Files read at run time next to the modules that read them (api/local-chat/page.ts). */
const RUNTIME_FILES = ['api/local-chat/page'];

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));

rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  stdio: 'inherit',
});
for (const files of RUNTIME_FILES) cpSync(path.join(root, files), path.join(outDir, files), { recursive: true });
