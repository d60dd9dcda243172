import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/generated/openapi';
import { usePackNames } from '../../api/use-pack-names';
import { formatMoney } from '../../format/format';
import { currentLanguage } from '../../i18n/i18n';

type TownDetail = components['schemas']['TownDetailDto'];
type RewardItem = components['schemas']['RewardItemDto'];

/** Committed, due, paid and forfeited: ¥ in 万元 in Chinese. */
export function TownRewards({ town }: { town: TownDetail }) {
  const { t } = useTranslation();
  const name = usePackNames();
  const language = currentLanguage();
  const money = (yuan: number) => formatMoney(yuan, language);
  const totals = [
    ['committed', town.rewards.committedYuan],
    ['due', town.rewards.dueYuan],
    ['paid', town.rewards.paidYuan],
    ['forfeited', town.rewards.forfeitedYuan],
  ] as const;
  return (
    <Card title={t('town.rewards')}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {totals.map(([key, yuan]) => (
          <Col key={key} xs={12} md={6}>
            <Statistic title={t(`town.${key}`)} value={money(yuan)} />
          </Col>
        ))}
      </Row>
      <Table<RewardItem>
        size="small"
        rowKey="reward"
        pagination={false}
        dataSource={town.rewardItems}
        locale={{ emptyText: t('common.none') }}
        columns={[
          { key: 'reward', title: t('town.reward'), render: (_, item) => name('rewards', item.reward) },
          { key: 'amount', title: t('town.amount'), render: (_, item) => money(item.amountYuan) },
          {
            key: 'status',
            title: t('town.rewardStatus'),
            render: (_, item) => t(`rewardStatus.${item.status}`, { defaultValue: item.status }),
          },
          { key: 'ref', title: t('town.paymentRef'), render: (_, item) => item.paymentRef ?? '—' },
        ]}
      />
    </Card>
  );
}
