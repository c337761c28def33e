// The "?" overlay: every keyboard shortcut of the app.
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Kbd } from '../../components/page-header';
import { useShortcutHelpStore } from '../../stores/shortcut-help-store';

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Search the current list' },
  { keys: ['N'], what: 'Start a new order' },
  { keys: ['G', 'T'], what: 'Go to My tasks' },
  { keys: ['G', 'A'], what: 'Go to Analytics (Managers)' },
  { keys: ['G', 'U'], what: 'Go to Admin: users and sign-ins (Admins)' },
  { keys: ['Esc'], what: 'Close a dialog, or clear a search box' },
  { keys: ['?'], what: 'Show this list' },
  { keys: ['Enter'], what: 'Save the open dialog' },
];

export function ShortcutHelpDialog() {
  const open = useShortcutHelpStore((s) => s.open);
  const hide = useShortcutHelpStore((s) => s.hide);
  return (
    <Dialog
      open={open}
      onClose={hide}
      title="Keyboard shortcuts"
      description="Shortcuts work anywhere except while you type in a field."
      footer={
        <Button variant="primary" onClick={hide} data-autofocus>
          Done
        </Button>
      }
    >
      <dl className="divide-y divide-line">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="flex items-center justify-between py-2.5">
            <dt className="text-body text-ink">{s.what}</dt>
            <dd className="flex gap-1">
              {s.keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
