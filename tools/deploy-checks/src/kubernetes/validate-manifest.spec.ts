import { describe, expect, it } from '@jest/globals';
import { validateManifest } from './validate-manifest.js';

describe('validateManifest', () => {
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { ports: [{ port: 80, targetPort: 'http' }] },
  };

  it('accepts a valid manifest', () => {
    expect(() => validateManifest(service)).not.toThrow();
  });

  it('rejects schema violations, naming the manifest and the field', () => {
    const bad = { ...service, spec: { ports: [{ port: '80' }] } };
    expect(() => validateManifest(bad)).toThrow(/v1\/Service s: .*port must be integer/);
    const wrongField = { ...service, spec: { ports: [{ port: 80, targetPort: { a: 1 } }] } };
    expect(() => validateManifest(wrongField)).toThrow('v1/Service s');
  });

  it('rejects kinds the chart is not meant to render', () => {
    expect(() => validateManifest({ ...service, kind: 'Pod' })).toThrow(
      'not a kind the chart may render',
    );
  });
});
