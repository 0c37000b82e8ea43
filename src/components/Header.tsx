/**
 * Title, subtitle and the transport.
 */
import { Transport } from './Transport.tsx';

/** The page header. */
export function Header() {
  return (
    <header className="header">
      <div className="titles">
        <h1>BatchNorm Explorer</h1>
        <p className="subtitle">Two copies of one network, with and without Batch Normalization, training live in your browser.</p>
      </div>
      <Transport />
    </header>
  );
}
