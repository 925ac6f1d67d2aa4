export declare const EMOJI: Readonly<Record<string, string>>;
export declare function emojiChar(code: unknown): string | undefined;
