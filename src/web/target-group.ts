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
  /** The group's rows; only called when they are shown. */
  readonly rows: () => ComponentChildren;
}

interface SectionState {
  /** Whether the reader opened the disclosure; null until they touch it. */
  readonly opened: boolean | null;
}

/**
 * A config group as a native disclosure: its name, worst state and mean uptime in the summary,
 * open while any of its targets is not up. Preact only writes `open` when that verdict changes,
 * so a group the reader opened or closed stays so across live updates.
 */
export class TargetGroupSection extends Component<TargetGroupSectionProps, SectionState> {
  override state: SectionState = { opened: null };

  toggle = (event: Event) => {
    const opened = (event.currentTarget as HTMLDetailsElement).open;
    if (opened !== this.state.opened) this.setState({ opened });
  };

  override render({ group, open, lazy, rows }: TargetGroupSectionProps, { opened }: SectionState) {
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
                  ${rows()}
                </ul>`
              : null
          }
        </details>
      </li>
    `;
  }
}
