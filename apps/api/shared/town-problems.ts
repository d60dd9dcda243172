import { bilingualProblem, type ProblemException } from '../errors/problem';
import { uuidPipe } from '../http/uuid';

export const townIdPipe = uuidPipe('townId');

export function townNotFound(townId: string): ProblemException {
  return bilingualProblem(404, 'TOWN_NOT_FOUND', 'Not Found', {
    en: `No town ${townId}`,
    zh: `没有小镇 ${townId}。`,
  });
}
