import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { localWorkspaceGuide } from '../../../src/slack/local-guide.js';
import { resolveTargets, type ChannelType } from '../../../src/slack/routing.js';
import { departmentFixture } from '../../support/department-fixture.js';

/**
 * The local workspace tells people who answers where; routing decides who does. They must agree,
 * or the page invites people to talk where nobody answers.
 */
const APP = 'U0LOCALBOT';

describe.each([
  ['the fixture department', departmentFixture()],
  ['the department in manifests/', loadDepartment('manifests', 'prompts')],
])('the local workspace guide says what routing does, for %s', (_label, department) => {
  const route = (text: string, channelName: string | undefined, channelType: ChannelType = 'channel') =>
    resolveTargets({ text, channelName, channelType, isThreadReply: false, threadAgents: [], mainBotUserId: APP, agentByUserId: () => undefined, department }).targets;
  const nameOf = (id: string) => department.byId.get(id)!.name;
  const guide = localWorkspaceGuide(department, { rehearsal: true });

  it('each team channel\'s topic names the agent that answers a plain hello there', () => {
    const homes = [...new Set(department.agents.flatMap((a) => a.home_channels))];
    expect(homes.length).toBeGreaterThan(0);
    for (const channel of homes) {
      const [answers] = route('hello', channel);
      expect(guide.topics![channel], channel).toMatch(new RegExp(`^${nameOf(answers!)} answers new messages here`));
    }
  });

  it('#general and the set-aside channels say that only a named agent answers, and nobody answers a plain hello', () => {
    for (const channel of ['general', ...Object.values(department.file.channels)]) {
      expect(guide.topics![channel], channel).toContain('only when you name one');
      expect(route('hello', channel)).toEqual([]);
      expect(route(`<@${APP}> hello`, channel)).toEqual([department.file.front_desk]);
      expect(route('@content hello', channel)).toEqual(['content_manager']);
    }
  });

  it('the DM with the app, where the page opens, is answered by the front desk, as its topic and welcome say', () => {
    const frontDesk = nameOf(department.file.front_desk);
    expect(route('hello', undefined, 'im')).toEqual([department.file.front_desk]);
    expect(guide.appDmTopic).toContain(`${frontDesk} (the front desk) answers every message here`);
    expect(guide.welcome).toContain(`*Say hello right here.* ${frontDesk}`);
    // The example it suggests names a real agent.
    const handle = /`@([a-z0-9_-]+) /.exec(guide.welcome!)![1]!;
    expect(route(`@${handle} what should we work on first?`, undefined, 'im')).toEqual([department.byHandle.get(handle)!.id]);
  });

  it('shows the rehearsal banner only with the rehearsal model', () => {
    expect(guide.banner).toMatch(/^Rehearsal model: .*not Claude.*ANTHROPIC_API_KEY/);
    expect(localWorkspaceGuide(department, { rehearsal: false }).banner).toBeUndefined();
  });
});
