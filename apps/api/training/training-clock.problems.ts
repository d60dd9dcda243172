import { bilingualProblem, validationProblem, type ProblemException } from '../errors/problem';

export function trainingTargetRequired(): ProblemException {
  return validationProblem([
    {
      field: 'to',
      code: 'TRAINING_CLOCK_TARGET_REQUIRED',
      message: 'Give exactly one of to ("next-deadline") and date (YYYY-MM-DD)',
    },
  ]);
}

export function trainingClockBackwards(now: string, target: string): ProblemException {
  return bilingualProblem(409, 'TRAINING_CLOCK_BACKWARDS', 'Conflict', {
    en: `The training clock moves forward only: it is ${now}, and ${target} has passed.`,
    zh: `演练时钟只能向前拨：当前为 ${now}，${target} 已经过去。`,
  });
}

export function trainingNoDeadline(): ProblemException {
  return bilingualProblem(409, 'TRAINING_NO_PENDING_DEADLINE', 'Conflict', {
    en: 'No deadline is pending: move the clock to a date instead.',
    zh: '当前没有待到期的期限，请改为拨到指定日期。',
  });
}
