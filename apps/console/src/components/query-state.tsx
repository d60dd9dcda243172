import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';

/** A problem as a page shows it: its stable code, and its message in the chosen language. */
export function ProblemResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
  const status = problem.status === 404 ? '404' : problem.status === 403 ? '403' : 'error';
  return (
    <Result
      status={status}
      title={t('common.errorTitle', { code: problem.code })}
      subTitle={problem.status === 0 ? t('common.networkError') : problem.detail}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

interface QueryLike<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly isPending: boolean;
  refetch(): unknown;
}

/** Loading skeleton, error result, or the page's content. */
export function QueryState<T>({
  query,
  children,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.data === undefined)
    return <ProblemResult error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
