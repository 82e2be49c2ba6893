export { Station, type StationOptions } from './station';
