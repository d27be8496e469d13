import { DETECTORS } from '../../detect/detector-registry.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';

export async function run(_args: Record<string, never>, globals: GlobalOptions, io: CommandIo): Promise<number> {
  if (globals.output === 'json') {
    io.out(`${JSON.stringify(DETECTORS.map(({ id, description }) => ({ id, description })), null, 2)}\n`);
  } else if (globals.output === 'markdown') {
    io.out(`| detector | looks for |\n|---|---|\n${DETECTORS.map((d) => `| \`${d.id}\` | ${d.description.replace(/\|/g, '\\|')} |`).join('\n')}\n`);
  } else {
    const width = Math.max(0, ...DETECTORS.map((d) => d.id.length));
    for (const detector of DETECTORS) io.out(`${detector.id.padEnd(width)}  ${detector.description}\n`);
  }
  return 0;
}
