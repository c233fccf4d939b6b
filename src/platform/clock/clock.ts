// The only source of "now" in the app. Inject it; never call Date.now() or new Date() elsewhere.
export abstract class Clock {
  abstract now(): Date;
}
