/**
 * Waits for `work`, but no longer than `ms`; what `work` does after that is left to it. The timer
 * is cleared once either side settles, so a finished wait keeps nothing alive.
 */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
