/**
 * 萍乡市特色小镇建设工作方案 (Pingxiang Municipal People's Government, 2017) as a policy pack.
 * Section marks (§) follow the document; "default:" marks a value the document leaves open ("另行确定"
 * or silent), each chosen and explained in docs/policy-packs.md.
 */
import { definePolicyPack } from '../define-policy-pack';
import { PolicyPack, PolicyPackContent } from '../policy-pack.schema';

export const pingxiang2017Content: PolicyPackContent = {
  id: 'pingxiang-2017',
  title: { zh: '萍乡市特色小镇建设工作方案', en: 'Pingxiang Work Plan for Building Characteristic Towns' },
  source: {
    document: '萍乡市人民政府关于印发萍乡市特色小镇建设工作方案的通知',
    issuedBy: '萍乡市人民政府',
    issuedOn: '2017-05-28',
    note: 'Published 28 May 2017; its first batch dates (March/April 2017) are kept as the plan states them.',
  },
  timezone: 'Asia/Shanghai',
  // default: the plan names no holiday rule, so deadlines fall where the calendar puts them.
  calendar: { holidaysShiftDeadlines: false, nonWorkingDays: [] },
  // §III.1 "县（区）政府是培育特色小镇的责任主体"; the seven county-level units of Pingxiang.
  counties: [
    { code: 'anyuan', nameZh: '安源区', nameEn: 'Anyuan District', aliases: ['安源'] },
    { code: 'xiangdong', nameZh: '湘东区', nameEn: 'Xiangdong District', aliases: ['湘东'] },
    { code: 'lianhua', nameZh: '莲花县', nameEn: 'Lianhua County', aliases: ['莲花'] },
    { code: 'shangli', nameZh: '上栗县', nameEn: 'Shangli County', aliases: ['上栗'] },
    { code: 'luxi', nameZh: '芦溪县', nameEn: 'Luxi County', aliases: ['芦溪'] },
    {
      code: 'pingxiang-etdz',
      nameZh: '萍乡经济技术开发区',
      nameEn: 'Pingxiang Economic and Technological Development Zone',
      aliases: ['萍乡经开区', '经开区'],
    },
    { code: 'wugongshan', nameZh: '武功山风景名胜区', nameEn: 'Wugongshan Scenic Area', aliases: ['武功山'] },
  ],
  // §I.3 "含行政建制乡镇和……创业创新平台两类"
  candidateKinds: [
    { code: 'administrative-town', nameZh: '行政建制乡镇', nameEn: 'Administrative town or township' },
    {
      code: 'innovation-platform',
      nameZh: '创业创新平台',
      nameEn: 'Innovation and entrepreneurship platform',
    },
  ],
  // §II.2 "一镇一业": emerging and traditional industries named by the plan.
  industries: [
    { code: 'new-energy', nameZh: '新能源', nameEn: 'New energy', group: 'emerging' },
    { code: 'new-materials', nameZh: '新材料', nameEn: 'New materials', group: 'emerging' },
    { code: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', group: 'emerging' },
    {
      code: 'advanced-equipment',
      nameZh: '先进装备制造',
      nameEn: 'Advanced equipment manufacturing',
      group: 'emerging',
    },
    { code: 'leisure-tourism', nameZh: '休闲旅游', nameEn: 'Leisure tourism', group: 'emerging' },
    { code: 'cultural-creativity', nameZh: '文化创意', nameEn: 'Cultural creativity', group: 'emerging' },
    { code: 'fireworks', nameZh: '花炮', nameEn: 'Fireworks', group: 'traditional' },
    { code: 'electrical-porcelain', nameZh: '电瓷', nameEn: 'Electrical porcelain', group: 'traditional' },
    { code: 'industrial-ceramics', nameZh: '工业陶瓷', nameEn: 'Industrial ceramics', group: 'traditional' },
    {
      code: 'environmental-ceramics',
      nameZh: '环保陶瓷',
      nameEn: 'Environmental ceramics',
      group: 'traditional',
    },
    { code: 'firecrackers', nameZh: '鞭炮烟花', nameEn: 'Firecrackers and fireworks', group: 'traditional' },
    { code: 'building-materials', nameZh: '建材', nameEn: 'Building materials', group: 'traditional' },
  ],
  // §III.1 member units of the joint meeting (they inspect at final acceptance, §IV.4).
  memberUnits: [
    { code: 'rural-work', nameZh: '市委农工部', nameEn: 'Rural Work Department' },
    { code: 'development-reform', nameZh: '市发改委', nameEn: 'Development and Reform Commission' },
    { code: 'industry-it', nameZh: '市工信委', nameEn: 'Industry and Information Technology Commission' },
    { code: 'science-technology', nameZh: '市科技局', nameEn: 'Science and Technology Bureau' },
    { code: 'finance', nameZh: '市财政局', nameEn: 'Finance Bureau' },
    { code: 'human-resources', nameZh: '市人社局', nameEn: 'Human Resources and Social Security Bureau' },
    { code: 'land-resources', nameZh: '市国土资源局', nameEn: 'Land Resources Bureau' },
    { code: 'construction', nameZh: '市建设局', nameEn: 'Construction Bureau' },
    { code: 'transport', nameZh: '市交通运输局', nameEn: 'Transport Bureau' },
    {
      code: 'culture-press',
      nameZh: '市文广新局',
      nameEn: 'Culture, Radio, Film, Press and Publication Bureau',
    },
    { code: 'statistics', nameZh: '市统计局', nameEn: 'Statistics Bureau' },
    { code: 'planning', nameZh: '市规划局', nameEn: 'Planning Bureau' },
    {
      code: 'urban-management',
      nameZh: '市城管执法局',
      nameEn: 'Urban Management and Law Enforcement Bureau',
    },
    { code: 'tourism', nameZh: '市旅发委', nameEn: 'Tourism Development Commission' },
    { code: 'public-affairs', nameZh: '市公共政务管理局', nameEn: 'Public Affairs Administration' },
    { code: 'local-tax', nameZh: '市地税局', nameEn: 'Local Taxation Bureau' },
  ],
  // §I.2 "每个县区集中建成1-2个精品特色小镇"; counted over the whole programme (both batches).
  quota: { minTownsPerCounty: 1, maxTownsPerCounty: 2 },
  // §IV.1 "2017、2018年3月底分别集中申报一次……4月底分别确定公布". default: windows open on 1 March.
  batches: [
    {
      id: '2017',
      applicationOpensOn: '2017-03-01',
      applicationClosesOn: '2017-03-31',
      listPublishedBy: '2017-04-30',
    },
    {
      id: '2018',
      applicationOpensOn: '2018-03-01',
      applicationClosesOn: '2018-03-31',
      listPublishedBy: '2018-04-30',
    },
  ],
  // §IV.1 "市组织竞争性答辩……评选程序由市特色小镇建设工作联席会议另行确定".
  // default: one criterion per work priority of §II, weighted towards the industry ("一镇一业").
  selection: {
    criteria: [
      { code: 'planning', nameZh: '专项规划方案', nameEn: 'Special plan and positioning', weightPercent: 15 },
      { code: 'industry', nameZh: '特色产业培育', nameEn: 'Characteristic industry', weightPercent: 25 },
      { code: 'environment', nameZh: '优美环境营造', nameEn: 'Environment and ecology', weightPercent: 15 },
      { code: 'culture', nameZh: '传统特色文化', nameEn: 'Traditional culture', weightPercent: 15 },
      {
        code: 'facilities',
        nameZh: '公共服务设施',
        nameEn: 'Public services and facilities',
        weightPercent: 15,
      },
      { code: 'institutions', nameZh: '体制机制创新', nameEn: 'Institutional innovation', weightPercent: 15 },
    ],
    maxCriterionScore: 100,
    passingScore: null,
    maxListedPerBatch: null,
  },
  // §III.5 "先予奖励100万元用于规划设计，两年内……经考核合格后再奖励100万元".
  rewards: [
    {
      code: 'listing',
      nameZh: '入选奖励',
      nameEn: 'Listing reward',
      amountYuan: 1_000_000,
      trigger: 'listed',
    },
    {
      code: 'progress',
      nameZh: '两年进度考核奖励',
      nameEn: 'Two-year progress reward',
      amountYuan: 1_000_000,
      trigger: 'progress-check-passed',
    },
  ],
  // §IV.2 "名单公布后3个月内……编制特色小镇专项规划和工作方案".
  // default: a late plan is still taken (marked late) after an overdue notice escalated to the office.
  planning: {
    documents: [
      { code: 'special-plan', nameZh: '专项规划', nameEn: 'Special plan' },
      { code: 'work-plan', nameZh: '工作方案', nameEn: 'Work plan' },
    ],
    dueWithinMonths: 3,
    lateSubmission: 'accept-as-late',
    escalateTo: 'joint-meeting-office',
    maxExtensionMonths: 1,
    resubmitWithinMonths: 1,
  },
  // §IV.3 "以年度统计数据、项目推进情况为依据，评出年度优秀、合格、不合格".
  // default: reviews from the listing year to 2019 (2020 is the final acceptance, §IV.4), statistics
  // due 15 December, rated by 31 December, score bands 85/60, missing statistics rated unqualified
  // unless the office extends the due date by 10 days.
  yearlyReview: {
    firstYearOffset: 0,
    lastReviewYear: 2019,
    opensOn: { month: 12, day: 1 },
    statisticsDueOn: { month: 12, day: 15 },
    ratingDueOn: { month: 12, day: 31 },
    ratings: [
      {
        code: 'excellent',
        nameZh: '优秀',
        nameEn: 'Excellent',
        minScore: 85,
        landSupport: true,
        provincialCandidate: true,
        consequence: 'continue',
      },
      {
        code: 'qualified',
        nameZh: '合格',
        nameEn: 'Qualified',
        minScore: 60,
        landSupport: true,
        provincialCandidate: false,
        consequence: 'continue',
      },
      {
        code: 'unqualified',
        nameZh: '不合格',
        nameEn: 'Unqualified',
        minScore: 0,
        landSupport: false,
        provincialCandidate: false,
        consequence: 'exit',
      },
    ],
    missingStatistics: { rating: 'unqualified', extensionDays: 10 },
    observation: null,
  },
  // §III.5 "两年内小镇建设达到时序进度要求，经考核合格": counted from the list's publication.
  progressCheck: { withinMonths: 24 },
  // §I.3 "争取推荐3-5个示范小镇列入省级特色小镇"; §IV.3 excellent towns are put forward.
  // default: ranked by consecutive excellent years, then by the year's score.
  provincialRecommendation: {
    minTowns: 3,
    maxTowns: 5,
    eligibleRatings: ['excellent'],
    ranking: ['consecutive-eligible-years', 'score'],
  },
  // §IV.4 "在2020年底，组织有关成员单位赴实地踏看". default: from 1 December 2020, two units at least.
  finalAcceptance: { startsOn: '2020-12-01', minInspectingUnits: 2 },
};

export const pingxiang2017: PolicyPack = definePolicyPack(pingxiang2017Content);
