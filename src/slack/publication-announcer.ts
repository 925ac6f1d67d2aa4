import type { Department } from '../department/schema.js';
import type { Announcer } from '../publishing/announcer.js';
import { publicationAnnouncement } from './blocks/publication-announcement.js';
import type { SlackGateway } from './gateway.js';

/** Announces publications in the department's published channel, posted by the department's own app. */
export function createPublicationAnnouncer(gateway: Pick<SlackGateway, 'announce' | 'findAnnouncement'>, department: Department): Announcer {
  const channel = `#${department.file.channels.published}`;
  return {
    channel,
    announce: (p) => gateway.announce({ channel, key: p.id, ...publicationAnnouncement(department, p) }),
    find: (p, since) => gateway.findAnnouncement({ channel, key: p.id, since }),
  };
}
