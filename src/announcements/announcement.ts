/** How serious an announcement is: how the page colours it and what the feed says. */
export const announcementSeverities = ['info', 'warning', 'outage'] as const;

/** One announcement as `/api/status` and the page carry it (ISO times; plain text only). */
export interface Announcement {
  title: string;
  text: string | null;
  severity: (typeof announcementSeverities)[number];
  /** When it was posted. */
  date: string;
  /** When the matter was resolved; null while it stands. */
  resolved_at: string | null;
}
