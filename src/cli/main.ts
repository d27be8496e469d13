#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { exitCodeForError, formatError } from './handle-error.js';
import { buildProgram } from './program.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = buildProgram(packageJson.version);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(formatError(error, process.argv.includes('-v') || process.argv.includes('--verbose')));
  process.exitCode = exitCodeForError(error);
}
