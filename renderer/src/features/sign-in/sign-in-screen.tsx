// Sign-in: username and password, the API's own error, a busy state, and (in demo mode) the demo accounts to fill in.
import { type FormEvent, useRef, useState } from 'react';
import { BrandMark } from '../../components/brand-mark';
import { Button } from '../../components/button';
import { TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { useApiQuery } from '../../hooks/use-api-query';
import { useSessionStore } from '../../stores/session-store';
import { BrandPanel } from './brand-panel';

export function SignInScreen() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submitRef = useRef<HTMLButtonElement>(null);
  const signIn = useSessionStore((s) => s.signIn);
  const signingIn = useSessionStore((s) => s.signingIn);
  const error = useSessionStore((s) => s.signInError);
  const notice = useSessionStore((s) => s.notice);
  const clearError = useSessionStore((s) => s.clearSignInError);
  const info = useApiQuery('system.info', {});
  const demoAccounts = info.data?.demo ? info.data.demoAccounts : [];
  // Missing fields are said next to the field; wrong credentials once, for both fields.
  const fieldErrors = error?.code === 'VALIDATION' ? error.fields : {};
  const wrongCredentials = error !== null && error.code !== 'VALIDATION';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(username, password);
  };

  return (
    <div className="flex min-h-screen">
      <BrandPanel version={info.data?.version ?? null} />
      <main className="flex flex-1 items-center justify-center px-8 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 lg:hidden">
            <BrandMark className="size-10" />
          </div>
          <h1 className="text-display font-semibold tracking-tight text-ink">Sign in</h1>
          <p className="mt-1.5 text-body text-ink-muted">Use your Portside account to open the order desk.</p>

          {notice && !error ? (
            <NoticeBanner tone={notice.tone} className="mt-6">
              {notice.message}
            </NoticeBanner>
          ) : null}

          <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
            <TextField
              label="Username"
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                if (error) clearError();
              }}
              aria-invalid={wrongCredentials || undefined}
              error={fieldErrors.username}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                if (error) clearError();
              }}
              aria-invalid={wrongCredentials || undefined}
              error={fieldErrors.password}
            />
            {wrongCredentials ? <NoticeBanner tone="error">{error.message}</NoticeBanner> : null}
            <Button ref={submitRef} type="submit" variant="primary" busy={signingIn} className="w-full">
              {signingIn ? 'Signing in…' : 'Sign in'}
            </Button>
          </form>

          {demoAccounts.length > 0 ? (
            <section className="mt-8 rounded-card bg-surface p-4 ring-1 ring-line" aria-labelledby="demo-accounts-title">
              <div className="flex items-baseline justify-between">
                <h2 id="demo-accounts-title" className="text-body-sm font-semibold text-ink">
                  Demo accounts
                </h2>
                <p className="text-caption text-ink-subtle">Click to fill in</p>
              </div>
              <ul className="mt-3 grid gap-2">
                {demoAccounts.map((account) => (
                  <li key={account.username}>
                    <button
                      type="button"
                      onClick={() => {
                        setUsername(account.username);
                        setPassword(account.password);
                        clearError();
                        submitRef.current?.focus();
                      }}
                      className="flex w-full items-center justify-between rounded-control px-3 py-2 text-left ring-1 ring-line ring-inset hover:bg-primary-soft hover:ring-primary/30"
                      aria-label={`Use demo account ${account.username} (${account.roles.join(', ')})`}
                    >
                      <span className="font-mono text-body-sm font-medium text-ink">{account.username}</span>
                      <span className="rounded-full bg-surface-muted px-2 py-0.5 text-caption font-medium text-ink-muted ring-1 ring-line">
                        {account.roles.join(', ')}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              <p className="mt-3 text-caption text-ink-subtle">
                Password for every demo account: <span className="font-mono text-ink-muted">{demoAccounts[0]?.password}</span>
              </p>
            </section>
          ) : null}
        </div>
      </main>
    </div>
  );
}
