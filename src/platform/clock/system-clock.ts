import { Clock } from './clock';

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
