/**
 * Handlers of shared/routes/secondment.ts. Placeholder while the services are
 * being written: every method answers INTERNAL with a Chinese message.
 */
import { secondmentRoutes } from '../../../shared/routes/secondment';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { HandlersOf } from '../dispatcher';

type Routes = typeof secondmentRoutes;

export function secondmentHandlers(_ctx: ServiceContext): HandlersOf<Routes> {
  const pending = () => {
    throw new AppError('INTERNAL', '挂职与驻村功能尚在开发中');
  };
  return Object.fromEntries(Object.keys(secondmentRoutes).map(m => [m, pending])) as unknown as HandlersOf<Routes>;
}
