export { ShopeeClient, ShopeeError, type ShopeeConfig, type ShopeeTokens, type TokenStore } from './client';
export { ShopeeAdapter } from './adapter';
export { shopeeSign, shopeePushSignature, shopeePushOk } from './sign';
export { shopeeOrdersToShip, shopeeOrder, feedRecordOf } from './orders';
