import { problem, ProblemException } from '../errors/problem';
import { uuidPipe } from '../http/uuid';

export const townIdPipe = uuidPipe('townId');

export function townNotFound(townId: string): ProblemException {
  return new ProblemException(
    problem(404, 'TOWN_NOT_FOUND', 'Not Found', `No town ${townId}`, { messageZh: `没有小镇 ${townId}。` }),
  );
}
