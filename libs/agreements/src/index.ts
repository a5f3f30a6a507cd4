export * from './calendar/dates';
export * from './calendar/calendar';
export * from './calendar/azerbaijan';
export * from './rulebook/types';
export * from './rulebook/validate';
export * from './rulebook/rulebook';
export * from './deadlines';
export * from './shipped';
