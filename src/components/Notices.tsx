/**
 * Dismissible notices from the store (the link's one summary of values it could not use, "run
 * restarted"...); errors are alerts. The link's notice lists its problems under its heading.
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
          <span>
            {n.text}
            {n.items && n.items.length > 0 && (
              <ul className="notice-items">
                {n.items.map((item, i) => <li key={i}>{item}</li>)}
              </ul>
            )}
          </span>
          <button type="button" aria-label={`Dismiss: ${n.text}`} onClick={() => dismiss(n.id)}>×</button>
        </li>
      ))}
    </ul>
  );
}
