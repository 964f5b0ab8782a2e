import type { ResolvedCase } from './case-record.ts';

/** A small labelled case base shared by the reasoning tests. */
export const CASES: ResolvedCase[] = [
  ['c1', 'My card has not arrived yet', 'card_arrival'],
  ['c2', 'Still waiting for my new card to arrive', 'card_arrival'],
  ['c3', 'When will the card I ordered arrive?', 'card_arrival'],
  ['c4', 'How do I top up my account?', 'top_up'],
  ['c5', 'My top up failed, what happened?', 'top_up'],
  ['c6', 'Can I top up with a bank transfer?', 'top_up'],
  ['c7', 'I want to cancel my order 12345', 'cancel_order'],
  ['c8', 'Please cancel the order I placed yesterday', 'cancel_order'],
  ['c9', 'How can I cancel an order?', 'cancel_order'],
  ['c10', 'I forgot my password and cannot log in', 'reset_password'],
  ['c11', 'Reset my password please', 'reset_password'],
  ['c12', 'Password reset link does not work', 'reset_password'],
].map(([id, text, category]) => ({
  id: id!,
  text: text!,
  category: category!,
  solution: { category: category! },
}));
