import type { CommandIo } from './command-context.js';

export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

/** A one-line bar redrawn in place on stderr; silent when stderr is not a terminal (CI logs, pipes). */
export function createProgressBar(io: CommandIo, label: string, unit = ''): ProgressBar {
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      if (!io.stderrIsTty || total <= 0) return;
      const percent = Math.min(100, Math.floor((done / total) * 100));
      if (percent === lastPercent) return;
      lastPercent = percent;
      const width = 24;
      const filled = Math.round((percent / 100) * width);
      const amount = unit === 'bytes' ? `${(done / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB` : `${done}/${total}`;
      io.err(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${amount}`);
      drawn = true;
    },
    finish() {
      if (drawn) io.err('\n');
      drawn = false;
    },
  };
}
