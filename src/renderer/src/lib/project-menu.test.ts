import { describe, expect, it } from 'vitest';
import { hasProjectToken, projectMenuValue, withProject } from './project-menu';

const PROJECTS = [{ id: 1, name: 'billing' }, { id: 2, name: 'web' }, { id: 3, name: 'My App' }];

describe('the Project menu reads the search', () => {
  it('shows the one project a single project: token names, by name, slug or id', () => {
    expect(projectMenuValue('project:billing', undefined, PROJECTS)).toBe(1);
    expect(projectMenuValue('timeout project:Billing', undefined, PROJECTS)).toBe(1);
    expect(projectMenuValue('project:my-app', undefined, PROJECTS)).toBe(3);
    expect(projectMenuValue('project:"My App"', undefined, PROJECTS)).toBe(3);
    expect(projectMenuValue('project:2', undefined, PROJECTS)).toBe(2);
    expect(projectMenuValue('project:[web]', undefined, PROJECTS)).toBe(2);
  });

  it('says "from the search" for what one project cannot show', () => {
    expect(projectMenuValue('project:[web,billing]', undefined, PROJECTS)).toBe('search');
    expect(projectMenuValue('!project:web', undefined, PROJECTS)).toBe('search');
    expect(projectMenuValue('project:nope', undefined, PROJECTS)).toBe('search');
    expect(projectMenuValue('project:web project:billing', undefined, PROJECTS)).toBe('search');
    expect(projectMenuValue('project:web', 1, PROJECTS)).toBe('search');
  });

  it('falls back to the URL project without a token', () => {
    expect(projectMenuValue('timeout', 2, PROJECTS)).toBe(2);
    expect(projectMenuValue(undefined, undefined, PROJECTS)).toBe('');
  });

  it('rewrites or drops the token when a project is picked', () => {
    expect(withProject('timeout project:billing level:error', 'web')).toBe('timeout level:error project:web');
    expect(withProject('!project:[a,b] x', 'My App')).toBe('x project:"My App"');
    expect(withProject('project:billing', null)).toBeUndefined();
    expect(hasProjectToken('projects are fun')).toBe(false);
    expect(hasProjectToken('x !project:web')).toBe(true);
  });
});
