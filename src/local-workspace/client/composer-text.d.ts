export declare function escapeSlack(text: unknown): string;
export declare function toSlackText(raw: string, tokens?: Map<string, string>): string;
export declare function parseCommand(raw: string, commands: string[]): { command: string; text: string } | null;
export declare function mentionQuery(value: string, cursor: number): { query: string; start: number } | null;
