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
  /** The group's rows. */
  readonly children: ComponentChildren;
}

/**
 * A config group as a native disclosure: its name, worst state and mean uptime in the summary,
 * open while any of its targets is not up. Preact only writes `open` when that verdict changes,
 * so a group the reader opened or closed stays so across live updates.
 */
export function TargetGroupSection({ group, open, children }: TargetGroupSectionProps) {
  const state = describeState(group.worst);
  const count = `${group.targets.length} target${group.targets.length === 1 ? '' : 's'}`;
  return html`
    <li class=${`group worst-${group.worst}`}>
      <details open=${open || group.worst !== 'up'}>
        <summary>
          <h3 class="group-name">${group.name ?? 'Other'}</h3>
          <span class="state"
            ><span class="icon" aria-hidden="true">${state.icon}</span>${` ${state.text}`}</span
          >
          <${UptimeFigures} uptime=${group.uptime} />
          <span class="muted">${count}</span>
        </summary>
        <ul class="group-targets">
          ${children}
        </ul>
      </details>
    </li>
  `;
}
