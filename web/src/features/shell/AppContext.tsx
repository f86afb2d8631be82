import { createContext, useContext } from 'react';
import type { Meta, Organization } from '../../api/types';

export interface AppContextValue {
  meta: Meta;
  organization: Organization;
  setOrganization: (o: Organization) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useAppContext outside <AppContext.Provider>');
  return v;
}

/** Code sets from GET /api/v1/meta, so forms never hard-code them. */
export function useMeta(): Meta {
  return useAppContext().meta;
}
