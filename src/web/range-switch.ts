import { Component } from 'preact';
import { html } from 'htm/preact';
import { uptimeWindows, windowNames } from './target-row.ts';

/**
 * One switch for the uptime window of the whole page: native radios (arrow keys, form semantics).
 * The rows hold every window's figure and the stylesheet shows the checked one (`:has`), so the
 * switch works without JavaScript and switching re-renders nothing.
 */
export class RangeSwitch extends Component {
  // The radios own their state: never re-rendering keeps Preact from resetting `checked` to the
  // default whenever the page re-renders for a live update.
  override shouldComponentUpdate(): boolean {
    return false;
  }

  override render() {
    return html`
      <fieldset class="range">
        <legend>Uptime over</legend>
        ${uptimeWindows.map(
          (window) => html`
            <input
              type="radio"
              name="range"
              id=${`range-${window}`}
              value=${window}
              checked=${window === '24h'}
            />
            <label for=${`range-${window}`}>${windowNames[window]}</label>
          `,
        )}
      </fieldset>
    `;
  }
}
