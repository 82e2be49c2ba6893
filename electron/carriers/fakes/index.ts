export { startKdniaoFake, kdniaoBenchConfig, type KdniaoFake } from './kdniao';
export { startSfFake, type SfFake } from './sf';
export { startShipEngineFake, type ShipEngineFake } from './shipengine';
export type { Fault, FakeServer } from './server';
export { startShopeeFake, shopeeOrderFixture, type ShopeeFake, type ShopeeFakeOrder } from './shopee';
