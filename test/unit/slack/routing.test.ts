import { describe, expect, it } from 'vitest';
import { homeAgent, resolveTargets, type RoutingInput } from '../../../src/slack/routing.js';
import { departmentFixture } from '../../support/department-fixture.js';

const department = departmentFixture();
const APP = 'UAPP';
// copywriter has a dedicated bot user; everyone else is a persona.
const dedicated: Record<string, string> = { UCOPY: 'copywriter' };

const route = (text: string, over: Partial<RoutingInput> = {}) =>
  resolveTargets({
    text,
    channelName: 'random',
    channelType: 'channel',
    isThreadReply: false,
    threadAgents: [],
    mainBotUserId: APP,
    agentByUserId: (u) => dedicated[u],
    department,
    ...over,
  });

describe('resolveTargets', () => {
  describe('(a) native mentions of dedicated agent bots', () => {
    it('targets the mentioned agent', () => {
      expect(route('<@UCOPY> draft the launch post')).toEqual({ targets: ['copywriter'], reason: 'mention' });
    });
    it('reads the <@U|name> form and ignores people', () => {
      expect(route('<@UHUMAN> and <@UCOPY|copywriter> please')).toEqual({ targets: ['copywriter'], reason: 'mention' });
    });
    it('wins over the thread, the home channel and the DM front desk', () => {
      expect(route('<@UCOPY> again', { isThreadReply: true, threadAgents: ['seo_specialist'] }).targets).toEqual(['copywriter']);
      expect(route('<@UCOPY> hi', { channelName: 'marketing-leadership' }).targets).toEqual(['copywriter']);
      expect(route('<@UCOPY> hi', { channelType: 'im', channelName: undefined }).targets).toEqual(['copywriter']);
    });
    it('combines with persona handles, in the order written', () => {
      expect(route('@seo then <@UCOPY>')).toEqual({ targets: ['seo_specialist', 'copywriter'], reason: 'mention' });
    });
  });

  describe('(b) persona handles', () => {
    it('finds @handle, @alias, @id and @name anywhere, case-insensitively', () => {
      expect(route('hey @seo can you look').targets).toEqual(['seo_specialist']);
      expect(route('ping @Writer about this').targets).toEqual(['copywriter']);
      expect(route('for @content_manager.').targets).toEqual(['content_manager']);
      expect(route('cc @SEO Specialist, thanks').targets).toEqual(['seo_specialist']);
      expect(route('@content-manager please').targets).toEqual(['content_manager']);
      expect(route('ask @VP of Marketing').targets).toEqual(['vp_marketing']);
    });
    it('keeps several handles in order and drops repeats', () => {
      expect(route('@copywriter and @seo, then @copywriter again')).toEqual({ targets: ['copywriter', 'seo_specialist'], reason: 'handle' });
    });
    it('ignores unknown handles, e-mail addresses and punctuation', () => {
      expect(route('mail bob@seo.com or @nobody')).toEqual({ targets: [], reason: 'none' });
      expect(route('(@seo)').targets).toEqual(['seo_specialist']);
    });
    it('reads the first words after an app mention as a handle, id or name', () => {
      expect(route('<@UAPP> copywriter write a tagline')).toEqual({ targets: ['copywriter'], reason: 'handle' });
      expect(route('<@UAPP> Content Manager: plan next week')).toEqual({ targets: ['content_manager'], reason: 'handle' });
      expect(route('<@UAPP>, seo_specialist check keywords').targets).toEqual(['seo_specialist']);
      expect(route('<@UAPP|marketing> writer, please').targets).toEqual(['copywriter']);
    });
    it('does not treat an ordinary first word after the app mention as a name', () => {
      expect(route('<@UAPP> can someone write a tagline')).toEqual({ targets: ['vp_marketing'], reason: 'mention' });
    });
    it('does not read plain words elsewhere as names', () => {
      expect(route('the copywriter will handle it')).toEqual({ targets: [], reason: 'none' });
    });
    it('wins over the thread and the home channel', () => {
      expect(route('@seo thoughts?', { isThreadReply: true, threadAgents: ['copywriter'] }).targets).toEqual(['seo_specialist']);
      expect(route('@seo thoughts?', { channelName: 'marketing-leadership' }).targets).toEqual(['seo_specialist']);
    });
  });

  describe('(c) thread replies', () => {
    it('go to the agent that spoke last in the thread', () => {
      expect(route('sounds good, go ahead', { isThreadReply: true, threadAgents: ['copywriter', 'content_manager'] })).toEqual({
        targets: ['copywriter'],
        reason: 'thread',
      });
    });
    it('skip agents no longer in the department', () => {
      expect(route('ok', { isThreadReply: true, threadAgents: ['retired_agent', 'seo_specialist'] }).targets).toEqual(['seo_specialist']);
    });
    it('win over the home channel', () => {
      expect(route('ok', { isThreadReply: true, threadAgents: ['seo_specialist'], channelName: 'marketing-content' }).targets).toEqual([
        'seo_specialist',
      ]);
    });
    it('without agents in the thread, stay between people', () => {
      expect(route('ok', { isThreadReply: true, channelName: 'marketing-content' })).toEqual({ targets: [], reason: 'none' });
    });
  });

  describe('(d) home channels', () => {
    it('send a plain top-level message to the most senior home agent', () => {
      expect(route('what is on the calendar?', { channelName: 'marketing-content' })).toEqual({ targets: ['content_manager'], reason: 'home_channel' });
    });
    it('break ties between equals in manifest order', () => {
      expect(route('status?', { channelName: 'marketing-leadership' }).targets).toEqual(['cmo']);
      expect(homeAgent(department, 'marketing-design')).toBe('designer');
      expect(homeAgent(department, 'random')).toBeUndefined();
    });
    it('take an app mention in the home channel, even in a thread without agents', () => {
      expect(route('<@UAPP> help', { channelName: 'marketing-content' })).toEqual({ targets: ['content_manager'], reason: 'home_channel' });
      expect(route('<@UAPP> help', { channelName: 'marketing-content', isThreadReply: true }).targets).toEqual(['content_manager']);
    });
    it('need the channel name', () => {
      expect(route('hello', { channelName: undefined })).toEqual({ targets: [], reason: 'none' });
    });
  });

  describe('(e) DMs to the app', () => {
    it('go to the front desk', () => {
      expect(route('hi, who can help with a launch?', { channelType: 'im', channelName: undefined })).toEqual({ targets: ['vp_marketing'], reason: 'dm' });
    });
    it('unless a handle names someone', () => {
      expect(route('@seo quick question', { channelType: 'im', channelName: undefined })).toEqual({ targets: ['seo_specialist'], reason: 'handle' });
    });
    it('a DM thread reply follows the agent in the thread', () => {
      expect(route('thanks', { channelType: 'im', channelName: undefined, isThreadReply: true, threadAgents: ['copywriter'] }).targets).toEqual(['copywriter']);
    });
  });

  describe('(f) app mentions without a name', () => {
    it('go to the front desk', () => {
      expect(route('<@UAPP> we need a launch plan')).toEqual({ targets: ['vp_marketing'], reason: 'mention' });
      expect(route('<@UAPP>', { channelType: 'group' })).toEqual({ targets: ['vp_marketing'], reason: 'mention' });
    });
  });

  describe('(g) everything else', () => {
    it('is ignored', () => {
      expect(route('lunch anyone?')).toEqual({ targets: [], reason: 'none' });
      expect(route('lunch?', { channelType: 'mpim', channelName: 'mpdm-a--b-1' })).toEqual({ targets: [], reason: 'none' });
      expect(route('<@UHUMAN> can you review?')).toEqual({ targets: [], reason: 'none' });
    });
  });
});
