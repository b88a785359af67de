import type { AlertCreateRequest, AlertUpdateRequest } from '../../../shared/alerts.ts';
import { AlertDeleteRequestSchema } from '../../../shared/alert-schemas.ts';
import type { AlertNotifier } from '../alerts/alert-ports.ts';
import type { AlertService } from '../alerts/alert-service.ts';
import { AppError } from '../kernel/errors.ts';
import { parsePayload } from '../kernel/validation.ts';
import { socketUser, userRoom, type SocketAuthDeps } from './socket-auth.ts';
import { handle, type SocketHandling, type TypedServer } from './socket-server.ts';
import type { TypedSocket } from './socket-types.ts';

/** Every open tab of the user, on every instance: the Redis adapter carries the room's emits. */
export function socketAlertNotifier(io: TypedServer): AlertNotifier {
  return {
    triggered: (userId, event) => io.to(userRoom(userId)).emit('alert:triggered', event),
    changed: (userId, event) => io.to(userRoom(userId)).emit('alert:changed', event),
    deleted: (userId, event) => io.to(userRoom(userId)).emit('alert:deleted', event),
    seen: (userId, event) => io.to(userRoom(userId)).emit('alert:seen', event),
  };
}

/**
 * `alert:create`, `alert:update`, `alert:delete`, `alert:list`, `alert:seen`: a signed-in socket's
 * own alerts; the user is the socket's, never the payload's. The service validates every payload.
 */
export function attachAlertSocket(
  io: TypedServer,
  alerts: AlertService,
  options: SocketHandling & { auth: SocketAuthDeps },
): void {
  const signedIn = async (socket: TypedSocket) => {
    const user = await socketUser(socket, options.auth);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to use alerts');
    return user.id;
  };
  io.on('connection', (socket) => {
    socket.on(
      'alert:create',
      handle(options, async (payload) => ({
        alert: await alerts.create(await signedIn(socket), payload as AlertCreateRequest),
      })),
    );
    socket.on(
      'alert:update',
      handle(options, async (payload) => ({
        alert: await alerts.update(await signedIn(socket), payload as AlertUpdateRequest),
      })),
    );
    socket.on(
      'alert:delete',
      handle(options, async (payload) => {
        const userId = await signedIn(socket);
        const { id } = parsePayload(AlertDeleteRequestSchema, payload);
        await alerts.remove(userId, id);
        return { id };
      }),
    );
    socket.on(
      'alert:list',
      handle(options, async () => alerts.list(await signedIn(socket))),
    );
    socket.on(
      'alert:seen',
      handle(options, async (payload) => alerts.markSeen(await signedIn(socket), payload ?? {})),
    );
  });
}
