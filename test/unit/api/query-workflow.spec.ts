import { ServiceError } from '@temporalio/client';
import { askedAgainWhenUnanswered } from '../../../apps/api/commands/query-workflow';

/** A gRPC error as the Temporal client reports it, with the status code the server or deadline gave. */
function grpcError(code: number): Error {
  return Object.assign(new Error(`${code} status`), { code, details: 'status', metadata: {} });
}

function askings(answers: readonly (Error | string)[]): { ask: () => Promise<string>; count: () => number } {
  let asked = 0;
  return {
    ask: () => {
      const answer = answers[asked];
      asked += 1;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? 'unexpected');
    },
    count: () => asked,
  };
}

describe('a workflow query asked again when unanswered', () => {
  it('answers on the first asking without a second', async () => {
    const query = askings(['view']);
    await expect(askedAgainWhenUnanswered(query.ask)).resolves.toBe('view');
    expect(query.count()).toBe(1);
  });

  it('asks once more when the first asking passed its deadline, as the client wraps it', async () => {
    const deadline = new ServiceError('Failed to query workflow', { cause: grpcError(4) });
    const query = askings([deadline, 'view']);
    await expect(askedAgainWhenUnanswered(query.ask)).resolves.toBe('view');
    expect(query.count()).toBe(2);
  });

  it('gives the second deadline to the caller, never a third asking', async () => {
    const query = askings([grpcError(4), grpcError(4), 'view']);
    await expect(askedAgainWhenUnanswered(query.ask)).rejects.toMatchObject({ code: 4 });
    expect(query.count()).toBe(2);
  });

  it('does not ask again for any other failure', async () => {
    const query = askings([grpcError(14), 'view']);
    await expect(askedAgainWhenUnanswered(query.ask)).rejects.toMatchObject({ code: 14 });
    expect(query.count()).toBe(1);
  });
});
