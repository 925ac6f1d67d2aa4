import type { lwChannels, lwMessages, lwResponseUrls, lwUsers, lwViews } from '../schema.js';

export type UserRow = typeof lwUsers.$inferSelect;
export type ChannelRow = typeof lwChannels.$inferSelect;
export type MessageRow = typeof lwMessages.$inferSelect;
export type NewMessageRow = typeof lwMessages.$inferInsert;
export type ViewRow = typeof lwViews.$inferSelect;
export type NewViewRow = typeof lwViews.$inferInsert;
export type HookRow = typeof lwResponseUrls.$inferSelect;
