import { HTTPException } from 'hono/http-exception';

/** Most `limit` one target may ask for. */
export const maxLimit = 10_000;
/**
 * Most records one `/api/signals` response may hold (`limit` x the targets it covers). Measured with
 * `npm run bench -- --only=signals` (SQLite, 100 targets): 30,000 records are 7 MB of JSON and
 * raised RSS by 41 MB, inside the ~50 MB one request may cost; `limit=10000` over 100 targets on
 * QuestDB had raised it from 70 MB to 516 MB.
 */
export const rowBudget = 30_000;
/** The tutorial's default `limit`: an hour of one-minute probes. */
export const tutorialLimit = 60;

/**
 * Reads `limit` (and checks it against the row budget) for a request over `targetCount` targets.
 * Without `limit` it is 60, lowered to fit the budget when there are more than 500 targets.
 */
export function parseSignalsLimit(values: string[] | undefined, targetCount: number): number {
  const targets = Math.max(1, targetCount);
  if (values === undefined) return Math.max(1, Math.min(tutorialLimit, Math.floor(rowBudget / targets)));
  const raw = values.join(',');
  const limit = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= maxLimit)) {
    throw new HTTPException(400, {
      message: `limit: must be an integer from 1 to ${maxLimit}, got ${JSON.stringify(raw)}`,
    });
  }
  if (limit * targets > rowBudget) {
    throw new HTTPException(400, {
      message:
        `limit: ${limit} x ${targets} targets is over the ${rowBudget}-record budget of one response; ` +
        `pass target=NAME or a limit of at most ${Math.max(1, Math.floor(rowBudget / targets))}`,
    });
  }
  return limit;
}
