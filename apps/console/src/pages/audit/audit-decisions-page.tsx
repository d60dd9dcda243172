import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/api-client';
import { ApiProblem, unwrap } from '../../api/problem';
import { PageContainer } from '../../components/page-container';
import { saveFile } from '../../components/save-file';

const decisionKinds = ['ratings', 'rewards', 'exits', 'recommendations', 'acceptance'] as const;
type DecisionKind = (typeof decisionKinds)[number];

/**
 * 决定清单: one CSV per kind of decision, as `npm run audit -- export-csv` writes them. Fetched with the
 * session's token (a plain link could not carry it) and handed to the browser as the file the API named.
 */
export function AuditDecisionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: async (kind: DecisionKind) => {
      const csv = await unwrap(
        api.GET('/api/audit/decisions/{kind}', { params: { path: { kind } }, parseAs: 'blob' }),
      );
      saveFile(`${kind}.csv`, csv);
    },
    onError: (error) => {
      const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
      void message.error(t('common.errorTitle', { code: problem.code }));
    },
  });
  return (
    <PageContainer crumbs={[{ title: t('audit.decisions.title') }]} title={t('audit.decisions.title')}>
      <Card>
        <Typography.Paragraph type="secondary">{t('audit.decisions.hint')}</Typography.Paragraph>
        <List
          dataSource={[...decisionKinds]}
          renderItem={(kind) => (
            <List.Item
              actions={[
                <Button
                  key="download"
                  icon={<DownloadOutlined />}
                  loading={download.isPending && download.variables === kind}
                  onClick={() => download.mutate(kind)}
                >
                  {t('audit.decisions.download', { file: `${kind}.csv` })}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={t(`audit.decisions.kinds.${kind}`)}
                description={t(`audit.decisions.describe.${kind}`)}
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
