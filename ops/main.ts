import { loadConfigOrExit } from '../shared/config/index.ts';
import { createLogger } from '../shared/log/index.ts';
import { ownerToRunIn, runInOwner } from './admin-client.ts';
import { describeError } from './describe-error.ts';
import { createOpsDeps } from './ops-deps.ts';
import { UsageError } from './ops-errors.ts';
import { parseCommandLine, usage, type Command, type ParsedCommandLine } from './parse-command.ts';
import { renderText } from './print-table.ts';
import { runCommand } from './run-command.ts';

// `npm run ops -- <command>`: parse → config → deps → run (here, or in npm start when it holds the
// embedded database) → print. Exit 0 done, 1 failed, 2 bad command line. stdout carries only the
// result (a table, or one JSON document with --json).

const commandLine = parseOrExit(process.argv.slice(2));
if (commandLine.help) {
  process.stdout.write(`${usage()}\n`);
  process.exit(0);
}

const config = loadConfigOrExit();
// Logs (a dropped database connection, say) go to stderr, so stdout stays parseable.
const deps = createOpsDeps(config, createLogger(config, process.stderr));
try {
  // With the embedded database held by npm start, the command runs there (see ownerToRunIn).
  const owner = ownerToRunIn(commandLine.command, config);
  const { result, text } = owner
    ? await runInOwner(owner, commandLine.command, process.argv.slice(2))
    : await runHere(commandLine.command);
  process.stdout.write(commandLine.json ? `${JSON.stringify(result, null, 2)}\n` : `${text}\n`);
} catch (error) {
  if (error instanceof UsageError) failUsage(error);
  process.stderr.write(`ops: ${describeError(error, [config.telegram.botToken, config.telegram.secretToken])}\n`);
  process.exitCode = 1;
} finally {
  await deps.close();
}

async function runHere(command: Command): Promise<{ result: unknown; text: string }> {
  const result = await runCommand(command, deps);
  return { result, text: renderText(result) };
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
