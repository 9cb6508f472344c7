/** The fingerprint keeps browser family/major version and allowlisted device facts, nothing else. */
import { describe, expect, it } from 'vitest';
import { browserOf, environmentOf, sharedDeviceSchema } from './fingerprint';

describe('share fingerprint', () => {
  it('reduces a user-agent string to family and major version', () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.80 Safari/537.36';
    expect(browserOf(chrome)).toEqual({ family: 'Chrome', version: '140' });
    expect(browserOf(`${chrome} Edg/140.0.3485.54`)).toEqual({ family: 'Edge', version: '140' });
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Gecko/20100101 Firefox/141.0')).toEqual({
      family: 'Firefox',
      version: '141',
    });
    expect(
      browserOf(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15',
      ),
    ).toEqual({ family: 'Safari', version: '26' });
    expect(browserOf('curl/8.0')).toEqual({ family: 'other' });
    const env = environmentOf({ userAgent: chrome, daemonVersion: '0.1.0' });
    expect(JSON.stringify(env)).not.toContain('Linux');
  });

  it('drops every device key the allowlist does not name', () => {
    const device = sharedDeviceSchema.parse({
      name: 'NVIDIA H100',
      computeCapability: '9.0',
      driverVersion: '580.1',
      cudaVersion: '13.0',
      memoryFreeBytes: 123,
      hostname: 'lab-7.example.edu',
      address: '10.0.0.7',
      serial: '1320xxxx',
      limits: { maxBufferSize: 1024, adapterSecret: 5 },
      features: ['shader-f16', 'my-extension'],
    });
    expect(device).toEqual({
      name: 'NVIDIA H100',
      computeCapability: '9.0',
      driverVersion: '580.1',
      cudaVersion: '13.0',
      limits: { maxBufferSize: 1024 },
      features: ['shader-f16'],
    });
  });
});
