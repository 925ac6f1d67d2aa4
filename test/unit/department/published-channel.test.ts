import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { departmentChannels } from '../../../src/department/channels.js';
import { loadDepartment } from '../../../src/department/load.js';
import { localWorkspaceGuide } from '../../../src/slack/local-guide.js';
import { copyOfDepartment } from './fixture.js';

/** The channel where publications are announced: in the department file, created by the local workspace, its topic saying what it holds. */
describe('the published channel', () => {
  it('is marketing-published in manifests/, made by the local workspace with a topic that says what it is', () => {
    const department = loadDepartment('manifests', 'prompts');
    expect(department.file.channels.published).toBe('marketing-published');
    expect(departmentChannels(department)).toContain('marketing-published');
    expect(localWorkspaceGuide(department, { rehearsal: false }).topics!['marketing-published']).toMatch(/^The department's library: each approved deliverable as it is published/);
  });

  it('defaults to marketing-published, so a department file from before it still loads', () => {
    const d = copyOfDepartment();
    d.edit(join(d.manifests, 'department.yml'), /^ {2}published: .*\n/m, '');
    expect(loadDepartment(d.manifests, d.prompts).file.channels.published).toBe('marketing-published');
  });

  it('is checked like the other channel names', () => {
    const d = copyOfDepartment();
    d.edit(join(d.manifests, 'department.yml'), /^ {2}published: .*$/m, '  published: "#Published"');
    expect(() => loadDepartment(d.manifests, d.prompts)).toThrow(/department\.yml: channels\.published: must be a Slack channel name without #/);
  });
});
