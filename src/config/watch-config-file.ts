import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log.ts';

// Editors save by writing a temporary file and renaming it over the old one, and Kubernetes swaps a
// symlink: a burst of events within milliseconds. Waiting this long after the last one reads the
// finished file once, and stays well inside the 2 s an operator expects a reload to take.
const settleMs = 300;

/**
 * Calls `onChange` when the config file's content changes. Watches the file's directory, not the
 * file: a file replaced by rename is a new inode that a watch on the old one never reports. Events
 * that leave the content as it was (another file in the folder, a touch) call nothing.
 */
export function watchConfigFile(options: { file: string; onChange: () => void; log: Logger }): {
  close(): void;
} {
  const { file, onChange, log } = options;
  let lastContent = readContent(file);
  let settleTimer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(file), { persistent: false }, () => {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(check, settleMs);
      settleTimer.unref();
    });
  } catch (error) {
    log.warn(
      { dir: dirname(file), err: (error as Error).message },
      'cannot watch the config folder; reload with SIGHUP instead',
    );
    return { close() {} };
  }
  watcher.on('error', (error) =>
    log.warn({ dir: dirname(file), err: error.message }, 'config folder watch failed; SIGHUP still reloads'),
  );

  function check(): void {
    const content = readContent(file);
    if (content === lastContent) return;
    lastContent = content;
    onChange();
  }

  return {
    close() {
      clearTimeout(settleTimer);
      watcher.close();
    },
  };
}

/** The file's text, or the reason it cannot be read (so a file that goes away counts as a change). */
function readContent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return `\0${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`;
  }
}
