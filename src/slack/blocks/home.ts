import type { types } from '@slack/bolt';
import type { Department } from '../../department/schema.js';
import { directoryBlocks } from './directory.js';

type HomeView = types.HomeView;

/** The App Home tab: how to reach the department, then its directory with Ask buttons. */
export function homeView(department: Department): HomeView {
  const { channels } = department.file;
  const frontDesk = department.byId.get(department.file.front_desk)?.name ?? 'the front desk';
  const [header, ...directory] = directoryBlocks(department);
  return {
    type: 'home',
    blocks: [
      header!,
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [
            `${department.agents.length} agents work here as a marketing department. Message the app (the *Messages* tab: ${frontDesk}, the front desk, answers), mention it with a handle (\`@Marketing Dept content …\`), write in a team's channel, or press *Ask* below.`,
            '`/dept tasks` and `/dept decisions` list the tasks and decisions agents have recorded.',
            // Only what works today: standups, approval cards and escalations are not built yet.
            `Scheduled standups and approval cards are coming; #${channels.standup}, #${channels.approvals} and #${channels.escalations} are set aside for them.`,
          ].join('\n'),
        },
      },
      ...directory.slice(1), // the directory's own usage hint is said above
    ],
  };
}
