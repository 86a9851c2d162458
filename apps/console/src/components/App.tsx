import { selectAuth } from '../features/auth/authSlice';
import { useConsoleStore } from '../store/StoreContext';
import { SetupScreen } from './auth/SetupScreen';
import { SignInScreen } from './auth/SignInScreen';
import { Shell } from './Shell';

/** Sign-in first: nothing of the control room shows until a session exists. */
export function App({
  decoderMissing = false,
  defaultWorkstation = '',
}: {
  decoderMissing?: boolean;
  defaultWorkstation?: string;
}) {
  const status = useConsoleStore((s) => selectAuth(s).status);
  switch (status) {
    case 'checking':
      return (
        <div className="gate" role="status" data-testid="auth-checking">
          Contacting the ingest service…
        </div>
      );
    case 'setup':
      return <SetupScreen />;
    case 'signed-in':
      return <Shell decoderMissing={decoderMissing} />;
    default:
      return <SignInScreen defaultWorkstation={defaultWorkstation} />;
  }
}
