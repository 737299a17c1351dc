import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/index.ts';

/** Settings that follow others unless set themselves, so changing one place moves everything that depends on it. */
describe('settings derived from other settings', () => {
  it('PREVIEW_BASE_URL follows PREVIEW_PORT, so links name the port the preview server listens on', () => {
    expect(loadConfig({ PREVIEW_PORT: '9101' }).preview.baseUrl).toBe('http://localhost:9101');
  });

  it('PREVIEW_BASE_URL defaults to a host name in subdomain mode too, where previews are <id>.localhost:<port>', () => {
    const config = loadConfig({ PREVIEW_HOST_MODE: 'subdomain', PREVIEW_PORT: '9102' });
    expect(config.preview).toMatchObject({ hostMode: 'subdomain', baseUrl: 'http://localhost:9102' });
  });

  it('an explicit PREVIEW_BASE_URL wins over PREVIEW_PORT', () => {
    const config = loadConfig({ PREVIEW_PORT: '9103', PREVIEW_BASE_URL: 'https://preview.example/' });
    expect(config.preview).toMatchObject({ port: 9103, baseUrl: 'https://preview.example' });
  });

  it('PREVIEWS_DIR follows DATA_DIR, so moving the data moves the previews with the database', () => {
    expect(loadConfig({ DATA_DIR: '/srv/orchestrator' }).preview.storage).toEqual({
      kind: 'fs',
      dir: '/srv/orchestrator/previews',
    });
    expect(loadConfig({ DATA_DIR: '/srv/orchestrator/' }).preview.storage).toEqual({
      kind: 'fs',
      dir: '/srv/orchestrator/previews',
    });
  });

  it('an explicit PREVIEWS_DIR wins over DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: '/srv/orchestrator', PREVIEWS_DIR: '/mnt/previews' });
    expect(config).toMatchObject({
      dataDir: '/srv/orchestrator',
      preview: { storage: { kind: 'fs', dir: '/mnt/previews' } },
    });
  });
});
