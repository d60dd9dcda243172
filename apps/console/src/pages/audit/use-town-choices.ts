import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';

/** The towns an auditor picks from, by name: the first hundred (the API's largest page), by name. */
export function useTownChoices() {
  return useQuery({
    queryKey: ['towns', 'choices'],
    queryFn: () => unwrap(api.GET('/api/towns', { params: { query: { pageSize: 100, sort: 'name' } } })),
    select: (page) => page.items.map((town) => ({ value: town.townId, label: town.name })),
  });
}
