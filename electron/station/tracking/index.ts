export { benchParcels } from './book';
export { TrackingDesk, type TrackingSettings } from './desk';
export { pollTracking, type PollReport } from './poll';
