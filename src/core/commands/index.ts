export * from './history';
export * from './schema';
export * from './layout';
export * from './editing';
