export interface MrkdwnLookup {
  user?: (id: string) => string | undefined;
  channel?: (id: string) => string | undefined;
}
export declare function escapeHtml(value: unknown): string;
export declare function isSafeUrl(url: unknown): boolean;
export declare function renderMrkdwn(text: unknown, lookup?: MrkdwnLookup): string;
export declare function renderPlain(text: unknown, options?: { emoji?: boolean }): string;
export declare function renderTextObject(obj: unknown, lookup?: MrkdwnLookup): string;
