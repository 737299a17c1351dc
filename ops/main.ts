import { loadConfigOrExit } from '../shared/config/index.ts';
import { createLogger } from '../shared/log/index.ts';
import { describeError } from './describe-error.ts';
import { createOpsDeps } from './ops-deps.ts';
import { UsageError } from './ops-errors.ts';
import { parseCommandLine, usage, type ParsedCommandLine } from './parse-command.ts';
import { renderText } from './print-table.ts';
import { runCommand } from './run-command.ts';

// `npm run ops -- <command>`: parse → config → deps → run → print. Exit 0 done, 1 failed, 2 bad
// command line. stdout carries only the result (a table, or one JSON document with --json).

const commandLine = parseOrExit(process.argv.slice(2));
if (commandLine.help) {
  process.stdout.write(`${usage()}\n`);
  process.exit(0);
}

const config = loadConfigOrExit();
// Logs (a dropped database connection, say) go to stderr, so stdout stays parseable.
const deps = createOpsDeps(config, createLogger(config, process.stderr));
try {
  const result = await runCommand(commandLine.command, deps);
  process.stdout.write(commandLine.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderText(result)}\n`);
} catch (error) {
  if (error instanceof UsageError) failUsage(error);
  process.stderr.write(`ops: ${describeError(error, [config.telegram.botToken, config.telegram.secretToken])}\n`);
  process.exitCode = 1;
} finally {
  await deps.close();
}

function parseOrExit(argv: string[]): ParsedCommandLine {
  try {
    return parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) failUsage(error);
    throw error;
  }
}

function failUsage(error: UsageError): never {
  process.stderr.write(`ops: ${error.message}\n\n${usage()}\n`);
  process.exit(2);
}
