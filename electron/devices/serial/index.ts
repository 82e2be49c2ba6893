export { SerialLink, type SerialSettings, type LinkEvents } from './link';
