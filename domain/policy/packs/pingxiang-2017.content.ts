/**
 * 萍乡市特色小镇建设工作方案 (Pingxiang Municipal People's Government, 2017) as a policy pack.
 * Section marks (§) follow the document; "default:" marks a value the document leaves open ("另行确定"
 * or silent), each chosen and explained in docs/policy-packs.md.
 */
import type { PolicyPackContent } from '../policy-pack.schema';

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
  // §III.1 "县（区）政府是培育特色小镇的责任主体"; the document names no units. default: Pingxiang's five
  // counties and districts, and the two management committees (经开区, 武功山), which govern their areas
  // as a county does and are addressed beside the counties in the city's notices, each with the same quota.
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
  // §II.2 "一镇一业": emerging and traditional industries named by the plan. Both lists end in "等", so
  // the list is open: see `application.otherIndustries`.
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
  // §I.2 "每个县区集中建成1-2个精品特色小镇": towns built, i.e. listed, counted over the whole programme
  // (both batches). The document caps no applications. default: a town that exited gives its place back
  // (it is no longer built as one of the programme's towns, §IV.3 退出机制).
  quota: { minTownsPerCounty: 1, maxTownsPerCounty: 2, applications: 'unlimited', exitFreesPlace: true },
  application: {
    // §II.2 "…文化创意等新兴产业…建材等传统产业": an industry not named is taken as `other`, described.
    otherIndustries: true,
    // §IV.1 "申报条件…由市特色小镇建设工作联席会议另行确定". default: the principles the document sets for
    // candidates, declared by the county on applying and confirmed or rejected by the office at the defence.
    conditions: [
      {
        code: 'characteristic-industry',
        nameZh: '聚焦特色产业，一镇一业',
        nameEn: 'Focused on one characteristic industry',
        source: '§I.3 聚焦特色产业和新兴产业; §II.2 一镇一业、一镇一品',
      },
      {
        code: 'not-manufacturing-led',
        nameZh: '不以工业制造业为主',
        nameEn: 'Not led by industrial manufacturing',
        source: '§I.2 坚持重点推进',
      },
      {
        code: 'distinct-from-parks-and-scenic-areas',
        nameZh: '不同于特色产业园区、风景区',
        nameEn: 'Distinct from industrial parks and scenic areas',
        source: '§I.2 坚持重点推进',
      },
      {
        code: 'concentrated-core-area',
        nameZh: '集中打造核心区，不贪大求全',
        nameEn: 'A concentrated core area, not large for its own sake',
        source: '§I.2 坚持重点推进',
      },
      {
        code: 'market-led',
        nameZh: '企业主体、政府引导、市场化运作',
        nameEn: 'Enterprise-led, government-guided, market-run',
        source: '§I.2 坚持市场主导; §IV.2',
      },
      {
        code: 'distinct-from-towns-and-parks',
        nameZh: '不同于行政建制乡镇和产业园区',
        nameEn: 'Neither an administrative town nor an industrial park',
        kinds: ['innovation-platform'],
        source: '§I.3 创业创新平台',
      },
    ],
  },
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
  // §III.5 "先予奖励100万元用于规划设计，两年内……经考核合格后再奖励100万元". default: a reward due when the
  // town exits stays payable until its support ends on 1 January, and is forfeited then; one not yet
  // earned is forfeited at the exit (no assessment is held for a town that has left).
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
  // default: the office approves or returns the plans, its "协调指导" of planning and construction (§III.1).
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
  // unless the office extends the due date by 10 days. default: the office rates (it carries the joint
  // meeting's day-to-day supervision, §III.1 日常督查); a rating after 31 December is still taken (it
  // misses that year's provincial round). default: the land support a rating earns is for the year
  // after it (ratings come in December, when that year's land is planned and spent).
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
    landSupportYearOffset: 1,
    observation: null,
  },
  // §III.5 "两年内小镇建设达到时序进度要求，经考核合格": counted from the list's publication; the check may be
  // taken again within the two years, and asks only for the schedule met (no approved plan besides).
  progressCheck: { withinMonths: 24, retakeAfterFailure: true, requiresApprovedPlan: false },
  // §IV.3 "对年度考核优秀的特色小镇…推荐上报全省特色小镇": every excellent town, every year, until the
  // province lists it; §I.3 "争取推荐3-5个示范小镇列入省级特色小镇" is the target for the province's list,
  // not a cap on the city's recommendations. default: the order of the recommendation, by consecutive
  // excellent years, then by the year's score.
  provincialRecommendation: {
    minTowns: 3,
    maxTowns: 5,
    eligibleRatings: ['excellent'],
    ranking: ['consecutive-eligible-years', 'score'],
    maxRecommended: null,
    recommendAgain: 'until-listed',
  },
  // §IV.4 "在2020年底，组织有关成员单位赴实地踏看，形成验收意见": the opinion assesses the four requirements
  // of §IV.4. default: from 1 December 2020, two units at least.
  finalAcceptance: {
    startsOn: '2020-12-01',
    minInspectingUnits: 2,
    criteria: [
      {
        code: 'targets-met',
        nameZh: '如期完成专项建设规划确定的各项目标',
        nameEn: "The special plan's targets met on time",
      },
      {
        code: 'characteristic-town',
        nameZh: '符合特色小镇的内涵特征',
        nameEn: 'True to what a characteristic town is',
      },
      { code: 'renown', nameZh: '社会上有较大的知名度', nameEn: 'Widely known in society' },
      { code: 'recognition', nameZh: '行业内有一定的公认度', nameEn: 'Recognised within its industry' },
    ],
  },
  measures: {
    // §III.2 "确保项目立项、审批等各项程序快速到位"; default: the procedures of the green channel group's
    // member units (发改, 国土, 规划, 公共政务, 招标办).
    approvalProcedures: [
      { code: 'project-initiation', nameZh: '项目立项', nameEn: 'Project initiation' },
      { code: 'land-use', nameZh: '用地审批', nameEn: 'Land-use approval' },
      { code: 'planning-permit', nameZh: '规划许可', nameEn: 'Planning permit' },
      { code: 'construction-permit', nameZh: '施工许可', nameEn: 'Construction permit' },
      { code: 'tendering', nameZh: '招标采购', nameEn: 'Tendering and procurement' },
    ],
    // §III.2 "允许边建设边审批、边推进边完善，允许简化相关程序，允许采取邀请招标、单一来源采购等快捷方式".
    fastTrackMethods: [
      { code: 'build-while-approving', nameZh: '边建设边审批', nameEn: 'Building while approving' },
      { code: 'simplified-procedure', nameZh: '简化相关程序', nameEn: 'Simplified procedure' },
      { code: 'invited-tender', nameZh: '邀请招标', nameEn: 'Invited tender' },
      { code: 'single-source', nameZh: '单一来源采购', nameEn: 'Single-source procurement' },
    ],
    // §IV.3 "以年度统计数据、项目推进情况为依据": the project figures come from the projects themselves.
    statisticsFromProjects: true,
    // §III.5 "以县为主、乡镇为辅、市奖补"; "市、县两级要设立引导专项资金、建设专项基金、产业扶持资金". The
    // city's rewards are recorded by their own step (PayReward), not here.
    fundingSources: [
      {
        code: 'county',
        nameZh: '县级财政',
        nameEn: 'County government',
        level: 'county',
        recordedBy: 'county-official',
      },
      {
        code: 'township',
        nameZh: '乡镇',
        nameEn: 'Township',
        level: 'township',
        recordedBy: 'county-official',
      },
      {
        code: 'city-sponge-fund',
        nameZh: '市海绵特色小镇建设专项资金',
        nameEn: 'City fund for sponge characteristic towns',
        level: 'city',
        recordedBy: 'finance-bureau',
      },
      {
        code: 'city-special-funds',
        nameZh: '市级引导专项资金、建设专项基金、产业扶持资金',
        nameEn: 'City guidance, construction and industry funds',
        level: 'city',
        recordedBy: 'finance-bureau',
      },
    ],
    // §III.5 "市本级支持海绵特色小镇建设专项资金1亿元".
    cityFunds: [
      {
        code: 'sponge-towns',
        nameZh: '海绵特色小镇建设专项资金',
        nameEn: 'Sponge characteristic towns fund',
        amountYuan: 100_000_000,
        source: 'city-sponge-fund',
      },
    ],
    // §III.4 "对特色小镇建设用地计划予以优先安排，足额保障": land granted is recorded with its area (亩).
    landGrantArea: true,
  },
};
