import type { Handler } from '../handler.js';
import { authTest } from './auth-test.js';
import { botsInfo } from './bots-info.js';
import { chatDelete } from './chat-delete.js';
import { chatGetPermalink } from './chat-get-permalink.js';
import { chatPostEphemeral } from './chat-post-ephemeral.js';
import { chatPostMessage } from './chat-post-message.js';
import { chatUpdate } from './chat-update.js';
import { conversationsHistory } from './conversations-history.js';
import { conversationsInfo } from './conversations-info.js';
import { conversationsJoin } from './conversations-join.js';
import { conversationsList } from './conversations-list.js';
import { conversationsMembers } from './conversations-members.js';
import { conversationsOpen } from './conversations-open.js';
import { conversationsReplies } from './conversations-replies.js';
import { reactionsAdd } from './reactions-add.js';
import { usersInfo, usersList } from './users.js';
import { viewsOpen, viewsPush } from './views-open.js';
import { viewsPublish } from './views-publish.js';
import { viewsUpdate } from './views-update.js';

/** The Web API subset the local workspace answers; anything else is unknown_method. */
export const METHODS: Record<string, Handler> = {
  'auth.test': authTest,
  'bots.info': botsInfo,
  'chat.delete': chatDelete,
  'chat.getPermalink': chatGetPermalink,
  'chat.postEphemeral': chatPostEphemeral,
  'chat.postMessage': chatPostMessage,
  'chat.update': chatUpdate,
  'conversations.history': conversationsHistory,
  'conversations.info': conversationsInfo,
  'conversations.join': conversationsJoin,
  'conversations.list': conversationsList,
  'conversations.members': conversationsMembers,
  'conversations.open': conversationsOpen,
  'conversations.replies': conversationsReplies,
  'reactions.add': reactionsAdd,
  'users.info': usersInfo,
  'users.list': usersList,
  'views.open': viewsOpen,
  'views.publish': viewsPublish,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
};
