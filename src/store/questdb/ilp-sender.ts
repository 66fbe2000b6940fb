/** Hands ILP text to QuestDB. */
export interface IlpSender {
  /**
   * Sends complete lines. Resolves `acknowledged` when the server confirmed it holds them (ILP over
   * HTTP), `written` when they only went out over the socket (ILP over TCP, which never answers);
   * rejects when they could not be sent.
   */
  send(payload: string): Promise<'acknowledged' | 'written'>;
  /** Releases the connection; a send in progress fails. */
  close(): Promise<void>;
}
