import { html } from 'htm/preact';
import type { Overall, TargetStatus } from '../status/wire-types.ts';
import { targetAnchor, writeView } from './page-view.ts';
import { describeOverall } from './state-labels.ts';

/** Props of the banner. */
export interface OverallBannerProps {
  readonly overall: Overall;
  readonly targets: readonly TargetStatus[];
}

// enough names to act on; past this the banner links to the filtered list instead
const namedAtMost = 5;

/**
 * The overall verdict, and links straight to the targets that are down (or degraded when none is
 * down): with hundreds of targets the banner is the way to the broken one.
 */
export function OverallBanner({ overall, targets }: OverallBannerProps) {
  const banner = describeOverall(overall);
  const down = targets.filter((target) => target.state === 'down');
  const broken = down.length ? down : targets.filter((target) => target.state === 'degraded');
  const more = broken.length - namedAtMost;
  const problemsLink = writeView({ query: '', problemsOnly: true, compact: null });
  return html`
    <section class=${`overall overall-${overall}`} aria-live="polite">
      <span class="icon" aria-hidden="true">${banner.icon}</span>
      <div>
        <h2>${banner.text}</h2>
        ${
          broken.length
            ? html`<div class="broken">
                ${down.length ? 'Down:' : 'Degraded:'}
                <ul>
                  ${broken
                    .slice(0, namedAtMost)
                    .map(
                      (target) =>
                        html`<li><a href=${`#${targetAnchor(target.name)}`}>${target.name}</a></li>`,
                    )}
                  ${more > 0 ? html`<li><a href=${problemsLink}>${`and ${more} more`}</a></li>` : null}
                </ul>
              </div>`
            : null
        }
      </div>
    </section>
  `;
}
