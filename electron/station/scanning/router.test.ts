import { describe, expect, it } from 'vitest';
import { routeScan, type RouterView } from './router';

const view = (over: Partial<RouterView> = {}): RouterView => ({
  scanTest: false,
  screen: { page: 'pack', dialog: null },
  loggedIn: true,
  awaitingLabel: false,
  ...over,
});

describe('the scan router', () => {
  it.each<[string, Partial<RouterView>, string, string]>([
    [
      'scan test wins over everything',
      { scanTest: true, screen: { page: 'handover', dialog: 'approval' } },
      'X',
      'scan-test',
    ],
    [
      'an open approval dialog takes the badge',
      { screen: { page: 'pack', dialog: 'approval' } },
      'L2001',
      'approval',
    ],
    [
      'approval even before login',
      { loggedIn: false, screen: { page: 'orders', dialog: 'approval' } },
      'L2001',
      'approval',
    ],
    [
      'handover page loads boxes',
      { screen: { page: 'handover', dialog: null } },
      'PB26112900001',
      'handover',
    ],
    [
      'handover page loads boxes with nobody logged in',
      { loggedIn: false, screen: { page: 'handover', dialog: null } },
      'W1',
      'handover',
    ],
    [
      'a command on the handover page is still a command',
      { screen: { page: 'handover', dialog: null } },
      'PB:LOGOUT',
      'pack',
    ],
    ['a badge at login', { loggedIn: false }, 'U1001', 'login'],
    [
      'a badge at login on any other page',
      { loggedIn: false, screen: { page: 'mismatches', dialog: null } },
      'U1001',
      'login',
    ],
    ['the label that closes a booked box', { awaitingLabel: true }, 'PB26112900001', 'label'],
    ['a command while the label is awaited', { awaitingLabel: true }, 'pb:undo', 'pack'],
    [
      'an item from the Mismatches page still packs',
      { screen: { page: 'mismatches', dialog: null } },
      '6900012345004',
      'pack',
    ],
  ])('%s', (_what, over, code, route) => {
    expect(routeScan(view(over), code)).toBe(route);
  });
});
