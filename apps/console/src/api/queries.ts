import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';
import { unwrap } from './problem';

/** The pack's vocabulary changes only with a new programme: fetched once per session. */
export function usePolicy() {
  return useQuery({
    queryKey: ['policy'],
    queryFn: () => unwrap(api.GET('/api/policy')),
    staleTime: Infinity,
  });
}
