/**
 * English function words that carry no topic. Negations ("not", "no", "never", "cannot") and
 * question words ("why", "how", "when") are deliberately kept: "card not working" and "why was I
 * charged" are different problems from "card working" and "I was charged". So are the particles of
 * phrasal verbs ("top up", "log out", "cut off"), which are kept too.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by could did do does doing during each few for from further had has have having ' +
    'he her here hers herself him himself his i if in into is it its itself just me more most my myself ' +
    'of on once only or other ought our ours ourselves over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until ' +
    'very was we were what which while who whom will with would you your yours yourself yourselves ' +
    'im ive id ill youre youve its thats theres hi hello hey please thanks thank can get got also'
  ).split(' '),
);
