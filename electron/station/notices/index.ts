export { Outbox, signBody, deliver, retryDelayMs } from './outbox';
