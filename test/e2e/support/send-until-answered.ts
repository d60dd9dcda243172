/** What an official's client does with a step: sends it, and sends it again with the same key until answered. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * POSTs `body` with the Idempotency-Key, and again with the same key while the answer is 503 (the
 * documented "retry shortly") or no answer came (a connection cut), for at most `timeoutMs`.
 */
export async function sendUntilAnswered(
  url: string,
  step: { readonly token: string; readonly idempotencyKey: string; readonly body: unknown },
  timeoutMs = 120_000,
): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${step.token}`,
        'content-type': 'application/json',
        'idempotency-key': step.idempotencyKey,
      },
      body: JSON.stringify(step.body),
    }).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    if (answer.status !== 503 && answer.status !== 0) return answer;
    last = `${answer.status} ${JSON.stringify(answer.body)}`;
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
  throw new Error(`${step.idempotencyKey}: no answer within ${timeoutMs} ms (last: ${last})`);
}
