import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api-client';
import { unwrap } from '../api/problem';
import { useNow } from './use-now';

/** Training mode's clock (`npm run start:training`); `data` is null where the route answers 404. */
export function useTrainingClock() {
  return useQuery({
    queryKey: ['training-clock'],
    queryFn: async () => {
      const answer = await api.GET('/api/training/clock');
      return answer.response.status === 404 ? null : unwrap(Promise.resolve(answer));
    },
    // Between moves the virtual clock runs at the wall clock's pace; the date is what the header shows.
    // A server without training mode does not gain it while it runs: one 404 is the whole answer.
    refetchInterval: (query) => (query.state.data === null ? false : 60_000),
    staleTime: (query) => (query.state.data === null ? 'static' : 5_000),
  });
}

/**
 * The programme's now for countdowns: the virtual clock in training mode, moving on with the browser's;
 * the browser's clock anywhere else.
 */
export function useProgrammeNow(): number {
  const browserNow = useNow();
  const clock = useTrainingClock();
  if (!clock.data) return browserNow;
  return Date.parse(clock.data.now) + (browserNow - clock.dataUpdatedAt);
}
