export { applyFeedOrders, type FeedIntercept, type FeedWrite } from './apply';
export { benchFeedStore, warehouseFeedStore, type FeedStore } from './store';
export { checkPage, fetchPage, FeedError, type CheckedPage, type FeedSettings } from './pull';
export { FEED_STATUSES, FeedOrder, readPointer, type FieldMap } from './shape';
export { pullFeed, type PullOptions, type PullReport } from './sync';
