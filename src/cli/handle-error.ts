import { CommanderError } from 'commander';
import { K8sdiagError } from '../domain/errors.js';
import { EXIT } from './command-context.js';

/** Exit code for anything thrown out of a command: 2 usage/bad input, 3 cluster/target, 4 a bug. */
export function exitCodeForError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof K8sdiagError) {
    switch (error.code) {
      case 'usage':
      case 'bad-input':
      case 'config':
      case 'index-missing':
        return EXIT.usage;
      case 'cluster-unreachable':
      case 'not-found':
        return EXIT.cluster;
      default:
        return 4;
    }
  }
  return 4;
}

/** One line for known errors; a short bug-report block for the rest (never a bare stack trace). */
export function formatError(error: unknown, verbose: boolean): string {
  if (error instanceof CommanderError) return ''; // commander already printed its message
  if (error instanceof K8sdiagError && error.code !== 'internal') return `k8sdiag: ${error.message}\n`;
  const message = error instanceof Error ? error.message : String(error);
  const lines = [
    `k8sdiag: internal error: ${message}`,
    `  This is a bug. Please report it with the command you ran and: node ${process.version}, ${process.platform}-${process.arch}.`,
  ];
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  else lines.push('  Re-run with -v for details.');
  return `${lines.join('\n')}\n`;
}
