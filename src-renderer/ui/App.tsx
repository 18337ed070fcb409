// Who is here, which crisis is open: the three screens of the app.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../platform';
import { setPendingInvitation, takeInvitationFromAddress } from './crises/pending-invitation';
import { CrisisList } from './crises/CrisisList';
import { IdentityForm } from './identity/IdentityForm';
import { SessionProvider, useSession } from './session';
import { Workspace } from './workspace/Workspace';

function Screens() {
  const { t } = useTranslation();
  const { ready, error, identity, store, leaveCrisis } = useSession();
  useEffect(() => {
    takeInvitationFromAddress();
    // A vigie:// link opened while a crisis is on screen: back to the list, invitation filled in.
    return platform.onInvitation?.((link) => {
      setPendingInvitation(link);
      void leaveCrisis();
    });
  }, [leaveCrisis]);
  if (error) return <p role="alert" className="banner error">{error}</p>;
  if (!ready) return <p>{t('common.loading')}</p>;
  if (!identity) return <IdentityForm />;
  if (!store) return <CrisisList />;
  return <Workspace key={store.crisis.id} />;
}

export function App() {
  return (
    <SessionProvider>
      <Screens />
    </SessionProvider>
  );
}
