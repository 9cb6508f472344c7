import { describe, expect, it } from 'vitest';
import { ConnectUrlError, parseWebServerUrl } from './web-server-url';

describe('the web server a daemon dials out to', () => {
  it('takes https as wss, keeping a path prefix', () => {
    expect(parseWebServerUrl('https://duet.example.org/lab/')).toEqual({
      origin: 'https://duet.example.org/lab',
      socketUrl: 'wss://duet.example.org/lab/api/daemons/connect',
      secure: true,
    });
  });

  it('takes plain http on loopback', () => {
    expect(parseWebServerUrl('http://127.0.0.1:3000').socketUrl).toBe(
      'ws://127.0.0.1:3000/api/daemons/connect',
    );
    expect(parseWebServerUrl('http://localhost:3000').secure).toBe(false);
  });

  it('refuses plain http beyond loopback unless told to allow it', () => {
    expect(() => parseWebServerUrl('http://duet.example.org')).toThrow(ConnectUrlError);
    expect(() => parseWebServerUrl('http://duet.example.org')).toThrow(
      /unencrypted.*https:\/\/.*--allow-insecure-http/,
    );
    expect(parseWebServerUrl('http://10.0.0.5:3000', { allowInsecureHttp: true }).socketUrl).toBe(
      'ws://10.0.0.5:3000/api/daemons/connect',
    );
  });

  it('refuses what is not an http(s) URL, with the reason', () => {
    expect(() => parseWebServerUrl('duet.example.org')).toThrow(/not a URL/);
    expect(() => parseWebServerUrl('ftp://duet.example.org')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parseWebServerUrl('https://u:p@duet.example.org')).toThrow(/user name or password/);
  });
});
