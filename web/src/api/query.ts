import { QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, ApiProblem, session, unwrap } from './client';
import type { components } from './schema';

export type Account = components['schemas']['Account'];
export type Role = Account['role'];

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A client's mistake or a missing thing will not change by asking again; a network blip may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

export function useToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.token, () => null);
}

/** The signed-in account (null when signed out); keyed by token so a new sign-in never sees the old one. */
export const meQuery = (token: string | null) => queryOptions({
  queryKey: ['me', token],
  queryFn: async (): Promise<Account | null> => {
    if (!token) return null;
    try {
      return await unwrap(api.GET('/v1/me'));
    } catch (error) {
      // An expired or revoked token: the browser is signed out.
      if (error instanceof ApiProblem && error.status === 401) { session.clear(); return null; }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useMe(): { account: Account | null; loading: boolean } {
  const token = useToken();
  const { data, isPending } = useQuery(meQuery(token));
  return { account: data ?? null, loading: isPending };
}

export function currentMe(): Promise<Account | null> {
  return queryClient.ensureQueryData(meQuery(session.token()));
}

/** Every cached answer belongs to the previous caller: sign-in and sign-out start afresh. */
session.subscribe(() => {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  void queryClient.invalidateQueries();
});
