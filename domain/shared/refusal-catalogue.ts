/**
 * Every rule a command can break, in one place: a stable code (clients and auditors match on it, so a
 * code is never renamed) and a Chinese and English message. `{name}` placeholders are filled from the
 * refusal's details.
 */
import type { BilingualCatalogue } from './bilingual-text';

export const refusalCatalogue = {
  COMMAND_UNKNOWN: { zh: '无法识别的指令“{type}”。', en: 'Unknown command "{type}".' },
  // Who may act
  ROLE_NOT_ALLOWED: {
    zh: '{seatName}席位无权办理此事项（可办理的席位：{allowedSeatNames}）。',
    en: 'The seat {seatNameEn} may not take this step (it is for: {allowedSeatNamesEn}).',
  },
  SYSTEM_SEAT_RESERVED: {
    zh: '“system”席位只属于工作流自身（到期自动执行、工作流之间的传递），任何请求都不能以它的名义提出。',
    en: 'The seat "system" belongs to the workflows themselves (deadlines, messages between workflows): no request may claim it.',
  },
  ACTOR_COUNTY_MISMATCH: {
    zh: '县区官员只能为本县区的小镇办理事项。',
    en: 'A county official may act only for towns of their own county or district.',
  },
  ACTOR_UNIT_MISMATCH: {
    zh: '成员单位验收人员只能记录本单位的现场验收。',
    en: "A member-unit inspector may record only their own unit's site inspection.",
  },
  READ_NOT_ALLOWED: {
    zh: '{seatName}席位无权查看此内容。',
    en: 'The seat {seatNameEn} may not read this.',
  },
  // Candidates (§I.2, §I.3)
  COUNTY_UNKNOWN: {
    zh: '“{value}”不是本方案所列的县区。',
    en: '"{value}" is not a county or district of this programme.',
  },
  KIND_UNKNOWN: {
    zh: '“{value}”不是本方案认可的培育对象类型（行政建制乡镇或创业创新平台）。',
    en: '"{value}" is not a candidate kind of this programme (administrative town or innovation platform).',
  },
  INDUSTRY_UNKNOWN: {
    zh: '“{value}”不是本方案所列的特色产业。',
    en: '"{value}" is not an industry listed by this programme.',
  },
  INDUSTRY_DESCRIPTION_REQUIRED: {
    zh: '所列产业以外的特色产业（other）须写明是什么产业。',
    en: 'An industry outside the listed ones ("other") must be described.',
  },
  INDUSTRY_DESCRIPTION_NOT_EXPECTED: {
    zh: '所列产业无需另行说明；只有“其他”产业须写明。',
    en: 'A listed industry takes no description; only "other" does.',
  },
  CONDITION_UNKNOWN: {
    zh: '“{condition}”不是本方案对此类培育对象的申报条件。',
    en: '"{condition}" is not an application condition of this programme for this kind of candidate.',
  },
  NAME_REQUIRED: { zh: '小镇名称不能为空。', en: 'A town needs a name.' },
  COUNTY_QUOTA_FULL: {
    zh: '{county}已有{count}个小镇申报或入选，已达每县区{max}个的上限。',
    en: '{countyEn} already has {count} towns applied or listed, the limit of {max} per county or district.',
  },
  TOWN_ALREADY_APPLIED: {
    zh: '该小镇已经申报过。',
    en: 'This town has already applied.',
  },
  TOWN_NOT_APPLIED: { zh: '该小镇尚未申报。', en: 'This town has not applied.' },
  // Application batches (§IV.1)
  BATCH_UNKNOWN: { zh: '本方案没有批次“{batchId}”。', en: 'This programme has no batch "{batchId}".' },
  APPLICATION_WINDOW_NOT_OPEN: {
    zh: '第{batchId}批申报尚未开始（{opensAt}起）。',
    en: 'Applications for batch {batchId} are not open yet (they open at {opensAt}).',
  },
  APPLICATION_WINDOW_CLOSED: {
    zh: '第{batchId}批集中申报已于{closesAt}截止。',
    en: 'Applications for batch {batchId} closed at {closesAt}.',
  },
  APPLICATION_WINDOW_STILL_OPEN: {
    zh: '申报期尚未结束，不能进行答辩评分或确定名单。',
    en: 'The application window is still open: defences cannot be scored nor the list decided yet.',
  },
  APPLICATION_UNKNOWN: {
    zh: '本批次没有小镇“{townId}”的申报。',
    en: 'Batch has no application from town "{townId}".',
  },
  SCORE_CRITERIA_MISMATCH: {
    zh: '答辩评分须且仅须包含以下评分项：{criteria}。',
    en: 'Defence scores must cover exactly these criteria: {criteria}.',
  },
  SCORE_OUT_OF_RANGE: {
    zh: '评分须在0到{max}之间。',
    en: 'Scores must lie between 0 and {max}.',
  },
  CONDITIONS_MISMATCH: {
    zh: '答辩时须对以下申报条件逐项确认或否定：{conditions}。',
    en: 'The defence must confirm or reject exactly these application conditions: {conditions}.',
  },
  CONDITIONS_NOT_MET: {
    zh: '小镇“{townId}”未通过申报条件确认：{conditions}。',
    en: 'Town "{townId}" was found not to meet these application conditions: {conditions}.',
  },
  DEFENCE_INCOMPLETE: {
    zh: '仍有申报小镇未完成竞争性答辩评分：{townIds}。',
    en: 'Some applicants have not been scored in the competitive defence yet: {townIds}.',
  },
  BELOW_PASSING_SCORE: {
    zh: '小镇“{townId}”答辩得分{score}低于入选分数线{passingScore}。',
    en: 'Town "{townId}" scored {score}, below the passing score of {passingScore}.',
  },
  BATCH_LIST_FULL: {
    zh: '每批最多确定{max}个培育对象。',
    en: 'A batch may list at most {max} towns.',
  },
  LIST_ALREADY_DECIDED: { zh: '本批名单已经确定。', en: 'This batch list has already been decided.' },
  LIST_NOT_DECIDED: { zh: '本批名单尚未确定。', en: 'This batch list has not been decided yet.' },
  LIST_ALREADY_PUBLISHED: { zh: '本批名单已经公布。', en: 'This batch list has already been published.' },
  BATCH_LIST_PAGES_MISSING: {
    zh: '批次{batchId}的名单已记录{pages}页、{towns}个小镇，与结束时所报的{expectedPages}页、{expectedTowns}个不符。',
    en: 'The list of batch {batchId} holds {pages} pages and {towns} towns, not the {expectedPages} pages and {expectedTowns} towns its close names.',
  },
  LIST_PAGE_OUT_OF_ORDER: {
    zh: '名单应记录第{expected}页，收到的是第{page}页。',
    en: 'The list expects page {expected} next, not page {page}.',
  },
  LIST_PAGE_SIZE: {
    zh: '名单每页应有1至{maxTowns}个小镇，收到{towns}个。',
    en: 'A page of a list holds 1 to {maxTowns} towns, not {towns}.',
  },
  LIST_OUT_OF_ORDER: {
    zh: '申报小镇{townId}排在前一个已记录的小镇之前：各页须按评分顺序记录。',
    en: 'Applicant {townId} ranks before the applicant recorded ahead of it: pages must follow the ranking order.',
  },
  LIST_PAGES_MISSING: {
    zh: '本批名单已记录{pages}页、{towns}个申报小镇，与结束时所报的{expectedPages}页、{expectedTowns}个（共{applications}个申报）不符。',
    en: 'The batch list holds {pages} pages and {towns} applicants, not the {expectedPages} pages and {expectedTowns} applicants its close names (of {applications} applications).',
  },
  BATCH_NOT_OPEN: { zh: '本批次尚未开启。', en: 'This batch has not been opened.' },
  // Selection and listing (§IV.1, §III.5)
  SELECTION_ALREADY_RECORDED: {
    zh: '该小镇的评选结果已经记录。',
    en: 'The selection result for this town has already been recorded.',
  },
  BATCH_MISMATCH: {
    zh: '该小镇申报的是第{expected}批，不是第{actual}批。',
    en: 'This town applied in batch {expected}, not batch {actual}.',
  },
  TOWN_NOT_LISTED: { zh: '该小镇未入选培育名单。', en: 'This town is not on a cultivation list.' },
  // Rewards (§III.5)
  REWARD_UNKNOWN: { zh: '本方案没有奖励“{reward}”。', en: 'This programme has no reward "{reward}".' },
  REWARD_NOT_DUE: {
    zh: '奖励“{rewardName}”当前不可支付（状态：{statusName}）。',
    en: 'Reward "{rewardNameEn}" is not payable (status: {statusNameEn}).',
  },
  SUPPORT_ENDED: {
    zh: '该小镇已于{supportEndsAt}起不再享受市级扶持政策。',
    en: 'This town has had no municipal support since {supportEndsAt}.',
  },
  // Planning (§II.1, §IV.2)
  PLAN_NOT_EXPECTED: {
    zh: '当前不需要提交专项规划和工作方案。',
    en: 'No special plan and work plan are expected now.',
  },
  PLAN_DOCUMENTS_INCOMPLETE: {
    zh: '须同时提交：{documents}。',
    en: 'These documents must all be submitted: {documents}.',
  },
  PLAN_DEADLINE_PASSED: {
    zh: '专项规划和工作方案应于{dueAt}前提交，已逾期。',
    en: 'The special plan and work plan were due by {dueAt}; the deadline has passed.',
  },
  PLAN_NOT_SUBMITTED: {
    zh: '专项规划和工作方案尚未提交，无法审查。',
    en: 'The special plan and work plan have not been submitted, so they cannot be reviewed.',
  },
  PLAN_NOT_APPROVED: {
    zh: '专项规划和工作方案尚未通过审查。',
    en: 'The special plan and work plan have not been approved.',
  },
  EXTENSION_TOO_LONG: {
    zh: '延期不得晚于{latest}。',
    en: 'An extension may not run past {latest}.',
  },
  EXTENSION_NOT_ALLOWED: {
    zh: '本方案不允许此项延期，或已延期过一次。',
    en: 'This programme allows no such extension, or one has already been granted.',
  },
  // Yearly review (§IV.3)
  REVIEW_YEAR_NOT_SCHEDULED: {
    zh: '{year}年不在该小镇的年度考核安排之内。',
    en: '{year} is not one of this town’s review years.',
  },
  REVIEW_NOT_OPEN: { zh: '{year}年度考核尚未开始。', en: 'The {year} yearly review is not open.' },
  REVIEW_ALREADY_RATED: {
    zh: '{year}年度考核已评定。',
    en: 'The {year} yearly review has already been rated.',
  },
  STATISTICS_ALREADY_SUBMITTED: {
    zh: '{year}年度统计数据已经提交。',
    en: 'The statistics for {year} have already been submitted.',
  },
  STATISTICS_DEADLINE_PASSED: {
    zh: '{year}年度统计数据应于{dueAt}前提交，已逾期。',
    en: 'The statistics for {year} were due by {dueAt}; the deadline has passed.',
  },
  STATISTICS_MISSING: {
    zh: '{year}年度统计数据尚未提交，不能评定。',
    en: 'The statistics for {year} have not been submitted, so the year cannot be rated yet.',
  },
  STATISTICS_SUBMITTED: {
    zh: '{year}年度统计数据已提交，应按实际情况评定。',
    en: 'The statistics for {year} were submitted, so the year must be rated on them.',
  },
  STATISTICS_INVALID: {
    zh: '统计数据“{field}”须为非负数。',
    en: 'Statistic "{field}" must be a non-negative number.',
  },
  SCORE_INVALID: { zh: '考核得分须在0到100之间。', en: 'A review score must lie between 0 and 100.' },
  LAND_SUPPORT_NOT_ENTITLED: {
    zh: '该小镇{year}年不享受土地扶持政策。',
    en: 'This town is not entitled to land support for {year}.',
  },
  LAND_SUPPORT_ALREADY_GRANTED: {
    zh: '{year}年土地扶持政策已落实。',
    en: 'Land support for {year} has already been granted.',
  },
  NOT_UNDER_OBSERVATION: { zh: '该小镇不在观察名单中。', en: 'This town is not on the observation list.' },
  // Projects, the green channel, funding, land granted (§III.2–§III.5)
  MEASURES_NOT_IN_POLICY: {
    zh: '本方案未设项目、资金和用地的记录。',
    en: 'This programme records no projects, funding or land granted.',
  },
  PROJECT_UNKNOWN: { zh: '该小镇没有项目“{projectId}”。', en: 'This town has no project "{projectId}".' },
  PROJECT_ALREADY_REGISTERED: {
    zh: '项目“{projectId}”已经登记。',
    en: 'Project "{projectId}" is already registered.',
  },
  PROJECT_ALREADY_SCHEDULED: {
    zh: '项目“{projectId}”已列入市重点项目调度。',
    en: 'Project "{projectId}" is already in the city’s key-project schedule.',
  },
  APPROVAL_PROCEDURE_UNKNOWN: {
    zh: '“{procedure}”不是本方案所列的审批程序。',
    en: '"{procedure}" is not an approval procedure of this programme.',
  },
  APPROVAL_ALREADY_RECORDED: {
    zh: '项目“{projectId}”的{procedureName}审批已经记录。',
    en: 'The approval "{procedureNameEn}" of project "{projectId}" has already been recorded.',
  },
  APPROVAL_DATES_INVALID: {
    zh: '审批日期须不早于申请日期（{appliedOn}），且不晚于今天。',
    en: 'The approval date must fall on or after the application ({appliedOn}) and not after today.',
  },
  FAST_TRACK_UNKNOWN: {
    zh: '“{method}”不是本方案允许的快捷方式。',
    en: '"{method}" is not a fast-track method of this programme.',
  },
  FAST_TRACK_WITHOUT_GREEN_CHANNEL: {
    zh: '快捷方式只适用于“绿色通道”审批。',
    en: 'Fast-track methods apply to approvals through the green channel only.',
  },
  PROJECT_PROGRESS_INVALID: {
    zh: '项目进度只能累计增加：已完成投资不得少于{before}元，已竣工的项目不能改回未竣工。',
    en: 'Project progress is cumulative: investment completed may not fall below {before} yuan, nor a completed project reopen.',
  },
  PROJECT_PROGRESS_FROM_PROJECTS: {
    zh: '该小镇已登记项目，项目推进情况取自项目记录，无需另行填报。',
    en: 'This town’s projects are registered: the project figures are read from them, not typed again.',
  },
  PROJECT_PROGRESS_REQUIRED: {
    zh: '须填报项目推进情况（或先登记项目）。',
    en: 'The project figures are required (or register the projects first).',
  },
  AMOUNT_INVALID: {
    zh: '“{field}”须为不少于{min}的整数（元）。',
    en: '"{field}" must be a whole number of yuan, at least {min}.',
  },
  FUNDING_SOURCE_UNKNOWN: {
    zh: '“{source}”不是本方案所列的资金来源。',
    en: '"{source}" is not a funding source of this programme.',
  },
  FUNDING_YEAR_INVALID: {
    zh: '资金年度须在小镇入选当年（{firstYear}）至今年之间。',
    en: 'The funding year must lie between the year the town was listed ({firstYear}) and this year.',
  },
  LAND_AREA_REQUIRED: {
    zh: '须填写落实的用地面积（亩）和用地批复文号。',
    en: 'The area granted (mu) and the land bureau’s document are required.',
  },
  // Two-year progress check (§III.5)
  PROGRESS_CHECK_DEADLINE_PASSED: {
    zh: '两年时序进度考核应于{dueAt}前完成，已逾期。',
    en: 'The two-year progress check was due by {dueAt}; the period has passed.',
  },
  PROGRESS_CHECK_CLOSED: {
    zh: '两年时序进度考核已结束。',
    en: 'The two-year progress check has already been concluded.',
  },
  // Provincial recommendation (§I.3, §IV.3)
  NOT_A_PROVINCIAL_CANDIDATE: {
    zh: '该小镇{year}年度考核结果不具备推荐上报全省的资格。',
    en: 'This town’s {year} rating does not make it a candidate for the provincial list.',
  },
  ALREADY_RECOMMENDED: {
    zh: '该小镇已推荐上报全省。',
    en: 'This town has already been recommended to the province.',
  },
  LISTED_BY_PROVINCE: {
    zh: '该小镇已列入省级特色小镇，无需再推荐。',
    en: 'The province has already listed this town; it is not recommended again.',
  },
  PROVINCIAL_DECISION_NOT_EXPECTED: {
    zh: '该小镇{year}年度未推荐上报全省，没有待记录的省级结果。',
    en: 'This town was not recommended to the province for {year}, so there is no provincial answer to record.',
  },
  PROVINCIAL_DECISION_ALREADY_RECORDED: {
    zh: '{year}年度推荐的省级结果已经记录。',
    en: 'The province’s answer to the {year} recommendation has already been recorded.',
  },
  RECOMMENDATION_ROUND_DONE: {
    zh: '{year}年度的省级推荐已经确定。',
    en: 'The provincial recommendation for {year} has already been decided.',
  },
  RATINGS_NOT_DUE: {
    zh: '{year}年度考核尚未结束，不能确定省级推荐。',
    en: 'The {year} ratings are not complete yet, so the provincial recommendation cannot be decided.',
  },
  RANKING_PAGE_OUT_OF_ORDER: {
    zh: '{year}年度省级推荐排名应记录第{expected}页，收到的是第{page}页。',
    en: 'The {year} provincial ranking expects page {expected} next, not page {page}.',
  },
  RANKING_PAGE_SIZE: {
    zh: '省级推荐排名每页应有1至{maxTowns}个小镇，收到{towns}个。',
    en: 'A page of the provincial ranking holds 1 to {maxTowns} towns, not {towns}.',
  },
  RANKING_OUT_OF_ORDER: {
    zh: '小镇{townId}在省级推荐排名中排在前一个小镇之前：各页须按排名顺序记录。',
    en: 'Town {townId} ranks before the town recorded ahead of it: pages must follow the ranking order.',
  },
  RANKING_PAGES_MISSING: {
    zh: '{year}年度省级推荐排名已记录{pages}页、{towns}个小镇，与结束时所报的{expectedPages}页、{expectedTowns}个不符。',
    en: 'The {year} provincial ranking holds {pages} pages and {towns} towns, not the {expectedPages} pages and {expectedTowns} towns its close names.',
  },
  // Final acceptance (§IV.4)
  ACCEPTANCE_NOT_STARTED: { zh: '期末验收尚未开始。', en: 'Final acceptance has not started.' },
  MEMBER_UNIT_UNKNOWN: {
    zh: '“{unit}”不是联席会议成员单位。',
    en: '"{unit}" is not a member unit of the joint meeting.',
  },
  INSPECTION_ALREADY_RECORDED: {
    zh: '{unit}已提交实地踏看意见。',
    en: '{unitEn} has already recorded its site inspection.',
  },
  INSPECTIONS_INCOMPLETE: {
    zh: '至少需要{min}个成员单位实地踏看，目前只有{count}个。',
    en: 'At least {min} member units must inspect the site; {count} have.',
  },
  ACCEPTANCE_FINDINGS_MISMATCH: {
    zh: '验收意见须对以下验收要求逐项给出结论：{criteria}。',
    en: 'The acceptance opinion must give a finding on exactly these criteria: {criteria}.',
  },
  ACCEPTANCE_CRITERIA_NOT_MET: {
    zh: '以下验收要求未达到，不能建议通过验收：{criteria}。',
    en: 'These criteria are not met, so the opinion cannot recommend acceptance: {criteria}.',
  },
  OPINION_ALREADY_FORMED: { zh: '验收意见已经形成。', en: 'The acceptance opinion has already been formed.' },
  OPINION_MISSING: { zh: '验收意见尚未形成。', en: 'No acceptance opinion has been formed yet.' },
  REASONS_REQUIRED: { zh: '须写明理由。', en: 'Reasons must be given.' },
  REFERENCE_REQUIRED: { zh: '须填写“{field}”。', en: '"{field}" is required.' },
  // Lifecycle and time
  TOWN_EXITED: {
    zh: '该小镇已退出培育名单。',
    en: 'This town has exited the programme.',
  },
  TOWN_CLOSED: { zh: '该小镇的培育已结束。', en: 'This town’s cultivation is closed.' },
  TOWN_NOT_ACTIVE: {
    zh: '该小镇当前状态（{statusName}）不允许此操作。',
    en: 'This town’s status ({statusNameEn}) does not allow this step.',
  },
  REMINDER_NOT_SCHEDULED: {
    zh: '本方案未安排在期限“{deadline}”前{daysBefore}天提醒。',
    en: 'This programme sends no reminder {daysBefore} days before "{deadline}".',
  },
  DEADLINE_NOT_REACHED: {
    zh: '期限{dueAt}尚未到达。',
    en: 'The deadline {dueAt} has not been reached yet.',
  },
  PROGRAMME_NOT_STARTED: { zh: '特色小镇培育计划尚未启动。', en: 'The programme has not been started.' },
  PROGRAMME_ALREADY_STARTED: {
    zh: '特色小镇培育计划已经启动。',
    en: 'The programme has already been started.',
  },
  PROGRAMME_CLOSED: { zh: '特色小镇培育计划已经结束。', en: 'The programme is closed.' },
  FINAL_ACCEPTANCE_NOT_STARTED: {
    zh: '期末验收阶段尚未开始。',
    en: 'The final acceptance round has not started.',
  },
  INVALID_INSTANT: {
    zh: '“{value}”不是带时区的ISO-8601时间。',
    en: '"{value}" is not an ISO-8601 instant with an offset.',
  },
  POLICY_INVALID: {
    zh: '政策包不符合规范：{issues}',
    en: 'The policy pack is invalid: {issues}',
  },
  POLICY_VERSION_MISMATCH: {
    zh: '政策包版本{claimed}与其内容的哈希{actual}不符。',
    en: 'The policy pack claims version {claimed} but its content hashes to {actual}.',
  },
  POLICY_UNKNOWN: { zh: '没有政策包“{policyId}”。', en: 'There is no policy pack "{policyId}".' },
} as const satisfies BilingualCatalogue;

export type RefusalCode = keyof typeof refusalCatalogue;

export const refusalCodes = Object.keys(refusalCatalogue) as RefusalCode[];
