import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeSnapshot } from '../../collect/write-snapshot.js';
import { UsageError } from '../../domain/errors.js';
import { EXIT, type CommandIo, type GlobalOptions } from '../command-context.js';
import { collectForCommand } from '../collect-for-command.js';
import { parseKindTarget, parseNamedTarget, type TargetRequest } from '../parse-target.js';

export interface SnapshotArgs {
  /** `pod`, `deploy` or `workload`. */
  type: string;
  target: string;
  namespace?: string;
  output?: string;
  force?: boolean;
}

function targetFor(args: SnapshotArgs): TargetRequest {
  switch (args.type) {
    case 'pod': return parseNamedTarget('Pod', args.target, args.namespace);
    case 'deploy':
    case 'deployment': return parseNamedTarget('Deployment', args.target, args.namespace);
    case 'workload': return parseKindTarget(args.target, args.namespace);
    default: throw new UsageError(`unknown snapshot type "${args.type}"; use pod, deploy or workload`);
  }
}

/** `k8sdiag snapshot pod|deploy|workload <target> -o file.json`: freeze what was collected for offline replay. */
export async function run(args: SnapshotArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  if (!args.output) throw new UsageError('snapshot needs -o <file.json>');
  const target = targetFor(args);
  const file = resolve(io.cwd, args.output);
  // Checked before collecting too, so nobody waits for a cluster round trip just to be refused.
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`-o ${args.output} is a directory; give a file name, e.g. -o ${args.output.replace(/\/+$/, '')}/snapshot.json`);
  if (existing && !args.force) throw new UsageError(`${args.output} already exists; pass --force to overwrite it`);
  const snapshot = await collectForCommand(target, globals, io);
  await writeSnapshot(file, snapshot, { force: args.force ?? false });
  const errors = snapshot.collectionErrors?.length ?? 0;
  io.err(`wrote ${args.output}: ${snapshot.objects.length} objects, ${snapshot.events.length} events, ${snapshot.logs.length} logs`
    + `${errors > 0 ? `, ${errors} could not be read (see collectionErrors)` : ''}\n`);
  // Say what is missing, as the diagnosis commands do: partial RBAC should be visible at collection time.
  for (const error of snapshot.collectionErrors ?? []) io.err(`  could not read ${error.what}: ${error.reason}\n`);
  return EXIT.ok;
}
