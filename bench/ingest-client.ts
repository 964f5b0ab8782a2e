import { httpCall, load } from './support.ts';

const CHANNELS = ['email', 'chat', 'phone', 'web', 'social', 'in_person'];

process.once(
  'message',
  async (m: { baseUrl: string; token: string; messages: number; concurrency: number }) => {
    let errors = 0;
    // A realistic mix: 5,000 customers, repeat contacts, threads, and a few duplicates by externalId.
    const result = await load(m.messages, m.concurrency, async (i) => {
      const customer = (i * 7919) % 5000;
      const res = await httpCall(`${m.baseUrl}/api/v1/inbound`, 'POST', m.token, {
        channel: CHANNELS[i % CHANNELS.length],
        from: { email: `customer${customer}@bench.example`, name: `Customer ${customer}` },
        subject: `Order ${customer} question`,
        body: `Hello, my order ${customer} has not arrived yet and the tracking page shows no update since Monday. Message ${i}.`,
        externalId: `bench-${i % 19 === 0 ? i - 1 : i}`,
        threadKey: `thread-${customer}-${i % 3}`,
      });
      if (res.status !== 201 && res.status !== 200) errors++;
    });
    process.send?.({ ...result, errors });
    process.exit(0);
  },
);
