/** Promise wrappers around the parse and layout workers (one long-lived worker each). */
import type { LayoutEdgeIn, LayoutNodeIn, LayoutResponse, ParseResponse } from './protocol';
import { rpc } from './rpc';

const parseRpc = rpc<{ sql: string }, ParseResponse>(
  () => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-parse' }),
  'parse worker',
);
const layoutRpc = rpc<{ nodes: LayoutNodeIn[]; edges: LayoutEdgeIn[] }, LayoutResponse>(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-layout' }),
  'layout worker',
);

export const importSqlInWorker = (sql: string): Promise<ParseResponse> => parseRpc({ sql });
export const layoutInWorker = (nodes: LayoutNodeIn[], edges: LayoutEdgeIn[]): Promise<LayoutResponse> => layoutRpc({ nodes, edges });
