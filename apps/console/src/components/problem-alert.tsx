import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';

/** A refusal inline: its stable code and the server's message in the chosen language. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      style={{ marginBottom: 16 }}
      message={problem.code}
      description={problem.status === 0 ? t('common.networkError') : problem.detail}
    />
  );
}
