import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { MANIFESTS, PROMPTS } from './fixture.js';

describe('org chart', () => {
  const dept = loadDepartment(MANIFESTS, PROMPTS);
  const manages = (id: string) => [...dept.byId.get(id)!.manages].sort();

  it('has the CMO alone at the top, reporting to the humans', () => {
    const tops = dept.agents.filter((a) => a.reports_to === 'human');
    expect(tops.map((a) => a.id)).toEqual(['cmo']);
    expect(tops[0]!.layer).toBe('executive');
  });

  it('derives who manages whom from reports_to', () => {
    expect(manages('cmo')).toEqual(['analytics_specialist', 'director_of_communications', 'market_research', 'vp_marketing']);
    expect(manages('vp_marketing')).toEqual(['campaign_manager', 'content_manager', 'social_media_manager']);
    expect(manages('content_manager')).toEqual(['copywriter', 'designer', 'seo_specialist']);
    expect(manages('campaign_manager')).toEqual(['email_specialist']);
    expect(manages('copywriter')).toEqual([]);
  });

  it('counts dotted lines: the Social Media Manager manages the Designer too', () => {
    expect(manages('social_media_manager')).toEqual(['designer', 'linkedin_manager', 'twitter_manager']);
  });

  it('puts every agent under the CMO', () => {
    for (const a of dept.agents) {
      let cur = a;
      for (let hops = 0; cur.reports_to !== 'human'; hops++) {
        expect(hops).toBeLessThan(dept.agents.length);
        cur = dept.byId.get(cur.reports_to)!;
      }
      expect(cur.id).toBe('cmo');
    }
  });
});
