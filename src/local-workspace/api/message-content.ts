import type { PostInput } from '../messaging/post-message.js';
import { normalizeBlocks } from '../shapes/normalize-blocks.js';
import type { Args } from './args.js';
import { SlackError } from './slack-error.js';

const MAX_TEXT = 40_000;
/** A section's text (https://docs.slack.dev/reference/block-kit/blocks/section-block). */
const MAX_SECTION_TEXT = 3000;
/**
 * What the text of a message's blocks may add up to before Slack answers msg_blocks_too_long: not
 * documented, observed at about 13,200 (https://github.com/slackapi/bolt-js/issues/2509).
 */
const MAX_BLOCKS_TEXT = 13_000;

type Content = Pick<PostInput, 'text' | 'blocks' | 'attachments' | 'metadata'>;

/** text / blocks / attachments / metadata of chat.postMessage and friends, checked as Slack checks them. */
export function messageContent(args: Args, { requireSome = true } = {}): Content {
  const text = args.string('text') ?? '';
  if (text.length > MAX_TEXT) throw new SlackError('msg_too_long');
  const rawBlocks = args.json('blocks', 'invalid_blocks');
  const blocks = rawBlocks === undefined ? undefined : normalizeBlocks(rawBlocks, 50);
  if (rawBlocks !== undefined && !blocks) throw new SlackError('invalid_blocks', { errors: ['must be an array of blocks, each with a type'] });
  if (blocks) checkBlockText(blocks);
  const rawAttachments = args.json('attachments', 'invalid_attachments');
  if (rawAttachments !== undefined && !Array.isArray(rawAttachments)) throw new SlackError('invalid_attachments');
  const attachments = rawAttachments as unknown[] | undefined;
  const metadata = args.json('metadata', 'invalid_metadata_format');
  if (metadata !== undefined && !isMetadata(metadata)) throw new SlackError('invalid_metadata_format');
  if (requireSome && !text && !blocks?.length && !attachments?.length) throw new SlackError('no_text');
  return { text, blocks: blocks?.length ? blocks : undefined, attachments, metadata: metadata as Content['metadata'] };
}

/** Slack's limits on the text a message's blocks carry, so a message too long for Slack fails here too. */
function checkBlockText(blocks: Record<string, unknown>[]): void {
  let total = 0;
  for (const [i, b] of blocks.entries()) {
    const text = (b.text as { text?: unknown } | undefined)?.text;
    const length = typeof text === 'string' ? text.length : 0;
    if (b.type === 'section' && length > MAX_SECTION_TEXT) {
      throw new SlackError('invalid_blocks', { errors: [`must be less than ${MAX_SECTION_TEXT + 1} characters [json-pointer:/blocks/${i}/text/text]`] });
    }
    total += length;
  }
  if (total > MAX_BLOCKS_TEXT) throw new SlackError('msg_blocks_too_long');
}

function isMetadata(v: unknown): boolean {
  const m = v as { event_type?: unknown; event_payload?: unknown };
  return typeof m === 'object' && m !== null && typeof m.event_type === 'string' && typeof m.event_payload === 'object' && m.event_payload !== null;
}

/** chat:write.customize: a username and icon_emoji (wins) or icon_url for this one message. */
export function personaArgs(args: Args): Pick<PostInput, 'username' | 'icons'> {
  const username = args.string('username');
  const emoji = args.string('icon_emoji');
  const url = args.string('icon_url');
  const icons: Record<string, string> | undefined = emoji ? { emoji: emoji.startsWith(':') ? emoji : `:${emoji}:` } : url ? { image_36: url, image_48: url, image_72: url } : undefined;
  return { username, icons };
}
