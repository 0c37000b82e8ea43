/**
 * Dismissible notices from the store (invalid URL values, "run restarted"...); errors are alerts.
 */
import { useExperimentStore } from '../store/index.ts';

/** The notice banners. */
export function Notices() {
  const notices = useExperimentStore((s) => s.notices);
  const dismiss = useExperimentStore((s) => s.actions.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" aria-label={`Dismiss: ${n.text}`} onClick={() => dismiss(n.id)}>×</button>
        </li>
      ))}
    </ul>
  );
}
