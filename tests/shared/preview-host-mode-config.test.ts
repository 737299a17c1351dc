import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../shared/config/index.ts';

describe('PREVIEW_HOST_MODE', () => {
  it('defaults to path', () => {
    expect(loadConfig({}).preview.hostMode).toBe('path');
  });

  it('accepts subdomain with a preview domain', () => {
    expect(
      loadConfig({ PREVIEW_HOST_MODE: 'subdomain', PREVIEW_BASE_URL: 'https://preview.example' }).preview,
    ).toMatchObject({
      hostMode: 'subdomain',
      baseUrl: 'https://preview.example',
    });
  });

  it('refuses anything else with one plain line', () => {
    try {
      loadConfig({ PREVIEW_HOST_MODE: 'wildcard' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(1);
      expect((error as ConfigError).problems[0]).toMatch(/^PREVIEW_HOST_MODE: /);
    }
  });

  it.each(['http://127.0.0.1:8001', 'http://[::1]:8001'])(
    'refuses subdomain mode on an IP address (%s): no names exist under it',
    (baseUrl) => {
      expect(() => loadConfig({ PREVIEW_HOST_MODE: 'subdomain', PREVIEW_BASE_URL: baseUrl })).toThrow(
        /PREVIEW_BASE_URL: must name a domain/,
      );
    },
  );
});
