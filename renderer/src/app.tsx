// The app's root: hash router (a screen's filters ride in the hash's query), and the sign-in screen whenever nobody is signed in (the route is kept for after).
import { Router } from 'wouter';
import { AppFrame } from './features/shell/app-frame';
import { SignInScreen } from './features/sign-in/sign-in-screen';
import { useHashPathLocation, useHashSearch } from './routing/hash-location';
import { selectIsSignedIn, useSessionStore } from './stores/session-store';

export function App() {
  const signedIn = useSessionStore(selectIsSignedIn);
  return (
    <Router hook={useHashPathLocation} searchHook={useHashSearch} hrefs={useHashPathLocation.hrefs}>
      {signedIn ? <AppFrame /> : <SignInScreen />}
    </Router>
  );
}
