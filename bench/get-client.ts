import { httpCall, load } from './support.ts';

process.once(
  'message',
  async (m: { urls: string[]; token: string; requests: number; concurrency: number }) => {
    let errors = 0;
    // Warm up connections and caches the way a working day would, then measure.
    await load(Math.min(500, m.requests), m.concurrency, async (i) => {
      await httpCall(m.urls[(i * 31) % m.urls.length]!, 'GET', m.token);
    });
    const result = await load(m.requests, m.concurrency, async (i) => {
      const res = await httpCall(m.urls[(i * 7919) % m.urls.length]!, 'GET', m.token);
      if (res.status !== 200) errors++;
    });
    process.send?.({ ...result, errors });
    process.exit(0);
  },
);
