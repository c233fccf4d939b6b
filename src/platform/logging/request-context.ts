import { AsyncLocalStorage } from 'node:async_hooks';

// Carries the request id (or a job's correlation id) through async calls, so every log line and
// audit event of one request names it without passing it by hand.
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
