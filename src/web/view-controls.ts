import { html } from 'htm/preact';
import type { PageView } from './page-view.ts';

/** Props of the filter and layout controls. */
export interface ViewControlsProps {
  readonly view: PageView;
  /** Whether the rows are compact right now (the view's choice or the default by count). */
  readonly compact: boolean;
  readonly onChange: (view: PageView) => void;
}

/**
 * Find the broken one: a text filter over names and groups, "only not up", and the switch between
 * compact rows and cards. The page keeps the choice in the URL, so a link can point at it.
 */
export function ViewControls({ view, compact, onChange }: ViewControlsProps) {
  return html`
    <div class="view-controls">
      <label class="filter">
        <span>Filter</span>
        <input
          type="search"
          value=${view.query}
          placeholder="Name or group"
          onInput=${(event: Event) => onChange({ ...view, query: (event.target as HTMLInputElement).value })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked=${view.problemsOnly}
          onChange=${(event: Event) =>
            onChange({ ...view, problemsOnly: (event.target as HTMLInputElement).checked })}
        />
        ${' Only not up'}
      </label>
      <button type="button" aria-pressed=${compact} onClick=${() => onChange({ ...view, compact: !compact })}>
        Compact rows
      </button>
    </div>
  `;
}
