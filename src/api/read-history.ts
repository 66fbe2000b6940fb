import { HTTPException } from 'hono/http-exception';

/** A store that cannot answer (QuestDB down or still starting) is a 503 with its reason, not a 500. */
export async function readHistory<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HTTPException(503, { message: `history store unavailable: ${reason}` });
  }
}
