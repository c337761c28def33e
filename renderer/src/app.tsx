// The app's root: hash router, and the sign-in screen whenever nobody is signed in (the route is kept for after).
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppFrame } from './features/shell/app-frame';
import { SignInScreen } from './features/sign-in/sign-in-screen';
import { selectIsSignedIn, useSessionStore } from './stores/session-store';

export function App() {
  const signedIn = useSessionStore(selectIsSignedIn);
  return <Router hook={useHashLocation}>{signedIn ? <AppFrame /> : <SignInScreen />}</Router>;
}
