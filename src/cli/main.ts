#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { exitCodeForError, formatError } from './handle-error.js';
import { buildProgram } from './program.js';
import { cancelScope } from './run-command.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = buildProgram(packageJson.version);

// 128 + SIGINT, what shells report for a process stopped by Ctrl-C.
const CANCELLED_EXIT = 130;
// Work that does not listen to the signal (collection, embedding) gets this long to wind down.
const GRACE_MS = 2000;

const controller = new AbortController();
let reported = false;
function reportCancelled(): void {
  if (!reported) process.stderr.write('k8sdiag: cancelled\n');
  reported = true;
}
// First Ctrl-C aborts the run (LLM calls stop, no partial answer is printed); a second one quits at once.
process.on('SIGINT', () => {
  if (controller.signal.aborted) {
    reportCancelled();
    process.exit(CANCELLED_EXIT);
  }
  controller.abort();
  setTimeout(() => {
    reportCancelled();
    process.exit(CANCELLED_EXIT);
  }, GRACE_MS).unref();
});

try {
  await cancelScope.run(controller.signal, () => program.parseAsync(process.argv));
  if (controller.signal.aborted) {
    reportCancelled();
    process.exitCode = CANCELLED_EXIT;
  }
} catch (error) {
  if (controller.signal.aborted) {
    reportCancelled();
    process.exitCode = CANCELLED_EXIT;
  } else {
    process.stderr.write(formatError(error, process.argv.includes('-v') || process.argv.includes('--verbose')));
    process.exitCode = exitCodeForError(error);
  }
}
