/**
 * The page's toolbar: the title and the small secondary controls (Share / Embed, Export, the
 * presentation buttons) on one line, the transport with the step and the run state on the next.
 */
import { ExportMenu } from './export/ExportMenu.tsx';
import { PresentationControls } from './presentation/PresentationControls.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { Transport } from './Transport.tsx';

/** The page header. */
export function Header() {
  return (
    <header className="header">
      <div className="header-top">
        <div className="titles">
          <h1>BatchNorm Explorer</h1>
          <p className="subtitle">Two copies of one network, with and without Batch Normalization, training live in your browser.</p>
        </div>
        <div className="header-actions">
          <ShareDialog />
          <ExportMenu />
          <PresentationControls />
        </div>
      </div>
      <Transport />
    </header>
  );
}
