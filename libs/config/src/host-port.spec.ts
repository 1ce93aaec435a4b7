import { describe, expect, it } from '@jest/globals';
import { formatHostPort, parseHostPort } from './host-port.js';

describe('parseHostPort', () => {
  it.each([
    ['localhost:9904', 'localhost', 9904],
    ['10.0.0.5:9092', '10.0.0.5', 9092],
    ['[::1]:9904', '::1', 9904],
    ['[2001:db8::1]:443', '2001:db8::1', 443],
    ['kafka-0.kafka.svc.cluster.local:9092', 'kafka-0.kafka.svc.cluster.local', 9092],
  ])('parses %s and formats it back', (text, host, port) => {
    const address = parseHostPort(text, { allowEmptyHost: false });
    expect(address).toEqual({ host, port });
    expect(formatHostPort(address!)).toBe(text);
  });

  it('accepts :port only for listen addresses', () => {
    expect(parseHostPort(':9904', { allowEmptyHost: true })).toEqual({ host: '', port: 9904 });
    expect(formatHostPort({ host: '', port: 9904 })).toBe(':9904');
    expect(parseHostPort(':9904', { allowEmptyHost: false })).toBeUndefined();
  });

  it('drops a dns:/// or k8s:/// resolver prefix only where allowed', () => {
    const rules = { allowEmptyHost: false, allowResolverScheme: true };
    expect(parseHostPort('k8s:///peer.teranode.svc.cluster.local:9904', rules)).toEqual({
      host: 'peer.teranode.svc.cluster.local',
      port: 9904,
    });
    expect(parseHostPort('dns:///[::1]:9904', rules)).toEqual({ host: '::1', port: 9904 });
    expect(parseHostPort('k8s://peer:9904', rules)).toBeUndefined();
    expect(parseHostPort('passthrough:///peer:9904', rules)).toBeUndefined();
    expect(parseHostPort('k8s:///peer:9904', { allowEmptyHost: false })).toBeUndefined();
  });

  it.each([
    ['localhost', 'no port'],
    ['localhost:', 'empty port'],
    ['localhost:70000', 'port too large'],
    ['localhost:0', 'port 0'],
    ['::1:9904', 'IPv6 without brackets'],
    ['[::1]', 'brackets without port'],
    ['[1.2.3.4]:80', 'IPv4 in brackets'],
    ['[::1]:9904:1', 'two ports'],
    ['bad host:80', 'space in host'],
    ['http://localhost:80', 'URL'],
    ['300.1.1.1:80', 'bad IPv4'],
  ])('rejects %j (%s)', (text) => {
    expect(parseHostPort(text, { allowEmptyHost: true })).toBeUndefined();
  });
});
