/**
 * The page's toolbar: the title and the small secondary controls (Share / Embed, Export, the
 * presentation buttons) on one line, the transport with the step and the run state on the next.
 */
import { networksFor } from '../experiment/variants.ts';
import { useExperimentStore } from '../store/index.ts';
import { ExportMenu } from './export/ExportMenu.tsx';
import { subtitleFor } from './lineup.ts';
import { PresentationControls } from './presentation/PresentationControls.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { Transport } from './Transport.tsx';

/** The page header. */
export function Header() {
  const variants = useExperimentStore((s) => s.config.variants);
  const noisyBn = useExperimentStore((s) => s.config.noisyBn);
  return (
    <header className="header">
      <div className="header-top">
        <div className="titles">
          <h1>BatchNorm Explorer</h1>
          <p className="subtitle">{subtitleFor(networksFor({ variants, noisyBn }))}</p>
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
