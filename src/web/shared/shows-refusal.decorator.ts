import { DomainError } from '../../platform/http/domain-error';

// A domain error thrown while a handler ran (not by a pipe before it): the web exception filter shows
// the page again with its message, naming the form that was refused.
export class Refused extends Error {
  constructor(
    readonly error: DomainError,
    readonly form: string | undefined,
  ) {
    super(error.message);
  }
}

// Marks a handler whose refusals are shown on its page (the controller's refused()), or in JSON on a
// script's route. Errors of the pipes before it (a NUL in a field) stay the API's problem+json, as the
// same input is refused on every route.
export function ShowsRefusal(form?: string): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as (...args: unknown[]) => unknown;
    const wrapped = async function (this: unknown, ...args: unknown[]) {
      try {
        return await handler.apply(this, args);
      } catch (error) {
        throw error instanceof DomainError ? new Refused(error, form) : error;
      }
    };
    // Nest keeps a route's metadata (path, method, guards) on the function: the wrapper carries it on.
    for (const key of Reflect.getMetadataKeys(handler)) Reflect.defineMetadata(key, Reflect.getMetadata(key, handler), wrapped);
    Object.defineProperty(wrapped, 'name', { value: handler.name });
    descriptor.value = wrapped;
  };
}
