import { Component } from 'preact';
import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import type { TargetGroup } from './group-targets.ts';
import { describeState } from './state-labels.ts';
import { UptimeFigures } from './target-row.ts';

/** Props of one group's section. */
export interface TargetGroupSectionProps {
  readonly group: TargetGroup;
  /** Open whatever the group's state (a filter is showing what matched inside it). */
  readonly open?: boolean;
  /**
   * Leave a closed group's rows out until it is opened (with JavaScript): with thousands of targets
   * the page then holds only the rows of the groups in trouble.
   */
  readonly lazy?: boolean;
  /** Show this many rows at first and this many more per "Show more"; all of them when absent. */
  readonly page?: number | undefined;
  /** How many of the group's targets the filter shows. */
  readonly matching: number;
  /** The first `limit` rows the filter shows; only called when they are shown. */
  readonly rows: (limit: number) => ComponentChildren;
}

interface SectionState {
  /** Whether the reader opened the disclosure; null until they touch it. */
  readonly opened: boolean | null;
  /** Pages of rows the reader asked for. */
  readonly pages: number;
}

/**
 * A config group as a native disclosure: its name, worst state and mean uptime in the summary,
 * open while any of its targets is not up. Preact only writes `open` when that verdict changes,
 * so a group the reader opened or closed stays so across live updates.
 */
export class TargetGroupSection extends Component<TargetGroupSectionProps, SectionState> {
  override state: SectionState = { opened: null, pages: 1 };

  showMore = () => this.setState(({ pages }) => ({ pages: pages + 1 }));

  toggle = (event: Event) => {
    const opened = (event.currentTarget as HTMLDetailsElement).open;
    if (opened !== this.state.opened) this.setState({ opened });
  };

  override render(
    { group, open, lazy, page, matching, rows }: TargetGroupSectionProps,
    { opened, pages }: SectionState,
  ) {
    const limit = page === undefined ? matching : Math.min(matching, page * pages);
    const hidden = matching - limit;
    const state = describeState(group.worst);
    const count = `${group.targets.length} target${group.targets.length === 1 ? '' : 's'}`;
    const expanded = open || group.worst !== 'up';
    return html`
      <li class=${`group worst-${group.worst}`}>
        <details open=${expanded} onToggle=${this.toggle}>
          <summary>
            <h3 class="group-name">${group.name ?? 'Other'}</h3>
            <span class="state"
              ><span class="icon" aria-hidden="true">${state.icon}</span>${` ${state.text}`}</span
            >
            <${UptimeFigures} uptime=${group.uptime} />
            <span class="muted">${count}</span>
          </summary>
          ${
            !lazy || (opened ?? expanded)
              ? html`<ul class="group-targets">
                    ${rows(limit)}
                  </ul>
                  ${
                    hidden > 0
                      ? html`<button type="button" class="more" onClick=${this.showMore}>
                          ${`Show ${Math.min(hidden, page ?? hidden)} more (${hidden} not shown)`}
                        </button>`
                      : null
                  }`
              : null
          }
        </details>
      </li>
    `;
  }
}
