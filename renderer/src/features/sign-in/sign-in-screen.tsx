// Sign-in: username and password, the API's own error, a busy state, (in demo mode) the demo accounts to fill in, and in cloud
// mode the first sign-in's new password and "Forgot password?".
import { type FormEvent, useRef, useState } from 'react';
import { BrandMark } from '../../components/brand-mark';
import { Button } from '../../components/button';
import { TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { useApiQuery } from '../../hooks/use-api-query';
import type { SystemInfo } from '../../../../core/domain/auth';
import { useSessionStore } from '../../stores/session-store';
import { BrandPanel } from './brand-panel';
import { ForgotPasswordForm, NewPasswordForm } from './password-forms';

export function SignInScreen() {
  const info = useApiQuery('system.info', {});
  const challenge = useSessionStore((s) => s.challenge);
  const [forgot, setForgot] = useState(false);
  const [changed, setChanged] = useState(false);
  const [username, setUsername] = useState('');
  const cloud = info.data?.mode === 'cloud';
  return (
    <div className="flex min-h-screen">
      <BrandPanel version={info.data?.version ?? null} />
      <main className="flex flex-1 items-center justify-center px-8 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 lg:hidden">
            <BrandMark className="size-10" />
          </div>
          {challenge ? (
            <NewPasswordForm />
          ) : forgot ? (
            <ForgotPasswordForm
              initialUsername={username}
              onDone={(done) => {
                setForgot(false);
                setChanged(done);
              }}
            />
          ) : (
            <SignInForm
              username={username}
              setUsername={setUsername}
              cloud={cloud}
              changed={changed}
              onForgot={() => {
                setChanged(false);
                setForgot(true);
              }}
              demoAccounts={info.data?.demo ? info.data.demoAccounts : []}
            />
          )}
        </div>
      </main>
    </div>
  );
}

interface SignInFormProps {
  username: string;
  setUsername: (value: string) => void;
  cloud: boolean;
  /** The password was just reset: say so above the form. */
  changed: boolean;
  onForgot: () => void;
  demoAccounts: SystemInfo['demoAccounts'];
}

function SignInForm({ username, setUsername, cloud, changed, onForgot, demoAccounts }: SignInFormProps) {
  const [password, setPassword] = useState('');
  const submitRef = useRef<HTMLButtonElement>(null);
  const signIn = useSessionStore((s) => s.signIn);
  const signingIn = useSessionStore((s) => s.signingIn);
  const error = useSessionStore((s) => s.signInError);
  const notice = useSessionStore((s) => s.notice);
  const clearError = useSessionStore((s) => s.clearSignInError);
  // Missing fields are said next to the field; wrong credentials once, for both fields.
  const fieldErrors = error?.code === 'VALIDATION' ? error.fields : {};
  const wrongCredentials = error !== null && error.code !== 'VALIDATION';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(username, password);
  };

  return (
    <>
      <h1 className="text-display font-semibold tracking-tight text-ink">Sign in</h1>
      <p className="mt-1.5 text-body text-ink-muted">
        {cloud ? 'Use your company account to open the order desk.' : 'Use your Portside account to open the order desk.'}
      </p>

      {changed && !error ? (
        <NoticeBanner tone="success" className="mt-6">
          Your password has been changed. Sign in with the new one.
        </NoticeBanner>
      ) : notice && !error ? (
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
        {cloud ? (
          <div className="text-center">
            <button
              type="button"
              onClick={onForgot}
              className="text-body-sm font-medium text-primary hover:text-primary-hover hover:underline"
            >
              Forgot password?
            </button>
          </div>
        ) : null}
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
    </>
  );
}
