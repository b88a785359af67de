import { Router, type RequestHandler } from 'express';
import { MessagesQuerySchema, type ConversationsResponse } from '../../../../shared/chat.ts';
import { requireUser } from '../http-session.ts';
import { parsePayload } from '../../kernel/validation.ts';
import type { ChatService } from '../../chat/chat-service.ts';

/** The signed-in user's conversations over HTTP; asking happens over the socket (`chat:send`). */
export function chatRoutes(chat: ChatService, session: RequestHandler): Router {
  const router = Router();

  router.get('/api/conversations', session, async (_req, res) => {
    const { id } = requireUser(res);
    res.json({ conversations: await chat.conversations(id) } satisfies ConversationsResponse);
  });

  router.get('/api/conversations/:id/messages', session, async (req, res) => {
    const { id } = requireUser(res);
    const page = parsePayload(MessagesQuerySchema, req.query);
    res.json(await chat.messages(id, String(req.params.id), page));
  });

  router.delete('/api/conversations/:id', session, async (req, res) => {
    const { id } = requireUser(res);
    await chat.delete(id, String(req.params.id));
    res.status(204).end();
  });

  return router;
}
