import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io.ts';
import { evalCommand } from './eval.ts';

const dir = mkdtempSync(join(tmpdir(), 'casebook-eval-'));
const rows: [string, string][] = [
  ['My card has not arrived yet', 'card_arrival'],
  ['Still waiting for my new card to arrive', 'card_arrival'],
  ['When will the card I ordered arrive?', 'card_arrival'],
  ['Card delivery is taking ages', 'card_arrival'],
  ['How do I top up my account?', 'top_up'],
  ['My top up failed, what happened?', 'top_up'],
  ['Can I top up with a bank transfer?', 'top_up'],
  ['Top up did not go through', 'top_up'],
  ['I want to cancel my order', 'cancel_order'],
  ['Please cancel the order I placed yesterday', 'cancel_order'],
  ['How can I cancel an order?', 'cancel_order'],
  ['Cancel order number 12345', 'cancel_order'],
  ['I forgot my password and cannot log in', 'reset_password'],
  ['Reset my password please', 'reset_password'],
  ['Password reset link does not work', 'reset_password'],
  ['Need a new password', 'reset_password'],
  ['What is the exchange rate today?', 'exchange_rate'],
  ['Exchange rate seems wrong', 'exchange_rate'],
  ['Which exchange rate do you use?', 'exchange_rate'],
  ['Bad exchange rate on my payment', 'exchange_rate'],
];
const csv = (lines: [string, string][]) =>
  `"message","label"\n${lines.map(([t, l]) => `"${t.replace(/"/g, '""')}",${l}`).join('\n')}\n`;
writeFileSync(join(dir, 'train.csv'), csv(rows));
writeFileSync(
  join(dir, 'test.csv'),
  csv([
    ['my card still has not arrived', 'card_arrival'],
    ['top up failed again', 'top_up'],
    ['cancel my order', 'cancel_order'],
    ['forgot password', 'reset_password'],
    // A multi-line quoted field, and a label never seen in training (the right answer is to abstain).
    ['the weather\nin Lisbon is lovely', 'small_talk'],
  ]),
);
const base = [
  '--train',
  join(dir, 'train.csv'),
  '--test',
  join(dir, 'test.csv'),
  '--text-column',
  'message',
  '--label-column',
  'label',
];

describe('casebook eval', () => {
  it('replays the data set and prints the figures as JSON on the last line', async () => {
    const { io, stdout, stderr } = memoryIo();
    const code = await evalCommand([...base, '--json', '--abstain-below', '0.2'], io);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.at(-1)!);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'top1',
        'top3',
        'top5',
        'abstainRate',
        'abstainPrecision',
        'abstainRecall',
        'p50Ms',
        'p99Ms',
        'cases',
      ]),
    );
    expect(report.cases).toBe(20);
    expect(report.top1).toBe(1);
    expect(report.abstainRecall).toBe(1);
    expect(report.abstainPrecision).toBe(1);
  });

  it('tunes the threshold itself and prints a readable summary without --json', async () => {
    const { io, stdout } = memoryIo();
    expect(await evalCommand(base, io)).toBe(0);
    expect(stdout.join('\n')).toMatch(/calibration: classifier share .*abstain below support/);
    expect(stdout.join('\n')).toMatch(/top-1 .* top-5/);
  });

  it('can hold labels out of training so their test rows measure abstention', async () => {
    const { io, stdout } = memoryIo();
    expect(
      await evalCommand([...base, '--json', '--hold-out-labels', '2', '--abstain-below', '0.2'], io),
    ).toBe(0);
    const report = JSON.parse(stdout.at(-1)!);
    expect(report.cases).toBe(12);
    expect(report.outOfScopeRows).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['an unknown flag', [...base, '--bogus'], /unknown option --bogus/],
    ['a missing --train', base.slice(2), /missing --train/],
    ['a bad --k', [...base, '--k', '0'], /--k must be a positive integer/],
    ['a missing file', ['--train', join(dir, 'nope.csv'), ...base.slice(2)], /no such file/],
    [
      'a missing column',
      [...base.slice(0, 4), '--text-column', 'text', ...base.slice(6)],
      /no column "text"/,
    ],
  ])('rejects %s with one line and exit code 2', async (_name, argv, message) => {
    const { io, stderr } = memoryIo();
    expect(await evalCommand(argv as string[], io)).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(message);
  });
});
