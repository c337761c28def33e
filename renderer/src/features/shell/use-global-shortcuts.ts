// App-wide keys: "/" focuses the page's search, "n" starts a new order, "g t" opens My tasks, "g a" Analytics (managers), "g u" users (Admin), "?" shows the shortcut help (Esc closes dialogs natively).
import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import { routes } from '../../routes';
import { useShortcutHelpStore } from '../../stores/shortcut-help-store';

/** Keys typed into a field belong to the field. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

export function useGlobalShortcuts(): void {
  const [, navigate] = useLocation();
  const showHelp = useShortcutHelpStore((s) => s.show);
  /** When "g" was pressed: a two-key "go to" shortcut needs its second key within a second. */
  const goPressedAt = useRef(0);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const afterGo = Date.now() - goPressedAt.current < 1_000;
      goPressedAt.current = 0;
      if (afterGo && (event.key === 't' || event.key === 'T')) {
        event.preventDefault();
        navigate(routes.tasks);
      } else if (afterGo && (event.key === 'a' || event.key === 'A')) {
        // Everyone may go there: without analytics:read the screen says it is for managers.
        event.preventDefault();
        navigate(routes.analytics);
      } else if (afterGo && (event.key === 'u' || event.key === 'U')) {
        // Everyone may go there: without users:admin the screen says it is for Admins.
        event.preventDefault();
        navigate(routes.admin);
      } else if (event.key === 'g' || event.key === 'G') {
        goPressedAt.current = Date.now();
      } else if (event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[data-page-search]');
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        navigate(routes.newOrder);
      } else if (event.key === '?') {
        event.preventDefault();
        showHelp();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, showHelp]);
}
