export { contentSecurityPolicy } from './csp';
