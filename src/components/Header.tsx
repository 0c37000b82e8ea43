/**
 * Title, subtitle, the transport and the Share / Embed button.
 */
import { ShareDialog } from './ShareDialog.tsx';
import { Transport } from './Transport.tsx';

/** The page header. */
export function Header() {
  return (
    <header className="header">
      <div className="titles">
        <h1>BatchNorm Explorer</h1>
        <p className="subtitle">Two copies of one network, with and without Batch Normalization, training live in your browser.</p>
      </div>
      <div className="header-actions">
        <Transport />
        <ShareDialog />
      </div>
    </header>
  );
}
