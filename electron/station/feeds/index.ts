export { FeedDesk, type HookReport } from './desk';
export { interceptOrder, type InterceptBench } from './intercepts';
export { composeFeeds, hooksOf, shopeeTokenStore } from './compose';
