import type { AppDeps } from '../app.ts';
import type { ZodFastify } from '../types.ts';

/**
 * Server-sent events: every domain event after commit, for the console's live inbox.
 * Only ids and types travel; the client refetches what it shows, so permissions stay in one place.
 */
export function registerEventStream(app: ZodFastify, deps: AppDeps, streams: Set<() => void>) {
  app.get(
    '/events',
    { schema: { tags: ['events'], summary: 'Live event stream (text/event-stream)' } },
    (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-request-id': request.id,
      });
      res.write('retry: 3000\n\n');
      const unsubscribe = deps.events.subscribe((event) => {
        res.write(
          `event: ${event.type}\ndata: ${JSON.stringify({ type: event.type, at: event.at, actor: { id: event.actor.id, name: event.actor.name }, ...event.data })}\n\n`,
        );
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
      };
      const end = () => {
        close();
        res.end();
      };
      streams.add(end);
      request.raw.on('close', close);
    },
  );
}
