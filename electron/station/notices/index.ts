export { Outbox, signBody } from './outbox';
