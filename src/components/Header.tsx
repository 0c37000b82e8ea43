/**
 * Title, subtitle, the transport, Share / Embed, Export and the presentation mode.
 */
import { ExportMenu } from './export/ExportMenu.tsx';
import { PresentationControls } from './presentation/PresentationControls.tsx';
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
        <ExportMenu />
        <PresentationControls />
      </div>
    </header>
  );
}
