export { printJobView, orderView, mismatchView } from './rows';
export { timelineEntry } from './timeline';
export { settingsView } from './settings';
