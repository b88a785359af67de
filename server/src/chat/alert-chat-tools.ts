import type { AlertService } from '../alerts/alert-service.ts';
import type { ChatAlerts } from './engine/chat-tools.ts';

/**
 * The chat's view of the alerts service: one user's alerts, with the user fixed here, so nothing the
 * engine passes can name another. The service validates every request as it does the socket's.
 */
export function chatAlertsOf(
  service: Pick<AlertService, 'create' | 'list' | 'remove'>,
): (userId: string) => ChatAlerts {
  return (userId) => ({
    create: (request) => service.create(userId, request),
    list: async () => (await service.list(userId)).alerts,
    remove: (id) => service.remove(userId, id),
  });
}
