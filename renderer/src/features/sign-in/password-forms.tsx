// Cloud sign-in's password forms: the new password at first sign-in, and "Forgot password?" (send a code, then code + new password).
import { type FormEvent, useState } from 'react';
import { PASSWORD_RULES } from '../../../../core/domain/auth';
import { client } from '../../api/client';
import { type ErrorDetails, errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { TextField } from '../../components/form-fields';
import { NoticeBanner } from '../../components/notice-banner';
import { useSessionStore } from '../../stores/session-store';

const MISMATCH = 'The two passwords differ: type the same one twice.';

/** The new password typed twice; `confirmed()` says whether both match, and shows the mismatch when not. */
function useNewPasswordPair() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    repeat,
    mismatch,
    setPassword: (value: string) => {
      setPassword(value);
      setMismatch(false);
    },
    setRepeat: (value: string) => {
      setRepeat(value);
      setMismatch(false);
    },
    confirmed: (): boolean => {
      setMismatch(password !== repeat);
      return password === repeat;
    },
  };
}

/** The two new-password fields; the repeat is checked here (the pool never sees it). */
function NewPasswordFields({ pair, error }: { pair: ReturnType<typeof useNewPasswordPair>; error: string | undefined }) {
  return (
    <>
      <TextField
        label="New password"
        name="new-password"
        type="password"
        autoComplete="new-password"
        value={pair.password}
        onChange={(e) => pair.setPassword(e.target.value)}
        hint={PASSWORD_RULES}
        error={error}
      />
      <TextField
        label="Repeat the new password"
        name="repeat-password"
        type="password"
        autoComplete="new-password"
        value={pair.repeat}
        onChange={(e) => pair.setRepeat(e.target.value)}
        error={pair.mismatch ? MISMATCH : undefined}
      />
    </>
  );
}

/** A refusal that is about no field of the form, shown once as a banner. */
function GeneralError({ error, fields }: { error: ErrorDetails | null; fields: readonly string[] }) {
  if (!error) return null;
  const named = Object.keys(error.fields).some((f) => fields.includes(f));
  return named ? null : <NoticeBanner tone="error">{error.message}</NoticeBanner>;
}

export function NewPasswordForm() {
  const challenge = useSessionStore((s) => s.challenge);
  const complete = useSessionStore((s) => s.completeNewPassword);
  const cancel = useSessionStore((s) => s.cancelChallenge);
  const signingIn = useSessionStore((s) => s.signingIn);
  const error = useSessionStore((s) => s.signInError);
  const pair = useNewPasswordPair();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pair.confirmed()) return;
    void complete(pair.password);
  };

  return (
    <>
      <h1 className="text-display font-semibold tracking-tight text-ink">Choose your password</h1>
      <p className="mt-1.5 text-body text-ink-muted">
        First sign-in for <span className="font-medium text-ink">{challenge?.username}</span>: replace the temporary password with one only
        you know.
      </p>
      <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
        <NewPasswordFields pair={pair} error={error?.fields.newPassword} />
        <GeneralError error={error} fields={['newPassword']} />
        <Button type="submit" variant="primary" busy={signingIn} className="w-full">
          {signingIn ? 'Saving…' : 'Save and sign in'}
        </Button>
        <Button variant="ghost" className="w-full" onClick={cancel}>
          Back to sign in
        </Button>
      </form>
    </>
  );
}

type ResetStep = { step: 'ask' } | { step: 'code'; message: string };

/** "Forgot password?": the username, then the e-mailed code and a new password; `onDone(changed)` goes back to sign-in. */
export function ForgotPasswordForm({ initialUsername, onDone }: { initialUsername: string; onDone: (changed: boolean) => void }) {
  const [username, setUsername] = useState(initialUsername);
  const [code, setCode] = useState('');
  const pair = useNewPasswordPair();
  const [state, setState] = useState<ResetStep>({ step: 'ask' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorDetails(e));
    } finally {
      setBusy(false);
    }
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const sent = await client.call('auth.forgotPassword', { username });
      setState({ step: 'code', message: sent.message });
    });
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!pair.confirmed()) return;
    void run(async () => {
      await client.call('auth.confirmForgotPassword', { username, code, newPassword: pair.password });
      onDone(true);
    });
  };

  if (state.step === 'ask') {
    return (
      <>
        <h1 className="text-display font-semibold tracking-tight text-ink">Reset your password</h1>
        <p className="mt-1.5 text-body text-ink-muted">We will e-mail a 6-digit code to the address of your account.</p>
        <form onSubmit={send} className="mt-6 space-y-4" noValidate>
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={error?.fields.username}
          />
          <GeneralError error={error} fields={['username']} />
          <Button type="submit" variant="primary" busy={busy} className="w-full">
            {busy ? 'Sending…' : 'Send the code'}
          </Button>
          <Button variant="ghost" className="w-full" onClick={() => onDone(false)}>
            Back to sign in
          </Button>
        </form>
      </>
    );
  }

  return (
    <>
      <h1 className="text-display font-semibold tracking-tight text-ink">Enter the code</h1>
      <NoticeBanner tone="info" className="mt-4">
        {state.message}
      </NoticeBanner>
      <form onSubmit={confirm} className="mt-6 space-y-4" noValidate>
        <TextField
          label="Code from the e-mail"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error?.fields.code}
        />
        <NewPasswordFields pair={pair} error={error?.fields.newPassword} />
        <GeneralError error={error} fields={['code', 'newPassword', 'username']} />
        <Button type="submit" variant="primary" busy={busy} className="w-full">
          {busy ? 'Saving…' : 'Set the new password'}
        </Button>
        <Button variant="ghost" className="w-full" onClick={() => setState({ step: 'ask' })}>
          Send a new code
        </Button>
      </form>
    </>
  );
}
