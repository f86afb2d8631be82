import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './AppRoutes';
import { resumeAfterSignInElsewhere } from './features/security/authHooks';
import { sessionStore } from './features/security/sessionStore';
import { openTabLink } from './features/security/tabLink';
import { cssVariablesResolver, theme } from './theme';

// The server puts a fresh nonce in this meta tag and allows <style> elements carrying it (strict CSP);
// under the Vite dev server the placeholder stays and no nonce is needed.
const nonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
const styleNonce = nonce && nonce !== '__CSP_NONCE__' ? nonce : undefined;
// Modals' scroll lock (react-remove-scroll) inserts its <style> through get-nonce.
if (styleNonce) setNonce(styleNonce);

// The tabs of this browser share the session: activity, its end and sign-out reach them all.
const tabs = openTabLink();
if (tabs) sessionStore.linkTabs(tabs, () => void resumeAfterSignInElsewhere());

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      getStyleNonce={() => styleNonce ?? ''}
    >
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
