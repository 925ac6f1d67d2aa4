import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisChannelPacer } from '../../src/slack/channel-pacer.js';

export interface SharedPacerFigures {
  turns: number;
  /** First turn → last turn, ms. */
  spanMs: number;
  /** Gaps between consecutive turns granted to either process, ms. */
  gapsMs: number[];
  /** Turns each pacer got. */
  perPacer: [number, number];
}

/**
 * Two departments' worth of pacing on one Redis: two RedisChannelPacer, each on its own
 * connection (as two processes would have), asking at once for `perPacer` turns each in the same
 * channel. Records when each turn is granted; Slack's pace holds if no two are closer than a second.
 */
export async function sharedPacers(redisUrl: string, perPacer = 8): Promise<SharedPacerFigures> {
  const connections = [new Redis(redisUrl), new Redis(redisUrl)];
  const prefix = `bench:pace:${randomBytes(3).toString('hex')}:`;
  try {
    const pacers = connections.map((r) => new RedisChannelPacer(r, { prefix }));
    const granted: { at: number; pacer: number }[] = [];
    await Promise.all(
      pacers.map(async (pacer, i) => {
        // Each process posts its turns one after another, as pacedPoster does in one channel.
        for (let k = 0; k < perPacer; k++) {
          await pacer.turn('C0STANDUP');
          granted.push({ at: performance.now(), pacer: i });
        }
      }),
    );
    granted.sort((a, b) => a.at - b.at);
    return {
      turns: granted.length,
      spanMs: granted.at(-1)!.at - granted[0]!.at,
      gapsMs: granted.slice(1).map((g, i) => g.at - granted[i]!.at),
      perPacer: [granted.filter((g) => g.pacer === 0).length, granted.filter((g) => g.pacer === 1).length],
    };
  } finally {
    for (const r of connections) r.disconnect();
  }
}
