import type { Db } from '../../store/database.js';
import { MAIN_APP } from '../constants.js';
import { lwTokens, lwUsers } from '../schema.js';
import type { UserRow } from './rows.js';

/**
 * Everyone in the workspace and the tokens that act for them, held in memory: users and tokens are
 * only created when the workspace is seeded, and every API call and rendered message looks them up.
 */
export class Directory {
  private readonly byId = new Map<string, UserRow>();
  private readonly byBot = new Map<string, UserRow>();
  private readonly byTokenMap = new Map<string, UserRow>();

  constructor(users: UserRow[], tokens: { token: string; userId: string }[]) {
    for (const u of users) {
      this.byId.set(u.id, u);
      if (u.botId) this.byBot.set(u.botId, u);
    }
    for (const t of tokens) {
      const u = this.byId.get(t.userId);
      if (u) this.byTokenMap.set(t.token, u);
    }
  }

  user(id: string | null | undefined): UserRow | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  byBotId(botId: string | null | undefined): UserRow | undefined {
    return botId ? this.byBot.get(botId) : undefined;
  }

  byToken(token: string): UserRow | undefined {
    return this.byTokenMap.get(token);
  }

  all(): UserRow[] {
    return [...this.byId.values()];
  }

  humans(): UserRow[] {
    return this.all().filter((u) => !u.isBot);
  }

  get mainBot(): UserRow {
    return this.byId.get(MAIN_APP.userId)!;
  }

  /** The display name Slack clients show: the real name. */
  displayName(id: string): string {
    return this.byId.get(id)?.realName ?? id;
  }
}

export async function loadDirectory(db: Db): Promise<Directory> {
  const [users, tokens] = await Promise.all([db.select().from(lwUsers), db.select().from(lwTokens)]);
  return new Directory(users, tokens);
}
