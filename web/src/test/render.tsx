import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Meta, Organization, Session } from '../api/types';
import { sessionStore } from '../features/security/sessionStore';
import { AppContext } from '../features/shell/AppContext';
import { cssVariablesResolver, theme } from '../theme';
import { META, ORG, session as makeSession } from './fixtures';

interface Options {
  /** The URL to start at. */
  route?: string;
  /** The route pattern the element is mounted at (for useParams). */
  path?: string;
  meta?: Meta;
  organization?: Organization;
  /** Extra routes, e.g. the page a form navigates to. */
  extra?: { path: string; element: ReactElement }[];
  /** The signed-in session (default: a program director); null for none. */
  session?: Session | null;
}

/** Renders one screen inside Mantine, a memory router and the app context (meta and organization). */
export function renderScreen(ui: ReactElement, opts: Options = {}) {
  const s = opts.session === undefined ? makeSession() : opts.session;
  if (s) sessionStore.start(s);
  const ctx = { meta: opts.meta ?? META, organization: opts.organization ?? ORG, setOrganization: () => {} };
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <AppContext.Provider value={ctx}>
        <MemoryRouter initialEntries={[opts.route ?? '/']}>
          <Routes>
            <Route path={opts.path ?? '*'} element={ui} />
            {(opts.extra ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
          </Routes>
        </MemoryRouter>
      </AppContext.Provider>
    </MantineProvider>,
  );
}

/** Renders the whole app (bootstrap included) at a route. */
export function renderApp(ui: ReactElement, route = '/') {
  return render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </MantineProvider>,
  );
}
