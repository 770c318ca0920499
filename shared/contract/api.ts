/**
 * The contract: every method the renderer (or any other client) may call.
 *
 * The Electron preload client, the ipcMain registration, the loopback web host
 * and the renderer's typed client are all generated from `routes`; nobody
 * writes a method by hand on either side. Inputs are validated against
 * `input` on the service side for every call; outputs are checked in tests.
 * Each area of the app keeps its routes in shared/contract/routes/<area>.ts.
 */
import type { z } from 'zod';
import { appRoutes } from './routes/app';
import { importRoutes } from './routes/imports';
import { backupRoutes } from './routes/backup';
import { exportRoutes } from './routes/exports';
import { rosterRoutes } from './routes/roster';
import { formRoutes } from './routes/form';
import { secondmentRoutes } from './routes/secondment';
import { assessmentRoutes } from './routes/assessment';
import { auditRoutes } from './routes/audit';
import { reminderRoutes } from './routes/reminders';
import { settingsRoutes } from './routes/settings';
import { unitRoutes } from './routes/units';
import { eventRoutes } from './routes/events';
import { statsRoutes } from './routes/stats';
import { packageRoutes } from './routes/package';

// Callers import every route's schemas and types from here, never from routes/<area>.ts.
export * from './routes/app';
export * from './routes/assessment';
export * from './routes/audit';
export * from './routes/backup';
export * from './routes/common';
export * from './routes/exports';
export * from './routes/form';
export * from './routes/imports';
export * from './routes/reminders';
export * from './routes/roster';
export * from './routes/secondment';
export * from './routes/settings';
export * from './routes/units';
export * from './routes/events';
export * from './routes/stats';
export * from './routes/package';

export const routes = {
  ...appRoutes,
  ...importRoutes,
  ...rosterRoutes,
  ...backupRoutes,
  ...exportRoutes,
  ...formRoutes,
  ...secondmentRoutes,
  ...assessmentRoutes,
  ...auditRoutes,
  ...reminderRoutes,
  ...settingsRoutes,
  ...unitRoutes,
  ...eventRoutes,
  ...statsRoutes,
  ...packageRoutes,
} as const;

export type Routes = typeof routes;
export type Method = keyof Routes;
export type InputOf<M extends Method> = z.input<Routes[M]['input']>;
export type ParsedInputOf<M extends Method> = z.output<Routes[M]['input']>;
export type OutputOf<M extends Method> = z.output<Routes[M]['output']>;

/** Method names in a stable order; transports iterate this, never a hand-written list. */
export const methods = Object.keys(routes) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(routes, name);
}

/** The typed client every transport produces. */
export type Api = { [M in Method]: (input: InputOf<M>) => Promise<OutputOf<M>> };

/** Names used on the wire. */
export const ipcChannel = (m: Method) => `cadre:${m}`;
export const httpPath = (m: Method) => `/api/${m}`;
/** Header carrying the loopback web host's per-run token. */
export const TOKEN_HEADER = 'x-cadre-token';
