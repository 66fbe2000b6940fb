/** A configured maintenance window: one-off (`start`..`end`) or recurring (a croner pattern plus a duration). */
export type MaintenanceWindow = {
  readonly title: string;
  readonly text?: string;
  /** Target names it covers; absent means every target. */
  readonly targets?: readonly string[];
} & (
  | { readonly kind: 'once'; readonly start: number; readonly end: number }
  | {
      readonly kind: 'recurring';
      readonly cron: string;
      readonly durationMs: number;
      /** IANA zone the pattern is read in; absent means UTC. */
      readonly timezone?: string;
    }
);

/** One occurrence of a window: `[start, end)` in epoch ms. */
export interface MaintenancePeriod {
  readonly title: string;
  readonly text?: string;
  readonly targets?: readonly string[];
  readonly start: number;
  readonly end: number;
}
