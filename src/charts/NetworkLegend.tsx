/** Which colour is which network: one swatch and name per network, in the theme's colours. */
import type { NetworkId } from '../experiment/types.ts';
import { networkColors, networkLabels } from '../theme.ts';

/** The colour legend of the networks `ids`, in their order (embed.css recolours it for the dark theme by data-network-label). */
export function NetworkLegend({ ids }: { ids: readonly NetworkId[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {ids.map((id) => (
        <li key={id} style={{ color: networkColors[id].text }} data-network-label={id}>
          <span className="swatch" style={{ background: networkColors[id].stroke }} aria-hidden="true" />
          {networkLabels[id]}
        </li>
      ))}
    </ul>
  );
}
